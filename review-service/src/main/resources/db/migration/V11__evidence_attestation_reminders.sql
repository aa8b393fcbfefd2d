-- Evidence, break-glass attestation and overdue reminders (read model only; the facts are in domain_event and
-- review_input). attestation_required: an EMERGENCY request, whose beneficiary must attest before completion.
-- next_reminder_at: when the reminder poller next looks at an open review (its dueAt, then after each reminder
-- one reminder interval later; null once completed).
alter table review add column attestation_required boolean not null default false;
alter table review add column attested_by          text;
alter table review add column attested_at          timestamptz;
alter table review add column reminders            integer not null default 0;
alter table review add column next_reminder_at     timestamptz;
update review set next_reminder_at = due_at where status = 'OPEN';
create index review_reminder_due on review (next_reminder_at) where status = 'OPEN';
-- The automatic findings (domain.ReviewFindings) of the evidence received so far, as a JSON array; recomputed in the
-- transaction that keeps each new piece of evidence of the grant.
alter table review add column automatic_findings text not null default '[]';
