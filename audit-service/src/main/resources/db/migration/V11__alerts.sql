-- Alerts raised by rules evaluated on the ledger (audit-service README, "SOC stream and alerts").

-- Each alert once: (rule, key) is the alert's identity (e.g. late-revocation + grant id), so a rule that sees the
-- same situation again, a replay, or a scheduled check racing the entry that triggers it never raises it twice.
-- Not a projection: a rebuild leaves it alone.
create table alert_fired (
    rule         text        not null,
    alert_key    text        not null,
    alert_id     text        not null unique,
    request_id   text        not null,
    severity     text        not null,
    trigger_ref  text        not null,
    detail       text        not null,
    raised_at    timestamptz not null,
    primary key (rule, alert_key)
);

-- Webhook outbox: one row per alert to POST; a scheduled sender retries with back-off, away from the ledger path.
create table webhook_delivery (
    id              bigint generated always as identity primary key,
    alert_id        text        not null,
    body            text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where delivered_at is null and failed_at is null;
