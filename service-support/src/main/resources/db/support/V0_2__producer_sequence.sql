-- The producer's gap-free sequence (CloudEvents extension "sequence"; docs/CONVENTIONS.md, "Sequence numbers").
-- One counter row per service database. EventStore takes numbers with UPDATE ... RETURNING in the appending
-- transaction: the row lock is held until commit, so a rolled-back transaction gives its numbers back (no gap) and
-- numbers are handed out in commit order. Events written before this migration keep a null sequence.

create table producer_sequence (
    singleton  boolean primary key default true check (singleton),
    last_value bigint  not null check (last_value >= 0)
);
insert into producer_sequence (singleton, last_value) values (true, 0);

alter table domain_event add column sequence bigint;
alter table domain_event add constraint domain_event_sequence unique (sequence);
alter table outbox add column sequence bigint;
create index outbox_sequence on outbox (sequence) where sequence is not null;
create index outbox_event on outbox (event_id);
