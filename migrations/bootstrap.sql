-- Run by an administrator once per database, before either service migrates:
-- the two login roles (least privilege) and one schema owned by each.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'auth_service') THEN
    CREATE ROLE auth_service LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'council_service') THEN
    CREATE ROLE council_service LOGIN;
  END IF;
END
$$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION auth_service;
CREATE SCHEMA IF NOT EXISTS council AUTHORIZATION council_service;
REVOKE ALL ON SCHEMA auth FROM PUBLIC;
REVOKE ALL ON SCHEMA council FROM PUBLIC;
