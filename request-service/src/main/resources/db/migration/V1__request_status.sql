-- Read model of each request's lifecycle, updated in the same transaction as the events that change it.
create table request_status (
    request_id   text primary key,
    kind         text        not null,
    status       text        not null,
    requester    text        not null,
    beneficiary  text,
    system       text,
    role         text,
    grant_id     text,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index request_status_requester on request_status (requester);
