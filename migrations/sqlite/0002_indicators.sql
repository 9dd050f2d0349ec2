-- Indicator engine, households and their adoption ledger, community tech
-- teams, and the live counters. Keep in step with ../postgres/.

-- Data elements. entry_level: the level values are entered at.
CREATE TABLE metrics (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name_vi       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    value_type    TEXT NOT NULL CHECK (value_type IN ('count', 'number', 'yes_no', 'percent')),
    hierarchy_aggregation TEXT NOT NULL CHECK (hierarchy_aggregation IN ('sum', 'average', 'min', 'max', 'count')),
    time_aggregation      TEXT NOT NULL CHECK (time_aggregation IN ('sum', 'last')),
    entry_level   TEXT NOT NULL,
    min_value     REAL,
    max_value     REAL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Indicators: formulas over metrics and figures (src/domain/formula.rs).
CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    formula     TEXT NOT NULL,
    unit_label  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A target for an indicator in a unit (the unit's subtree figure).
CREATE TABLE targets (
    id          INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    threshold   REAL NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    deadline    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Validation rules between values of one unit and period, as formulas that
-- must hold (evaluate to non-zero), e.g. "org_in_group_women <= org_members_women".
CREATE TABLE value_rules (
    id          INTEGER PRIMARY KEY,
    formula     TEXT NOT NULL,
    message_vi  TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Entered values. version counts edits, for optimistic concurrency.
CREATE TABLE data_values (
    id           INTEGER PRIMARY KEY,
    metric_id    INTEGER NOT NULL REFERENCES metrics (id),
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    value        REAL NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    entered_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (metric_id, unit_id, period)
);
CREATE INDEX data_values_unit ON data_values (unit_id);

-- Households: as little personal data as the work needs. head_name and
-- phone are optional and shown only to roles that need them.
CREATE TABLE households (
    id            INTEGER PRIMARY KEY,
    village_id    INTEGER NOT NULL REFERENCES units (id),
    code          TEXT NOT NULL,
    head_name     TEXT,
    phone         TEXT,
    size          INTEGER,
    poverty       TEXT NOT NULL DEFAULT 'none' CHECK (poverty IN ('none', 'near_poor', 'poor')),
    registered_on TEXT NOT NULL,
    synthetic     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (village_id, code)
);

-- Community digital-technology teams, at commune or village level.
CREATE TABLE teams (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    name         TEXT NOT NULL,
    formed_on    TEXT NOT NULL,
    dissolved_on TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX teams_unit ON teams (unit_id);

CREATE TABLE team_members (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    full_name   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
    affiliation TEXT NOT NULL,
    phone       TEXT,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    joined_on   TEXT NOT NULL,
    left_on     TEXT,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX team_members_team ON team_members (team_id);
CREATE INDEX team_members_user ON team_members (user_id);

-- The adoption ledger: append-only. A correction is a new event with
-- change = -1, never an edit.
CREATE TABLE adoption_events (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id),
    kind         TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    change       INTEGER NOT NULL CHECK (change IN (1, -1)),
    member_id    INTEGER REFERENCES team_members (id),
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX adoption_events_household ON adoption_events (household_id, kind, event_date);

CREATE TABLE guidance_sessions (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    held_on     TEXT NOT NULL,
    topic       TEXT NOT NULL,
    audience    TEXT NOT NULL DEFAULT '',
    households  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX guidance_sessions_team ON guidance_sessions (team_id);

CREATE TABLE guidance_session_members (
    session_id  INTEGER NOT NULL REFERENCES guidance_sessions (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES team_members (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, member_id)
);

-- Live counters: per unit, key (households, adopt.<kind>, team_members,
-- teams) and month (months since 2000-01), the change in that month.
-- Written in the same transaction as the ledger write that causes it;
-- rebuilt from the ledger by `tinhso figures recount`.
CREATE TABLE unit_counters (
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    key         TEXT NOT NULL,
    month       INTEGER NOT NULL,
    delta       INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (unit_id, key, month)
);
