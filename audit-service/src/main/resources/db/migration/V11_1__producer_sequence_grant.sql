-- service-support's V0_2 added the producer sequence counter (EventStore stamps AlertRaised with it). On a fresh
-- database V0_2 runs before V3 created eer_audit_writer, so the default privileges of V3 do not cover it.
grant select, update on producer_sequence to eer_audit_writer;
