-- The trace context (W3C traceparent) of the AccessGranted that armed a timer, so that AccessExpired, fired later by
-- the poller, continues the grant's trace. A projection column: TimerScheduled in domain_event carries it too.
alter table timer add column traceparent text;
