-- What the status answer shows beyond the status: how the request was made and which policy decided it.
alter table request_status
    add column origin         text,
    add column duration       text,
    add column incident       text,
    add column ticket         text,
    add column rule_id        text,
    add column policy_id      text,
    add column policy_version text,
    add column cancelled_by   text,
    add column cancel_reason  text,
    add column cancelled_at   timestamptz;
create index request_status_beneficiary on request_status (beneficiary);
