-- Optimistic concurrency for the records that were edited in place without
-- a version (issue 10, item 11): each edit names the version it was read at
-- and bumps it; a stale edit is refused with 409 instead of overwriting.

-- A personal note's body.
ALTER TABLE party_notes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- A meeting: its minutes and resolutions, its state and notice.
ALTER TABLE party_meetings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- A user's set of grants, replaced as a whole.
ALTER TABLE users ADD COLUMN grants_version BIGINT NOT NULL DEFAULT 1;
