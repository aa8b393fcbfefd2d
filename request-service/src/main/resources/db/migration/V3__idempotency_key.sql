-- Idempotency-Key on POST /v1/requests: the first answer for (caller, key), stored in the transaction that created
-- the request, replayed for a retry with the same body. Keys older than the configured time to live are forgotten.
create table idempotency_key (
    caller        text        not null,
    idem_key      text        not null,
    body_sha256   text        not null,
    status        integer     not null,
    content_type  text,
    response_body text,
    location      text,
    request_id    text,
    created_at    timestamptz not null,
    primary key (caller, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);
