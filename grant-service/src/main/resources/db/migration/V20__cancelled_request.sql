-- Requests cancelled by their requester (RequestCancelled on eer.requests): an Approved that arrives afterwards must
-- not provision anything. Written in the transaction that consumed the event.
create table cancelled_request (
    request_id   text primary key,
    cancelled_by text        not null,
    reason       text,
    cancelled_at timestamptz not null
);
