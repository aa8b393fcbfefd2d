-- The role the running service uses (audit-service README, "Database roles"). Flyway migrates as the owner; the
-- service connects as a login role that is a member of eer_audit_writer and so may only INSERT and SELECT ledger
-- rows. It does not own the tables, so it cannot disable the append-only triggers either.

do $$
begin
    if not exists (select from pg_roles where rolname = 'eer_audit_writer') then
        create role eer_audit_writer nologin;
    end if;
end;
$$;

revoke all on ledger_entry, ledger_checkpoint, ledger_head, ledger_subject from public;

grant select, insert on ledger_entry, ledger_checkpoint to eer_audit_writer;
-- the head row moves forward (a trigger refuses anything else); FOR UPDATE needs UPDATE
grant select, update (size, chain_head) on ledger_head to eer_audit_writer;
grant select, insert on ledger_subject to eer_audit_writer;
-- service-support's tables: event log, outbox (the relay marks rows published), inbox
grant select, insert on domain_event, processed_event to eer_audit_writer;
grant select, insert, update on outbox to eer_audit_writer;
grant usage, select on all sequences in schema public to eer_audit_writer;

-- Tables that later migrations add (projections, reports) are read-write for the service unless a migration says
-- otherwise; ledger tables get explicit grants like the ones above.
alter default privileges in schema public grant select, insert, update, delete on tables to eer_audit_writer;
alter default privileges in schema public grant usage, select on sequences to eer_audit_writer;
