-- A rebuild of the projections replays the ledger chunk by chunk, each chunk committed with the position (issue
-- #12: one transaction over the whole ledger ran out of memory). While replay_until is set, the projections are
-- being rebuilt: entries below it had their alert rules evaluated live already, so whoever holds the position row
-- (the rebuild call, or the live projector, e.g. after a crash mid-rebuild) applies them without rules, a chunk
-- at a time, and clears it on reaching it. Null: live.
alter table projection_position add column replay_until bigint check (replay_until >= 0);
