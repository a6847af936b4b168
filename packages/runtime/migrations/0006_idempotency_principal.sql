-- Idempotency keys are scoped to the caller, not only the tenant: a second principal of the same tenant
-- using the same key must never be served the first principal's stored response (issue 9 §2).
-- `principal` is the token's `sub` (or its client id for a client-credentials token).
ALTER TABLE shipshape_idempotency_keys ADD COLUMN principal text NOT NULL DEFAULT '';
ALTER TABLE shipshape_idempotency_keys DROP CONSTRAINT shipshape_idempotency_keys_pkey;
ALTER TABLE shipshape_idempotency_keys
  ADD PRIMARY KEY (tenant_id, principal, method, route, idempotency_key);
