-- Append-only audit log: who did what, when, with the before/after images.
CREATE TABLE shipshape_audit_log (
  id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text        NOT NULL,
  actor     text,
  action    text        NOT NULL,
  entity    text        NOT NULL,
  entity_id text        NOT NULL,
  before    jsonb,
  after     jsonb,
  trace_id  text,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipshape_audit_log_entity ON shipshape_audit_log (tenant_id, entity, entity_id);

ALTER TABLE shipshape_audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipshape_audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON shipshape_audit_log FOR SELECT
  USING (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY tenant_append ON shipshape_audit_log FOR INSERT
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY runtime_maintenance ON shipshape_audit_log FOR SELECT TO CURRENT_USER
  USING (current_setting('app.maintenance', true) = 'on');

-- The app role may only read and append.
REVOKE ALL ON shipshape_audit_log FROM PUBLIC;
GRANT SELECT, INSERT ON shipshape_audit_log TO shipshape_app;

-- And nobody, the owner and superusers included, may rewrite history: privileges do not bind the
-- owner or a superuser, this trigger does (statement-level, so it fires even when no row matches).
CREATE FUNCTION shipshape_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'shipshape_audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER shipshape_audit_log_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON shipshape_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION shipshape_audit_log_append_only();
