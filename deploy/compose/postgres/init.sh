#!/bin/bash
# PostgreSQL for docker-compose.yml (runs once, from /docker-entrypoint-initdb.d, as the postgres superuser):
# one database per service (and the session gateway's), owned by its own login role; audit-service's runtime login (eer_audit_app, granted
# eer_audit_writer by its Flyway migration); the `payments` target with the demo roles, and grant-service's
# connector role: CREATEROLE to create and drop the temporary logins, CONNECT on payments only, no superuser.
# Passwords come from /run/secrets.
set -euo pipefail
secret() { cat "/run/secrets/$1"; }
sql() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" "$@"; }

for svc in request approval grant expiry review audit gateway; do
  sql --dbname postgres -v role="eer_$svc" -v pw="$(secret "db-$svc-password")" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"role" OWNER :"role";
REVOKE CONNECT ON DATABASE :"role" FROM PUBLIC;
SQL
done

# audit's Flyway migration (V3) creates eer_audit_writer only when missing and grants it the ledger rights; with
# EER_AUDIT_DB_PROVISION_LOGIN=false the login and its membership are the DBA's, so both exist before the first start
sql --dbname postgres -v pw="$(secret db-audit-app-password)" <<'SQL'
CREATE ROLE eer_audit_writer NOLOGIN;
CREATE ROLE eer_audit_app LOGIN PASSWORD :'pw' IN ROLE eer_audit_writer;
GRANT CONNECT ON DATABASE eer_audit TO eer_audit_app;
SQL

sql --dbname postgres -v pw="$(secret db-connector-password)" <<'SQL'
CREATE DATABASE payments;
REVOKE CONNECT ON DATABASE payments FROM PUBLIC;
CREATE ROLE eer_connector LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
GRANT CONNECT ON DATABASE payments TO eer_connector;
SQL
sql --dbname payments -f /eer/payments-seed.sql
# the connector hands out db_admin / read_only: ADMIN on exactly those group roles, without using their rights itself
sql --dbname payments <<'SQL'
GRANT db_admin, read_only TO eer_connector WITH ADMIN TRUE, INHERIT FALSE, SET FALSE;
SQL
