-- Read model of each grant, updated in the same transaction as the grant's events.
create table grant_view (
    grant_id            text primary key,
    request_id          text        not null,
    beneficiary         text        not null,
    system              text        not null,
    role                text        not null,
    connector           text        not null,
    account             text,
    status              text        not null,
    granted_at          timestamptz,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    revocation_reason   text,
    sessions_terminated integer,
    confirmed           boolean,
    failure             text,
    login_host          text,
    login_port          integer,
    login_database      text,
    version             bigint      not null,
    actions_logged      bigint      not null default 0,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    -- one grant per request, whatever the number of Approved events that reach us
    constraint grant_view_one_per_request unique (request_id)
);
create index grant_view_beneficiary on grant_view (beneficiary);
create index grant_view_active_deadline on grant_view (expires_at) where status = 'ACTIVE';

-- The issued secret, encrypted (AES-256-GCM, the grant id as associated data), until its first fetch or the
-- end of the grant, whichever comes first; then only the dates remain.
create table grant_credential (
    grant_id    text primary key references grant_view (grant_id),
    nonce       bytea,
    ciphertext  bytea,
    created_at  timestamptz not null,
    fetched_at  timestamptz,
    wiped_at    timestamptz,
    wipe_reason text
);
