-- Revocation does not depend on one message: a grant whose revocation failed stays ACTIVE and due; the sweeper tries
-- again at next_revocation_at (back-off) for the reason it was first asked (EXPIRED, REQUEST_CANCELLED, ...).
alter table grant_view add column revocation_attempts integer not null default 0;
alter table grant_view add column next_revocation_at timestamptz;
alter table grant_view add column pending_revocation_reason text;
create index grant_view_revocation_due on grant_view (next_revocation_at) where status = 'ACTIVE';
create index grant_view_account on grant_view (account);

-- Which credential key sealed the secret (keys rotate; old ones still open). Null: sealed before key ids, which
-- the key with id 'default' (eer.grant.credential-key) opens.
alter table grant_credential add column key_id text;
