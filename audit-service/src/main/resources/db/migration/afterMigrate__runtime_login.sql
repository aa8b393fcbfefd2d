-- Runs after every Flyway migrate (a Flyway callback, not a versioned migration). When
-- eer.audit.db.provision-runtime-login is true (the local run and the tests), it makes sure the service's login role
-- exists, has the configured password and is a member of eer_audit_writer. Production sets it to false and has the
-- DBA create the login role (see the README). Nothing happens when the service connects as the owner itself.

do $$
begin
    if '${provision_runtime_login}' = 'true' and '${runtime_user}' <> '' and '${runtime_user}' <> current_user then
        if not exists (select from pg_roles where rolname = '${runtime_user}') then
            execute format('create role %I login', '${runtime_user}');
        end if;
        execute format('alter role %I password %L', '${runtime_user}', '${runtime_password}');
        execute format('grant eer_audit_writer to %I', '${runtime_user}');
    end if;
end;
$$;
