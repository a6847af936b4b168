-- Transactional outbox: written in the business transaction, published by the relay.
CREATE TABLE shipshape_outbox (
  seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id              uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  tenant_id       text        NOT NULL,
  type            text        NOT NULL,
  source          text        NOT NULL,
  subject         text        NOT NULL,
  data            jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz,
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until   timestamptz,
  claimed_by      text
);
CREATE INDEX shipshape_outbox_pending ON shipshape_outbox (seq) WHERE published_at IS NULL;

ALTER TABLE shipshape_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipshape_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shipshape_outbox
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
-- The relay reads and marks every tenant's rows inside db.maintenanceTx().
CREATE POLICY runtime_maintenance ON shipshape_outbox TO CURRENT_USER
  USING (current_setting('app.maintenance', true) = 'on');
GRANT SELECT, INSERT ON shipshape_outbox TO shipshape_app;
