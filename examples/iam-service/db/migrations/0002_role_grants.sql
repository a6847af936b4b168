-- Permissions are global reference data; role grants belong to a tenant.
CREATE TABLE permissions (
  name text PRIMARY KEY,
  description text NOT NULL
);

CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  permission text NOT NULL REFERENCES permissions (name),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX role_grants_user_permission_idx ON role_grants (tenant_id, user_id, permission);

ALTER TABLE role_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY role_grants_tenant_isolation ON role_grants
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
