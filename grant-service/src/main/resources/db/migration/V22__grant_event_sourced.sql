-- The grant is event-sourced (aggregate grant/<requestId> in domain_event). grant_view is a projection that can be
-- deleted and rebuilt from the events, so the credential table no longer references it; a credential row is a sealed
-- secret kept beside its grant (never in an event) and survives a rebuild of the view.
alter table grant_credential drop constraint if exists grant_credential_grant_id_fkey;
-- A cancellation is now an internal event of the request's grant aggregate (internal:grant.requestCancelled).
-- Rows written before this version are not carried over (see docs/grant-service.md, "Upgrading").
drop table if exists cancelled_request;
