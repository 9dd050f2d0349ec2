-- Criteria sets, commune registration and recognition, and the DTI-style
-- index (issue 4, parts 3 to 5). Keep in step with ../postgres/.

-- A criteria set (bộ tiêu chí) of one year, issued by a unit (a province).
-- kind 'commune': criteria and recognition levels for communes; kind
-- 'index': a DTI-style index whose groups are pillars. The groups,
-- criteria, scoring rules and levels are one JSON document validated by
-- src/domain/criteria.rs when saved: rules are data, and a set is edited
-- and versioned as a whole (each save bumps `version`; the audit log keeps
-- every before and after).
CREATE TABLE criteria_sets (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('commune', 'index')),
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    definition  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (code, year)
);

-- Values of criteria whose evidence is manual, per unit: entered by the
-- unit itself (stage 'self') or by the verifying agency ('verified').
-- Append-only: the latest row of a (set, unit, criterion, stage) counts.
CREATE TABLE criterion_values (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES criteria_sets (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    criterion   TEXT NOT NULL,
    stage       TEXT NOT NULL CHECK (stage IN ('self', 'verified')),
    value       REAL NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX criterion_values_unit ON criterion_values (set_id, unit_id, criterion, id);

-- A commune's registration for a recognition level in a year, and where it
-- stands in the workflow (src/domain/criteria.rs, `Status`).
CREATE TABLE registrations (
    id             INTEGER PRIMARY KEY,
    set_id         INTEGER NOT NULL REFERENCES criteria_sets (id),
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    year           INTEGER NOT NULL,
    level          TEXT NOT NULL,
    status         TEXT NOT NULL,
    registered_on  TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (unit_id, year)
);
CREATE INDEX registrations_year ON registrations (year, unit_id);

-- Every step a registration took: the status it reached, on which day, by
-- whom, with the note (reasons when returned) and the next deadline.
CREATE TABLE registration_steps (
    id               INTEGER PRIMARY KEY,
    registration_id  INTEGER NOT NULL REFERENCES registrations (id),
    status           TEXT NOT NULL,
    on_day           TEXT NOT NULL,
    due_on           TEXT,
    note             TEXT NOT NULL DEFAULT '',
    user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor            TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX registration_steps_reg ON registration_steps (registration_id, id);

-- Evidence files of a registration (content in the data directory, as for
-- party documents), optionally for one criterion.
CREATE TABLE registration_files (
    id               INTEGER PRIMARY KEY,
    registration_id  INTEGER NOT NULL REFERENCES registrations (id),
    criterion        TEXT,
    sha256           TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    size_bytes       INTEGER NOT NULL,
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX registration_files_reg ON registration_files (registration_id);

-- Official index results (e.g. the ministry's DTI rank of a province in a
-- year), recorded beside the score tinhso computes; published_on says
-- from which day the result is known.
CREATE TABLE index_results (
    id            INTEGER PRIMARY KEY,
    index_code    TEXT NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    year          INTEGER NOT NULL,
    rank          INTEGER NOT NULL,
    ranked_of     INTEGER NOT NULL,
    score         REAL,
    published_on  TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    UNIQUE (index_code, unit_id, year)
);

-- Rank targets (lower is better): rank `rank` or better by `year`.
CREATE TABLE index_targets (
    id          INTEGER PRIMARY KEY,
    index_code  TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    year        INTEGER NOT NULL,
    rank        INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (index_code, unit_id, year)
);
