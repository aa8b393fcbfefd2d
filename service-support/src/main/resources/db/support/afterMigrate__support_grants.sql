-- Runs after every Flyway migrate. A service that connects as a role other than the owner (audit-service) needs
-- the sequence counter whenever it may write the outbox: whoever may insert outbox rows may take the next number.
do $$
declare
    r record;
begin
    for r in select distinct grantee from information_schema.role_table_grants
             where table_schema = 'public' and table_name = 'outbox' and privilege_type = 'INSERT'
               and grantee <> current_user and grantee <> 'PUBLIC'
    loop
        execute format('grant select, update on producer_sequence to %I', r.grantee);
    end loop;
end;
$$;
