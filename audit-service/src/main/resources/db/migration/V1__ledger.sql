-- The hash-chained ledger of every EER event (audit-service). Format: audit-service/README.md, "Ledger format".

-- One row per appended event, index 0, 1, 2, ... without gaps. Append-only: triggers below reject UPDATE,
-- DELETE and TRUNCATE.
create table ledger_entry (
    ledger_index    bigint      primary key check (ledger_index >= 0),
    event_id        text        not null unique,          -- CloudEvent id: an event is recorded once
    topic           text        not null,                 -- Kafka topic the event was read from
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    recorded_at     timestamptz not null,                 -- microseconds, as hashed in the record
    received        bytea       not null,                 -- the record value exactly as received (UTF-8)
    record_json     text        not null,                 -- JCS(record), the bytes behind the leaf
    leaf            bytea       not null check (octet_length(leaf) = 32),   -- SHA-256(0x00 || JCS(record))
    chain           bytea       not null check (octet_length(chain) = 32)   -- SHA-256(0x02 || chain[i-1] || leaf)
);

-- The single writer's lock and the end of the chain: locked FOR UPDATE by every append transaction.
create table ledger_head (
    id         smallint primary key check (id = 1),
    size       bigint   not null check (size >= 0),       -- number of entries = index of the next one
    chain_head bytea    not null check (octet_length(chain_head) = 32)  -- chain[size-1]; 32 zero bytes when empty
);
insert into ledger_head (id, size, chain_head) values (1, 0, decode(repeat('00', 32), 'hex'));

-- Projection for timelines: which entries belong to which request (CloudEvent subject). Rebuildable from the
-- ledger, so it is not append-only.
create table ledger_subject (
    ledger_index bigint primary key references ledger_entry (ledger_index),
    subject      text   not null,
    type         text   not null
);
create index ledger_subject_by_subject on ledger_subject (subject, ledger_index);

create function ledger_reject_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'ledger is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end;
$$;

create trigger ledger_entry_no_update_delete
    before update or delete on ledger_entry
    for each row execute function ledger_reject_change();

create trigger ledger_entry_no_truncate
    before truncate on ledger_entry
    for each statement execute function ledger_reject_change();

-- The head only moves forward, and its row is never removed.
create function ledger_head_forward_only() returns trigger
    language plpgsql as
$$
begin
    if new.id <> old.id or new.size <= old.size then
        raise exception 'ledger head only moves forward (size % -> %)', old.size, new.size
            using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;

create trigger ledger_head_forward
    before update on ledger_head
    for each row execute function ledger_head_forward_only();

create trigger ledger_head_no_delete
    before delete on ledger_head
    for each row execute function ledger_reject_change();

create trigger ledger_head_no_truncate
    before truncate on ledger_head
    for each statement execute function ledger_reject_change();
