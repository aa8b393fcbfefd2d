-- Timers are now decided from their own events in domain_event (the Timer decider, aggregate id = grant id) and the
-- timer table is a projection of them. Timers armed before this version have no TimerScheduled / TimerCancelled
-- there (fired ones do have their AccessExpired as version 1, which is enough to rebuild them): write those facts
-- from the rows, so every existing timer keeps working and the table can be rebuilt.
insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at)
select t.grant_id, 1, gen_random_uuid()::text, 'internal:TimerScheduled',
       json_build_object('grantId', t.grant_id, 'requestId', t.request_id,
           'deadline', to_char(t.deadline at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'scheduledAt', to_char(t.scheduled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
       t.scheduled_at
from timer t
where t.fired_at is null
  and not exists (select 1 from domain_event e where e.aggregate_id = t.grant_id);

insert into domain_event (aggregate_id, version, event_id, type, payload, recorded_at)
select t.grant_id, 2, gen_random_uuid()::text, 'internal:TimerCancelled',
       json_build_object('grantId', t.grant_id, 'requestId', t.request_id,
           'cancelledAt', to_char(t.cancelled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'reason', t.cancel_reason)::text,
       t.cancelled_at
from timer t
where t.cancelled_at is not null
  and not exists (select 1 from domain_event e where e.aggregate_id = t.grant_id and e.version = 2);
