-- The notification queue is service-support's NotificationQueue now (the same for review-service): it claims rows by
-- their id, so the text copy of the id that V12 added for the older poller is no longer read.
drop index if exists approval_notification_claim_key;
alter table approval_notification drop column claim_key;
