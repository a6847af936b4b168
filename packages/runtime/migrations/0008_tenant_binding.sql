-- Tenant binding (issue 9 §4): row-level security keys on a tenant id the request role cannot forge.
-- A tenant transaction sets app.tenant_id and app.tenant_sig = hex(HMAC-SHA256(key, tenant id)). The key lives
-- in shipshape_tenant_key, which only the owner can read; shipshape_current_tenant() runs as the owner
-- (SECURITY DEFINER) and returns the tenant id only when its signature matches, NULL otherwise. SQL inside a
-- tenant transaction can still call set_config('app.tenant_id', …), but without the key it cannot sign another
-- tenant's id: it then sees no rows and can write none.
CREATE TABLE shipshape_tenant_key (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  key       bytea   NOT NULL CHECK (length(key) = 32),
  -- HMAC's inner and outer pads (key zero-filled to SHA-256's 64-byte block, XOR 0x36 / 0x5c), precomputed
  -- so the check is two sha256() calls.
  ipad      bytea   NOT NULL,
  opad      bytea   NOT NULL
);
REVOKE ALL ON shipshape_tenant_key FROM PUBLIC;

DO $do$
DECLARE
  -- 32 bytes from two version-4 UUIDs: gen_random_uuid() draws from pg_strong_random (244 random bits).
  k     bytea := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
  block bytea := k || decode(repeat('00', 32), 'hex');
  i     bytea := block;
  o     bytea := block;
BEGIN
  FOR n IN 0..63 LOOP
    i := set_byte(i, n, get_byte(block, n) # 54);
    o := set_byte(o, n, get_byte(block, n) # 92);
  END LOOP;
  INSERT INTO shipshape_tenant_key (key, ipad, opad) VALUES (k, i, o);
  -- Schema-qualified, with pg_temp last: a temporary table named shipshape_tenant_key must not stand in
  -- for the real one inside a SECURITY DEFINER function.
  EXECUTE format($f$
    CREATE FUNCTION %1$I.shipshape_current_tenant() RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$I, pg_temp
    AS $body$
      SELECT t.id
        FROM (SELECT current_setting('app.tenant_id', true) AS id,
                     current_setting('app.tenant_sig', true) AS sig) t,
             %1$I.shipshape_tenant_key k
       WHERE t.id <> ''
         AND t.sig = encode(sha256(k.opad || sha256(k.ipad || convert_to(t.id, 'UTF8'))), 'hex')
    $body$$f$, current_schema());
END
$do$;
REVOKE ALL ON FUNCTION shipshape_current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shipshape_current_tenant() TO shipshape_app;

-- `(SELECT f())` is evaluated once per statement (an InitPlan), not once per row.
ALTER POLICY tenant_isolation ON shipshape_idempotency_keys
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
ALTER POLICY tenant_isolation ON shipshape_outbox
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
ALTER POLICY tenant_isolation ON shipshape_inbox
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
ALTER POLICY tenant_read ON shipshape_audit_log
  USING (tenant_id = (SELECT shipshape_current_tenant()));
ALTER POLICY tenant_append ON shipshape_audit_log
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
