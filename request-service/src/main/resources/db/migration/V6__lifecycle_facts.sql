-- The access request is now rebuilt from domain_event (AccessRequest decider). Until now, what the other services
-- reported (approved, granted, expired, ...) and the details of a rejected request lived only in request_status.
-- Record them once as the internal facts the service now writes, so every existing request folds to the state its
-- row shows and request_status can be rebuilt from domain_event.
insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at)
select s.request_id,
       coalesce((select max(d.version) from domain_event d where d.aggregate_id = s.request_id), 0) + 1,
       gen_random_uuid()::text, 'internal:request.rejectedAsk',
       json_build_object('kind', nullif(s.kind, 'UNKNOWN'), 'origin', s.origin, 'beneficiary', s.beneficiary,
                         'duration', s.duration, 'incident', s.incident, 'ticket', s.ticket)::text,
       s.created_at
from request_status s
where s.status = 'REJECTED'
  and exists (select 1 from domain_event d where d.aggregate_id = s.request_id);

insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at)
select s.request_id,
       coalesce((select max(d.version) from domain_event d where d.aggregate_id = s.request_id), 0) + 1,
       gen_random_uuid()::text, 'internal:request.lifecycle',
       json_build_object('reported', s.status, 'grantId', s.grant_id)::text,
       s.updated_at
from request_status s
where (s.grant_id is not null
       or s.status in ('APPROVED', 'GRANTED', 'EXPIRED', 'REVOKED', 'DENIED', 'TIMED_OUT', 'GRANT_FAILED'))
  and exists (select 1 from domain_event d where d.aggregate_id = s.request_id);

update request_status s
set version = (select count(*) from domain_event d where d.aggregate_id = s.request_id)
where exists (select 1 from domain_event d where d.aggregate_id = s.request_id);
