-- Idempotency-Keys move to the shared store (service-support db/support/V0_3, table idempotency_record, operation
-- submit-request); V0_3 sorts before this file, so it has run. Keys still within their time to live are carried over.
insert into idempotency_record (caller, operation, idem_key, request_hash, status, content_type, response_body,
                                location, resource_id, created_at)
select caller, 'submit-request', idem_key, body_sha256, status, content_type, response_body, location, request_id,
       created_at
from idempotency_key
where status <> 0
on conflict do nothing;
drop table idempotency_key;
