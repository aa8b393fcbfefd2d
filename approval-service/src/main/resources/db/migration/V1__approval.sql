-- Read model of each request's approval, updated in the same transaction as the decisions and events that change
-- it. The public outcome (Approved / Denied) is in domain_event (V0_1); the decisions that lead to it are here.
create table approval (
    request_id          text primary key,
    status              text        not null,
    kind                text,
    origin              text,
    requester           text        not null,
    beneficiary         text        not null,
    system              text        not null,
    role                text        not null,
    justification       text,
    incident            text,
    requested_duration  text        not null,
    mode                text        not null,
    quorum              integer     not null,
    policy_id           text        not null,
    policy_version      text        not null,
    cancelled_by        text,
    version             bigint      not null,
    requested_at        timestamptz not null,
    updated_at          timestamptz not null,
    closed_at           timestamptz
);
create index approval_status_requested on approval (status, requested_at desc);

-- The groups whose members may decide on a request.
create table approval_group (
    id          bigint generated always as identity primary key,
    request_id  text not null references approval (request_id),
    group_name  text not null,
    constraint approval_group_once unique (request_id, group_name)
);
create index approval_group_name on approval_group (group_name);

-- Every decision taken, APPROVE or DENY; one per approver and request.
create table approval_decision (
    id          bigint generated always as identity primary key,
    request_id  text        not null references approval (request_id),
    approver    text        not null,
    decision    text        not null,
    comment     text,
    decided_at  timestamptz not null,
    constraint approval_decision_once unique (request_id, approver)
);
create index approval_decision_approver on approval_decision (approver);
