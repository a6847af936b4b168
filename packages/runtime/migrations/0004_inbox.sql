-- Consumed event ids, for at-most-once effects of at-least-once deliveries.
CREATE TABLE shipshape_inbox (
  tenant_id   text        NOT NULL,
  consumer    text        NOT NULL,
  event_id    text        NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, consumer, event_id)
);

ALTER TABLE shipshape_inbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipshape_inbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shipshape_inbox
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY runtime_maintenance ON shipshape_inbox TO CURRENT_USER
  USING (current_setting('app.maintenance', true) = 'on');
GRANT SELECT, INSERT ON shipshape_inbox TO shipshape_app;
