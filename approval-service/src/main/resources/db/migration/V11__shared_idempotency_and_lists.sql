-- Idempotency-Keys on decisions move to the shared store (service-support db/support/V0_3, table idempotency_record,
-- operation decide-approval); V0_3 sorts before this file, so it has run. Only successful answers were ever stored.
insert into idempotency_record (caller, operation, idem_key, request_hash, status, content_type, response_body,
                                location, resource_id, created_at)
select caller, 'decide-approval', idem_key, request_hash, status, 'application/json', response, null, request_id,
       created_at
from approval_idempotency
on conflict do nothing;
drop table approval_idempotency;

-- The JSON-array columns move to service-support's StringListConverter, which stores a null list as [] and reads a
-- null column as an empty list. A null mfa_methods meant "no approver MFA asked" (approval) and "no MFA evidence
-- recorded" (approval_decision); that meaning now lives in its own column, so [] never reads as "MFA asked".
alter table approval add column approver_mfa boolean not null default false;
update approval set approver_mfa = true where mfa_methods is not null;
alter table approval_decision add column mfa_recorded boolean not null default false;
update approval_decision set mfa_recorded = true where mfa_methods is not null;
