-- One durable timer per grant. A timer is pending while fired_at and cancelled_at are both null; it leaves that
-- state once (fired by the poller, or cancelled by AccessRevoked) and never returns to it.
create table timer (
    grant_id        text primary key,
    request_id      text        not null,
    deadline        timestamptz not null,
    scheduled_at    timestamptz not null,
    fired_at        timestamptz,
    lateness_millis bigint,
    cancelled_at    timestamptz,
    cancel_reason   text,
    constraint timer_fired_or_cancelled check (fired_at is null or cancelled_at is null),
    constraint timer_lateness check ((fired_at is null) = (lateness_millis is null) and coalesce(lateness_millis, 0) >= 0)
);
-- what the poller asks for: due pending timers, oldest deadline first
create index timer_pending_deadline on timer (deadline) where fired_at is null and cancelled_at is null;
