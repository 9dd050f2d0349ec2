-- Foundation: the hierarchy through time, accounts, sessions, tokens, audit.
-- Dates are ISO text (YYYY-MM-DD), instants RFC 3339 text in UTC: the forms
-- sqlx writes for chrono types on SQLite. Keep in step with ../postgres/.

-- One row per version of a unit. A unit keeps its row while its code, names,
-- type and parent stay the same; any change closes the row (valid_to, the
-- last valid day) and opens a new one. Records point at ids, never at codes.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    full_name   TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    unit_type   TEXT NOT NULL,
    parent_id   INTEGER REFERENCES units (id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX units_code ON units (code, valid_from);
CREATE INDEX units_parent ON units (parent_id);

-- Which official lists have been loaded, and from when they hold.
CREATE TABLE unit_lists (
    name        TEXT PRIMARY KEY,
    valid_from  TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Succession: an old unit went, wholly or in part, into a new one.
CREATE TABLE unit_successions (
    old_unit_id INTEGER NOT NULL REFERENCES units (id),
    new_unit_id INTEGER NOT NULL REFERENCES units (id),
    kind        TEXT NOT NULL CHECK (kind IN ('full', 'partial')),
    effective   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (old_unit_id, new_unit_id)
);
CREATE INDEX unit_successions_new ON unit_successions (new_unit_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A role on a unit's subtree; unit_id NULL only for a national admin.
CREATE TABLE grants (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (user_id, role, unit_id)
);

-- Sessions and API tokens are stored as SHA-256 hashes of the secret.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    expires_at   TEXT,
    revoked_at   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Every write: who, when, what, before and after. unit_path is the chain of
-- unit ids from the top ("/1/23/456/") at the time of the write, so that a
-- subtree's entries are one prefix match.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    unit_path   TEXT,
    before_json TEXT,
    after_json  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX audit_log_path ON audit_log (unit_path);
CREATE INDEX audit_log_at ON audit_log (at);

-- Small facts about this database (e.g. that it is a demo database).
CREATE TABLE meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
