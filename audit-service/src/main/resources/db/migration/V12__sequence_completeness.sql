-- Completeness (audit-service README, "Completeness: producer sequences"). Every producer stamps its events with a
-- gap-free CloudEvents extension `sequence` (1, 2, 3, ... per source); the append transaction keeps, per producer,
-- the highest number recorded and the numbers below it still missing. Derived from the ledger (POST
-- /v1/audit/sequences/rebuild recomputes it, GET /v1/audit/verify recomputes it on its own), so not append-only.

create table ledger_producer_sequence (
    producer   text   primary key,          -- the CloudEvent source, e.g. /eer/grant-service
    highest    bigint not null check (highest >= 1),
    contiguous bigint not null check (contiguous >= 0 and contiguous <= highest)
);

-- One row per missing range first..last (a number arriving inside splits it). open_since: when the ledger recorded
-- the event that revealed the gap; alerted: the ledger-gap alert went out (once per gap; the parts of a split keep it).
create table sequence_gap (
    id            bigint generated always as identity primary key,
    producer      text        not null references ledger_producer_sequence (producer),
    first_missing bigint      not null check (first_missing >= 1),
    last_missing  bigint      not null,
    open_since    timestamptz not null,
    alerted       boolean     not null default false,
    check (last_missing >= first_missing)
);
create index sequence_gap_producer on sequence_gap (producer, first_missing);
create index sequence_gap_unalerted on sequence_gap (open_since) where not alerted;
