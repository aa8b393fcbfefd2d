-- Shared by every EER service (service-support). Service migrations start at V1.

create table domain_event (
    id           bigint generated always as identity primary key,
    aggregate_id text        not null,
    version      bigint      not null,
    event_id     text        not null unique,
    type         text        not null,
    payload      text        not null,
    recorded_at  timestamptz not null,
    constraint domain_event_aggregate_version unique (aggregate_id, version)
);

create table outbox (
    id           bigint generated always as identity primary key,
    event_id     text        not null,
    topic        text        not null,
    record_key   text        not null,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_pending on outbox (id) where published_at is null;

create table processed_event (
    event_id   text        primary key,
    handled_at timestamptz not null
);
