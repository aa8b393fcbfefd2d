-- Issue #11: the alert webhook's deliveries go through service-support's NotificationQueue, like approval-service's
-- and review-service's notifications: the table takes the queue's shape (subject column alert_id, kind, payload,
-- created_at) and its name. Rows already queued are kept and posted as before (kind ALERT, created when first due).
alter table webhook_delivery rename to alert_notification;
alter index webhook_delivery_due rename to alert_notification_due;
alter table alert_notification rename column body to payload;
alter table alert_notification add column kind text not null default 'ALERT';
alter table alert_notification alter column kind drop default;
alter table alert_notification add column created_at timestamptz;
update alert_notification set created_at = next_attempt_at;
alter table alert_notification alter column created_at set not null;
