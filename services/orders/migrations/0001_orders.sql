-- 0001: the order aggregate (table orders), tenant-scoped with row-level security.
-- Forward-only: never edit a migration that has been applied anywhere; add the next number instead.
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL CHECK (char_length(tenant_id) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text CHECK (char_length(description) BETWEEN 0 AND 2000),
  quantity integer CHECK (quantity BETWEEN 0 AND 1000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- millisecond precision, so the pagination cursor (created_at, id) round-trips through JSON exactly
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);

CREATE INDEX orders_tenant_page_idx ON orders (tenant_id, created_at, id);

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;

CREATE POLICY orders_tenant_isolation ON orders
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));

GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO shipshape_app;
