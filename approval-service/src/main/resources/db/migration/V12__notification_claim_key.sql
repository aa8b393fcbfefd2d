-- The notification queue runs on service-support's DuePoller, which claims rows by a text key (its keys are
-- strings everywhere: request ids, timer ids). The id as text, kept by PostgreSQL itself.
alter table approval_notification add column claim_key text generated always as (id::text) stored;
create unique index approval_notification_claim_key on approval_notification (claim_key);
