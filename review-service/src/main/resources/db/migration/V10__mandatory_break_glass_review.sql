-- Break-glass (PRE_APPROVED) access was granted with nobody approving it: its review is mandatory, so the read model
-- flags it for reviewers, dashboards and reports. Every ended access still gets exactly one review.
alter table review add column mandatory        boolean not null default false;
alter table review add column mandatory_reason text;
create index review_mandatory_open on review (mandatory, status, due_at);
