-- The demo target of grant-service's postgres connector: the `payments` database.
-- Apply it to the `payments` database as its owner (a superuser locally). Idempotent: run it as often as you like.
--
--   db_admin   NOLOGIN group role: reads and writes payments.invoices (what break-glass DBAs get)
--   read_only  NOLOGIN group role: SELECT only
--
-- grant-service never logs in as these roles: it creates a temporary LOGIN role per grant, member of one of
-- them (CREATE ROLE eer_<hash of request> ... IN ROLE db_admin), and drops it when the grant ends.
--
--   eer_grant_connector   LOGIN CREATEROLE (not superuser): grant-service's connector. It may grant exactly the
--                         grantable roles (ADMIN OPTION, without their privileges: INHERIT FALSE, SET FALSE) and
--                         end the temporary logins' sessions (pg_signal_backend). Local password only.
--
-- It also closes every other database of the cluster to new logins (REVOKE CONNECT FROM PUBLIC): a temporary login
-- for payments can connect to payments and nowhere else (eer_*, postgres, template1). The services keep working:
-- they connect as the database owner (superuser locally); audit-service's runtime role gets CONNECT on its database.
-- Roles are cluster-wide in PostgreSQL; the schema, table and rows live in this database.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'db_admin') THEN
        CREATE ROLE db_admin NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'read_only') THEN
        CREATE ROLE read_only NOLOGIN;
    END IF;
END
$$;

-- whatever a previous run or a person did: group roles never log in and hold no special attributes
ALTER ROLE db_admin NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE read_only NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
COMMENT ON ROLE db_admin IS 'EER demo: read/write on payments.invoices; granted temporarily by grant-service';
COMMENT ON ROLE read_only IS 'EER demo: read-only on payments.invoices; granted temporarily by grant-service';

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO db_admin, read_only', current_database());
END
$$;

-- grant-service's connector: CREATEROLE, nothing more (PostgreSQL 16+: it administers only roles it has ADMIN on)
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'eer_grant_connector') THEN
        CREATE ROLE eer_grant_connector LOGIN;
    END IF;
END
$$;
ALTER ROLE eer_grant_connector LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS
    PASSWORD 'eer-grant-connector-local';
COMMENT ON ROLE eer_grant_connector IS 'EER grant-service connector: creates and drops the temporary logins';
GRANT db_admin, read_only TO eer_grant_connector WITH ADMIN TRUE, INHERIT FALSE, SET FALSE;
GRANT pg_signal_backend TO eer_grant_connector;
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO eer_grant_connector', current_database());
END
$$;

-- new logins reach only this database: no other database lets PUBLIC connect (the superuser is unaffected)
DO $$
DECLARE d record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'eer_audit_writer') THEN
        CREATE ROLE eer_audit_writer NOLOGIN;   -- audit-service's V3 migration creates it the same way
    END IF;
    FOR d IN SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND datname <> current_database() LOOP
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', d.datname);
    END LOOP;
    -- audit-service's runtime login (a member of eer_audit_writer) connects to its own database (eer_audit; sys_audit
    -- in the system tests)
    FOR d IN SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND datname LIKE '%audit%' LOOP
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO eer_audit_writer', d.datname);
    END LOOP;
END
$$;

CREATE SCHEMA IF NOT EXISTS payments;
-- nobody but the owner creates objects in public (the PostgreSQL 15+ default, stated for older servers)
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE TABLE IF NOT EXISTS payments.invoices (
    id           bigint      PRIMARY KEY,
    number       text        NOT NULL UNIQUE,
    customer     text        NOT NULL,
    amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
    currency     char(3)     NOT NULL,
    status       text        NOT NULL CHECK (status IN ('OPEN', 'PAID', 'OVERDUE', 'VOID')),
    issued_at    timestamptz NOT NULL,
    due_at       timestamptz NOT NULL
);

INSERT INTO payments.invoices (id, number, customer, amount_cents, currency, status, issued_at, due_at) VALUES
    (1, 'INV-2026-0001', 'Acme Corp',          1250000, 'EUR', 'PAID',    '2026-10-01T09:00:00Z', '2026-10-31T23:59:59Z'),
    (2, 'INV-2026-0002', 'Globex GmbH',         489900, 'EUR', 'OPEN',    '2026-11-02T10:30:00Z', '2026-12-02T23:59:59Z'),
    (3, 'INV-2026-0003', 'Initech Ltd',          75000, 'GBP', 'OVERDUE', '2026-09-15T08:00:00Z', '2026-10-15T23:59:59Z'),
    (4, 'INV-2026-0004', 'Umbrella SA',        3200000, 'USD', 'OPEN',    '2026-11-20T14:45:00Z', '2026-12-20T23:59:59Z'),
    (5, 'INV-2026-0005', 'Stark Industries',     19900, 'USD', 'VOID',    '2026-11-21T16:10:00Z', '2026-12-21T23:59:59Z')
ON CONFLICT (id) DO NOTHING;

GRANT USAGE ON SCHEMA payments TO db_admin, read_only;
GRANT SELECT, INSERT, UPDATE, DELETE ON payments.invoices TO db_admin;
GRANT SELECT ON payments.invoices TO read_only;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON payments.invoices FROM read_only;
