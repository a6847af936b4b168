-- Idempotency-Key records: one per tenant + method + route template + key, kept 24 h.
CREATE TABLE shipshape_idempotency_keys (
  tenant_id        text        NOT NULL,
  method           text        NOT NULL,
  route            text        NOT NULL,
  idempotency_key  text        NOT NULL,
  fingerprint      text        NOT NULL,
  state            text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
  claim_token      uuid,
  lease_until      timestamptz,
  response_status  integer,
  response_headers jsonb,
  response_body    bytea,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, method, route, idempotency_key)
);
CREATE INDEX shipshape_idempotency_keys_expires_at ON shipshape_idempotency_keys (expires_at);

ALTER TABLE shipshape_idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipshape_idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shipshape_idempotency_keys
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
-- The owner sees every tenant's rows only inside db.maintenanceTx() (expiry cleanup).
CREATE POLICY runtime_maintenance ON shipshape_idempotency_keys TO CURRENT_USER
  USING (current_setting('app.maintenance', true) = 'on');
GRANT SELECT, INSERT, UPDATE, DELETE ON shipshape_idempotency_keys TO shipshape_app;
