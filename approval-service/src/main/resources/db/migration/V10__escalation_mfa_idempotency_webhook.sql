-- Approval modes in full: escalation chain and timeouts, distinct-group quorum, approver MFA, idempotent decisions
-- and approver notifications. Everything the plan says is copied from EmergencyRequested; the policy file is never read.

-- The optional parts of the approval plan, and the durable timers of a pending approval.
alter table approval add column distinct_groups   boolean not null default false;
alter table approval add column decision_timeout  text;                 -- ISO-8601 duration (EXPEDITED)
alter table approval add column validity          text;                 -- ISO-8601 duration
alter table approval add column mfa_methods       text;                 -- JSON array; null: no approver MFA asked
alter table approval add column mfa_max_age       text;                 -- ISO-8601 duration
alter table approval add column max_duration      text;                 -- the policy rule's maximum
alter table approval add column escalation_level  integer not null default 0;
-- When the current escalation level's time is up, and when the request expires undecided. The poller takes due
-- rows with FOR UPDATE SKIP LOCKED; closing an approval clears both, so a timer fires at most once.
alter table approval add column decision_deadline timestamptz;
alter table approval add column valid_until       timestamptz;
create index approval_decision_due on approval (decision_deadline) where decision_deadline is not null;
create index approval_validity_due on approval (valid_until) where valid_until is not null;

-- Groups per escalation level: 0 = the approver groups, k = the k-th escalation group. A group may reappear on
-- another level, so uniqueness is per level.
alter table approval_group add column level integer not null default 0;
alter table approval_group drop constraint approval_group_once;
alter table approval_group add constraint approval_group_once_per_level unique (request_id, level, group_name);

-- What each decision rested on: the approver's groups and, where the plan asked for it, the MFA evidence.
alter table approval_decision add column groups         text;           -- JSON array
alter table approval_decision add column mfa_methods    text;           -- JSON array; null when no MFA was asked
alter table approval_decision add column mfa_auth_time  timestamptz;

-- Idempotency-Key on decisions: the first successful answer per caller and key, replayed for a retry.
create table approval_idempotency (
    caller        text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    request_id    text        not null,
    status        integer     not null,
    response      text        not null,
    created_at    timestamptz not null,
    primary key (caller, idem_key)
);

-- Approver notifications (Slack-compatible webhook), queued in the transaction that caused them and delivered with
-- retries by a poller, so a webhook outage never blocks or loses a decision.
create table approval_notification (
    id               bigint generated always as identity primary key,
    request_id       text        not null,
    kind             text        not null,
    payload          text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    delivered_at     timestamptz,
    failed_at        timestamptz,
    last_error       text,
    created_at       timestamptz not null
);
create index approval_notification_due on approval_notification (next_attempt_at)
    where delivered_at is null and failed_at is null;
