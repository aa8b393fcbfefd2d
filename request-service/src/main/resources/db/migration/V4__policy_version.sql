-- Every policy version that has been active, with its exact text, so the policy id and version that a decision
-- event names can always be looked up. A known (id, version) must never come back with other content.
create table policy_version (
    policy_id     text        not null,
    version       text        not null,
    sha256        text        not null,
    document      text        not null,
    source        text        not null,
    loaded_by     text        not null,
    first_loaded  timestamptz not null,
    last_loaded   timestamptz not null,
    primary key (policy_id, version)
);
