-- One-time secrets for the PostgreSQL session gateway (session-gateway). GET /v1/grants/{id}/credentials issues one
-- for a system reached through the gateway; POST /v1/gateway/sessions (the gateway only) redeems it once. Only the
-- SHA-256 of the secret is kept (the secret is 256 random bits, so a plain hash is enough); never in an event.
-- A state table like grant_credential: not a projection of events, not touched by a rebuild of grant_view.
create table gateway_secret (
    secret_hash  text primary key,
    grant_id     text not null,
    issued_to    text not null,
    issued_at    timestamptz not null,
    expires_at   timestamptz not null,
    redeemed_at  timestamptz,
    redeemed_by  text
);
create index gateway_secret_grant on gateway_secret (grant_id);
