-- Programme management, part 1 and 2: the DX goals of a unit's programme
-- for a plan period (mục tiêu CĐS) with their status history and evidence,
-- and pilot DX models (mô hình CĐS) with where they are deployed and the
-- verdicts on them. A programme is a unit and a plan period ('2022'); there
-- is no programme table. Dates are ISO text (YYYY-MM-DD), instants RFC 3339
-- text in UTC. Keep in step with ../postgres/.

-- A goal. Either linked to a figure (link_key: a headline key such as
-- teams.coverage_pct, or an indicator, metric or base code) with a
-- threshold and direction, or manual (the three are NULL). period is the
-- plan period as written ('2022'), period_start and period_end its days.
CREATE TABLE dx_goals (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    code         TEXT NOT NULL,
    text_vi      TEXT NOT NULL,
    text_en      TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL,
    link_key     TEXT,
    threshold    REAL,
    direction    TEXT CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    deadline     TEXT NOT NULL,
    synthetic    BOOLEAN NOT NULL DEFAULT FALSE,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (unit_id, period, code),
    CHECK ((link_key IS NULL AND threshold IS NULL AND direction IS NULL)
        OR (link_key IS NOT NULL AND threshold IS NOT NULL AND direction IS NOT NULL))
);
CREATE INDEX dx_goals_unit ON dx_goals (unit_id, period_start);

-- The status history of a goal: who marked it achieved or not achieved, on
-- what day, with what note. The latest entry on or before a day decides.
CREATE TABLE dx_goal_status (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES dx_goals (id),
    status      TEXT NOT NULL CHECK (status IN ('achieved', 'not_achieved')),
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    by_user     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    by_name     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX dx_goal_status_goal ON dx_goal_status (goal_id, on_date);

-- Evidence of a goal: a file (stored content-addressed in the data
-- directory, as the party handbook's files are) or a link; status_id ties
-- it to the status entry it supports.
CREATE TABLE dx_goal_evidence (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES dx_goals (id),
    status_id    INTEGER REFERENCES dx_goal_status (id),
    kind         TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    url          TEXT,
    sha256       TEXT,
    file_name    TEXT,
    content_type TEXT,
    size_bytes   INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((kind = 'link' AND url IS NOT NULL) OR (kind = 'file' AND sha256 IS NOT NULL))
);
CREATE INDEX dx_goal_evidence_goal ON dx_goal_evidence (goal_id);

-- A pilot DX model of a unit's programme, in a field.
CREATE TABLE dx_models (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    name         TEXT NOT NULL,
    field        TEXT NOT NULL CHECK (field IN ('education', 'party', 'community', 'health', 'agriculture', 'tourism', 'government', 'economy', 'other')),
    description  TEXT NOT NULL DEFAULT '',
    synthetic    BOOLEAN NOT NULL DEFAULT FALSE,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (unit_id, name)
);

-- The figures a model is judged by (headline keys or indicator codes).
CREATE TABLE dx_model_indicators (
    model_id    INTEGER NOT NULL REFERENCES dx_models (id),
    code        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (model_id, code)
);

-- Where a model is deployed, from what day. One row per model and unit.
CREATE TABLE dx_model_deployments (
    id          INTEGER PRIMARY KEY,
    model_id    INTEGER NOT NULL REFERENCES dx_models (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    deployed_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (model_id, unit_id)
);
CREATE INDEX dx_model_deployments_model ON dx_model_deployments (model_id);

-- A model's status over time: planned → deployed → effective or
-- not_effective (and re-evaluation between those two), with the
-- evaluation behind each verdict, who gave it and when.
CREATE TABLE dx_model_status (
    id          INTEGER PRIMARY KEY,
    model_id    INTEGER NOT NULL REFERENCES dx_models (id),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'deployed', 'effective', 'not_effective')),
    on_date     TEXT NOT NULL,
    evaluation  TEXT NOT NULL DEFAULT '',
    by_user     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    by_name     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX dx_model_status_model ON dx_model_status (model_id, on_date);
