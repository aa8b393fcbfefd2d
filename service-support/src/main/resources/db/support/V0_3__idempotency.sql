-- Idempotency-Key for every service (io.eer.support.idempotency.IdempotencyStore): the first answer to a caller's
-- operation under a key, replayed for a retry with the same request and refused for a different one. A row with
-- status 0 is held by the transaction running the first request; a concurrent one with the same key waits on it.
create table idempotency_record (
    caller        text        not null,  -- the verified caller (token sub)
    operation     text        not null,  -- which operation the key was used for, e.g. submit-request
    idem_key      text        not null,  -- the Idempotency-Key header
    request_hash  text        not null,  -- SHA-256 (hex) of the canonical request
    status        integer     not null,  -- HTTP status of the stored answer; 0 while the first request runs
    content_type  text,
    response_body text,
    location      text,
    resource_id   text,                  -- what the first request created (request id, approval id, ...)
    created_at    timestamptz not null,
    primary key (caller, operation, idem_key)
);
create index idempotency_record_created on idempotency_record (created_at);
