-- The role every tenant transaction switches to (SET LOCAL ROLE shipshape_app). Row-level security
-- policies apply to it; it owns nothing and cannot log in. Roles are cluster-wide, so creation is
-- idempotent and tolerates another database on the same server creating it at the same moment.
-- The connecting user needs CREATEROLE, or a DBA creates the role and grants it beforehand.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shipshape_app') THEN
    BEGIN
      CREATE ROLE shipshape_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'shipshape_app', 'MEMBER') THEN
    EXECUTE format('GRANT shipshape_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO shipshape_app;
