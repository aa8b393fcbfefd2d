-- review-service schema. The public events (ReviewScheduled, ReviewCompleted) are in domain_event + outbox (V0_1),
-- one aggregate per review (aggregate_id = review_id, version 1 = scheduled, 2 = completed).

-- The upstream facts a review is built from (EmergencyRequested, Approved, AccessRevoked), as received: topics are
-- not ordered with each other, so whatever arrives first waits here for the rest of its request.
create table review_input (
    event_id     text        primary key,
    request_id   text        not null,
    type         text        not null,
    payload      text        not null,
    received_at  timestamptz not null
);
create index review_input_request on review_input (request_id);

-- Read model of each review, changed in the same transaction as the event that changes it.
-- List columns hold JSON arrays of strings.
create table review (
    review_id           text        primary key,
    grant_id            text        not null,
    request_id          text        not null,
    requester           text        not null,
    beneficiary         text        not null,
    system              text,
    role                text,
    approvers           text        not null,
    reviewer_groups     text        not null,
    excluded_reviewers  text        not null,
    revoked_at          timestamptz not null,
    due_at              timestamptz not null,
    status              text        not null,
    outcome             text,
    findings            text,
    reviewer            text,
    version             bigint      not null,
    scheduled_at        timestamptz not null,
    completed_at        timestamptz,
    -- one review per grant, whatever the consumer's state says
    constraint review_one_per_grant unique (grant_id)
);
create index review_request on review (request_id);
create index review_status_due on review (status, due_at);

-- The groups whose members may complete a review (one row per group), for the visibility filter.
create table review_group (
    id          bigint generated always as identity primary key,
    review_id   text not null references review (review_id),
    group_name  text not null,
    constraint review_group_once unique (review_id, group_name)
);
create index review_group_name on review_group (group_name);
