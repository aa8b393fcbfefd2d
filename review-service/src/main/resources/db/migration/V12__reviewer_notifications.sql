-- Reviewer notifications waiting to be posted to the reviewers' webhook: a review is due (when scheduled), a review
-- is overdue (each ReviewOverdue, escalated or not). Written in the transaction that decided them, posted later with
-- no transaction open (service-support WebhookSender, signed), each result recorded in a transaction of its own.
create table review_notification (
    id              bigint generated always as identity primary key,
    review_id       text        not null,
    kind            text        not null,
    payload         text        not null,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text
);
create index review_notification_due on review_notification (next_attempt_at)
    where delivered_at is null and failed_at is null;
