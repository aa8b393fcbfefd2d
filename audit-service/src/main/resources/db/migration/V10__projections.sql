-- Read models derived from the ledger (audit-service README, "Projections"). Not append-only: a rebuild deletes
-- them and replays the ledger from index 0. Every value comes from ledger entries (never from the clock), so a
-- rebuild reproduces them exactly.

-- How far the projector has applied the ledger: entries 0 .. next_index-1. The row is also the projector's lock
-- (FOR UPDATE), so the live projector and a rebuild never run at the same time.
create table projection_position (
    name       text   primary key,
    next_index bigint not null check (next_index >= 0)
);
insert into projection_position (name, next_index) values ('projections', 0);

-- One row per request: where it stands and when each step happened (the request timeline in brief).
create table proj_request (
    request_id   text        primary key,
    kind         text,                    -- EMERGENCY (break-glass) or JIT
    requester    text,
    beneficiary  text,
    system       text,
    role         text,
    incident     text,
    status       text        not null,    -- REQUESTED, REJECTED, CANCELLED, APPROVED, DENIED, TIMED_OUT,
                                          -- GRANTED, GRANT_FAILED, ENDED
    approvers    text,                    -- comma-separated, from Approved
    requested_at timestamptz,
    decided_at   timestamptz,
    granted_at   timestamptz,
    ended_at     timestamptz,
    first_index  bigint      not null,
    last_index   bigint      not null,
    event_count  integer     not null
);

-- One row per grant: active until AccessRevoked is in the ledger.
create table proj_grant (
    grant_id       text        primary key,
    request_id     text        not null,
    beneficiary    text,
    system         text,
    role           text,
    granted_at     timestamptz,
    expires_at     timestamptz,
    expired_at     timestamptz,           -- AccessExpired.firedAt
    revoked_at     timestamptz,
    revoke_reason  text,
    status         text        not null,  -- ACTIVE, REVOKED
    action_count   integer     not null,
    last_action_at timestamptz,
    granted_index  bigint      not null
);
create index proj_grant_active_by_system on proj_grant (system, beneficiary) where status = 'ACTIVE';

-- One row per post-access review.
create table proj_review (
    review_id       text        primary key,
    grant_id        text,
    request_id      text        not null,
    reviewer_groups text,
    due_at          timestamptz,
    status          text        not null, -- SCHEDULED, COMPLETED
    outcome         text,
    reviewer        text,
    completed_at    timestamptz,
    scheduled_index bigint      not null
);
create index proj_review_open on proj_review (due_at) where status = 'SCHEDULED';

-- Refusals (RequestRejected, Denied) of one requester since their last approval: feeds the repeated-refusal rule.
create table proj_requester (
    requester          text    primary key,
    refusals_in_a_row  integer not null,
    last_refusal_index bigint
);

-- As-of queries read the ledger entries of a few types (AccessGranted, AccessRevoked): find them by type.
create index ledger_subject_by_type on ledger_subject (type, ledger_index);
