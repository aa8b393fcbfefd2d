-- Signed checkpoints of the ledger (audit-service README, "Checkpoints"). Append-only like the ledger itself.

create table ledger_checkpoint (
    seq         bigint      primary key check (seq >= 0),      -- 0, 1, 2, ... assigned under the ledger_head lock
    origin      text        not null,
    size        bigint      not null check (size >= 0),        -- entries covered: indices 0 .. size-1
    chain_head  bytea       not null check (octet_length(chain_head) = 32),
    merkle_root bytea       not null check (octet_length(merkle_root) = 32),
    signed_at   timestamptz not null,                          -- the body's timestamp (microseconds)
    key_id      text        not null,
    body        text        not null,                          -- JCS(checkpoint body): the exact signed bytes
    signature   bytea       not null                           -- Ed25519 over body (UTF-8)
);
create index ledger_checkpoint_by_size on ledger_checkpoint (size, seq);

create trigger ledger_checkpoint_no_update_delete
    before update or delete on ledger_checkpoint
    for each row execute function ledger_reject_change();

create trigger ledger_checkpoint_no_truncate
    before truncate on ledger_checkpoint
    for each statement execute function ledger_reject_change();
