-- Party-member e-handbook (Sổ tay đảng viên điện tử): party organisations,
-- members, meetings with notices, attendance, minutes and tasks, documents
-- with confidentiality, distribution, attachments and read receipts,
-- personal notes, and handbook-use events. Dates are ISO text
-- (YYYY-MM-DD), instants RFC 3339 text in UTC. Keep in step with ../postgres/.

-- The party tree: provincial committee → district committee → commune
-- committee → cell, each tied to the administrative unit version it serves
-- (the Khe Bành cell to the village Khe Bành). valid_to is the last day.
CREATE TABLE party_orgs (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES party_orgs (id),
    kind        TEXT NOT NULL CHECK (kind IN ('provincial_committee', 'district_committee', 'commune_committee', 'cell')),
    name        TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);
CREATE INDEX party_orgs_unit ON party_orgs (unit_id);

-- One row per membership of a person in an organisation: from from_date to
-- to_date (last day; NULL while a member). joined_on is the day the person
-- joined the party; status official or probationary (chính thức, dự bị).
-- user_id links the member to the account they sign in with.
CREATE TABLE party_members (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES party_orgs (id),
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    full_name   TEXT NOT NULL,
    position    TEXT NOT NULL CHECK (position IN ('secretary', 'deputy', 'member')),
    status      TEXT NOT NULL CHECK (status IN ('official', 'probationary')),
    joined_on   TEXT NOT NULL,
    from_date   TEXT NOT NULL,
    to_date     TEXT,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX party_members_org ON party_members (org_id, from_date);
CREATE INDEX party_members_user ON party_members (user_id);

-- Meetings of an organisation: regular (monthly) or thematic. state:
-- planned → notified (notice sent) → held (attendance or minutes taken);
-- or cancelled. Minutes and resolutions are written by the secretary.
CREATE TABLE party_meetings (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES party_orgs (id),
    kind         TEXT NOT NULL CHECK (kind IN ('regular', 'thematic')),
    title        TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    starts_at    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    agenda       TEXT NOT NULL DEFAULT '',
    minutes      TEXT NOT NULL DEFAULT '',
    resolutions  TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL CHECK (state IN ('planned', 'notified', 'held', 'cancelled')),
    notice_sent_at TEXT,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    synthetic    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX party_meetings_org ON party_meetings (org_id, held_on);
CREATE INDEX party_meetings_day ON party_meetings (held_on);

-- A notice of a meeting to one member, and when the member first saw it.
CREATE TABLE party_notices (
    meeting_id  INTEGER NOT NULL REFERENCES party_meetings (id),
    member_id   INTEGER NOT NULL REFERENCES party_members (id),
    sent_at     TEXT NOT NULL,
    seen_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX party_notices_member ON party_notices (member_id);

-- Attendance of one member at one meeting: present, late, or absent with a
-- reason.
CREATE TABLE party_attendance (
    meeting_id  INTEGER NOT NULL REFERENCES party_meetings (id),
    member_id   INTEGER NOT NULL REFERENCES party_members (id),
    status      TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent')),
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX party_attendance_member ON party_attendance (member_id);

-- Follow-up tasks decided at a meeting, with an owner and a deadline; open
-- tasks are carried to the organisation's next meetings until done.
CREATE TABLE party_tasks (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES party_meetings (id),
    org_id      INTEGER NOT NULL REFERENCES party_orgs (id),
    title       TEXT NOT NULL,
    owner_id    INTEGER REFERENCES party_members (id),
    due_on      TEXT,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX party_tasks_org ON party_tasks (org_id, done_at);
CREATE INDEX party_tasks_owner ON party_tasks (owner_id);

-- Documents: number, title, issuer, issue date, kind, confidentiality
-- (public; internal to the party; restricted to the positions in
-- party_document_positions). search_key is the folded number, title, issuer
-- and summary, for search without diacritics.
CREATE TABLE party_documents (
    id              INTEGER PRIMARY KEY,
    issuer_org_id   INTEGER NOT NULL REFERENCES party_orgs (id),
    number          TEXT NOT NULL,
    title           TEXT NOT NULL,
    issuer          TEXT NOT NULL,
    issued_on       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('resolution', 'directive', 'conclusion', 'guidance', 'plan', 'report', 'notice', 'other')),
    confidentiality TEXT NOT NULL CHECK (confidentiality IN ('public', 'internal', 'restricted')),
    summary         TEXT NOT NULL DEFAULT '',
    search_key      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    synthetic       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX party_documents_issuer ON party_documents (issuer_org_id);

-- The organisations a document is distributed to (it reaches their members
-- and the members of every organisation below them).
CREATE TABLE party_document_orgs (
    document_id INTEGER NOT NULL REFERENCES party_documents (id),
    org_id      INTEGER NOT NULL REFERENCES party_orgs (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, org_id)
);
CREATE INDEX party_document_orgs_org ON party_document_orgs (org_id);

-- For restricted documents: the positions that may read them.
CREATE TABLE party_document_positions (
    document_id INTEGER NOT NULL REFERENCES party_documents (id),
    position    TEXT NOT NULL CHECK (position IN ('secretary', 'deputy', 'member')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);

-- Files attached to a document. The content lives in the data directory
-- under files/<first two hex digits of sha256>/<the rest>; the type is the
-- one sniffed from the content; file_name has no path.
CREATE TABLE party_attachments (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES party_documents (id),
    sha256       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX party_attachments_document ON party_attachments (document_id);

-- Documents attached to a meeting's agenda.
CREATE TABLE party_meeting_documents (
    meeting_id  INTEGER NOT NULL REFERENCES party_meetings (id),
    document_id INTEGER NOT NULL REFERENCES party_documents (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (meeting_id, document_id)
);

-- Read receipts: the first time a member opened a document.
CREATE TABLE party_document_reads (
    document_id INTEGER NOT NULL REFERENCES party_documents (id),
    member_id   INTEGER NOT NULL REFERENCES party_members (id),
    read_at     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, member_id)
);
CREATE INDEX party_document_reads_member ON party_document_reads (member_id);

-- Personal notes: private to their author (user_id), never shown to anyone
-- else, admins included. A note may be about a meeting or a document.
CREATE TABLE party_notes (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES party_meetings (id),
    document_id INTEGER REFERENCES party_documents (id),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX party_notes_user ON party_notes (user_id);

-- Handbook use: a member signed in, opened a meeting or opened a document on
-- a day (Vietnam time). One row per member, day and kind.
CREATE TABLE party_usage (
    member_id   INTEGER NOT NULL REFERENCES party_members (id),
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('login', 'open_meeting', 'open_document')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (member_id, day, kind)
);
CREATE INDEX party_usage_day ON party_usage (day);
