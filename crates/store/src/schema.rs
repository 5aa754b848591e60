//! The schema, written once for both databases.
//!
//! The statements use the common subset of SQLite and PostgreSQL; the few words that
//! differ are placeholders: `{ID}` (an auto-numbered primary key). Booleans are stored as
//! 0/1 integers and times as RFC 3339 UTC text (`2026-11-22T10:00:00Z`), which sort
//! correctly as text and read the same through sqlx's `Any` driver on both databases.

use crate::Backend;

/// Migrations in order; each runs once, in one transaction, recorded in `schema_migrations`.
pub const MIGRATIONS: &[(i64, &str)] = &[(1, V1), (2, V2)];

/// Expands the placeholders of a migration for `backend`.
pub fn expand(sql: &str, backend: Backend) -> String {
    let id = match backend {
        Backend::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Backend::Postgres => "BIGSERIAL PRIMARY KEY",
    };
    sql.replace("{ID}", id)
}

const V1: &str = "
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE code_lists (
    list TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE TABLE codes (
    list TEXT NOT NULL,
    code TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT,
    description_zh TEXT,
    PRIMARY KEY (list, code)
);
CREATE TABLE units (
    id {ID},
    name TEXT NOT NULL UNIQUE,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE users (
    id {ID},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    password_hash TEXT NOT NULL,
    must_change_password BIGINT NOT NULL,
    totp_secret TEXT,
    active BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    second_factor_done BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
    id {ID},
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked BIGINT NOT NULL
);
CREATE TABLE scan_imports (
    id {ID},
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    roots TEXT NOT NULL,
    files_scanned BIGINT NOT NULL,
    findings BIGINT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE data_files (
    id {ID},
    status TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    origin TEXT UNIQUE,
    business TEXT NOT NULL,
    name TEXT NOT NULL,
    custodian_unit TEXT NOT NULL,
    custody_method TEXT NOT NULL,
    storage_forms TEXT NOT NULL,
    source TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    notice_required BIGINT NOT NULL,
    purposes TEXT NOT NULL,
    categories TEXT NOT NULL,
    items TEXT NOT NULL,
    special_items TEXT NOT NULL,
    record_count BIGINT NOT NULL,
    internal_units TEXT NOT NULL,
    external_parties TEXT NOT NULL,
    outsourcing TEXT NOT NULL,
    retention TEXT NOT NULL,
    disposal_method TEXT NOT NULL,
    publish_required BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    published_at TEXT,
    published_version BIGINT,
    published_json TEXT,
    version BIGINT NOT NULL
);
CREATE TABLE evidence (
    data_file_id BIGINT NOT NULL REFERENCES data_files(id),
    kind TEXT NOT NULL,
    found BIGINT NOT NULL,
    files BIGINT NOT NULL,
    import_id BIGINT NOT NULL REFERENCES scan_imports(id),
    PRIMARY KEY (data_file_id, kind)
);
CREATE TABLE evidence_paths (
    data_file_id BIGINT NOT NULL REFERENCES data_files(id),
    path TEXT NOT NULL,
    found BIGINT NOT NULL,
    PRIMARY KEY (data_file_id, path)
);
CREATE TABLE risk_assessments (
    data_file_id BIGINT PRIMARY KEY REFERENCES data_files(id),
    impact BIGINT NOT NULL,
    likelihood BIGINT NOT NULL,
    level TEXT NOT NULL,
    assessed_by TEXT NOT NULL,
    assessed_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE risk_factors (
    data_file_id BIGINT NOT NULL REFERENCES data_files(id),
    factor TEXT NOT NULL,
    score BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (data_file_id, factor)
);
CREATE TABLE controls (
    id {ID},
    data_file_id BIGINT NOT NULL REFERENCES data_files(id),
    description TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'genesis');
CREATE INDEX data_files_unit ON data_files(unit_id);
CREATE INDEX controls_file ON controls(data_file_id);
";

/// The legal clocks: rest-day calendars, requests, incidents, disposals, reminders.
const V2: &str = "
CREATE TABLE holidays (
    jurisdiction TEXT NOT NULL,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (jurisdiction, day)
);
CREATE TABLE requests (
    id {ID},
    jurisdiction TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    requester_name TEXT NOT NULL,
    requester_contact TEXT NOT NULL,
    details TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    received_on TEXT NOT NULL,
    due_on TEXT,
    extension_limit_on TEXT,
    extended_due_on TEXT,
    extension_reason TEXT,
    identity_method TEXT,
    identity_verified_at TEXT,
    identity_verified_by TEXT,
    supplement_note TEXT,
    supplement_due_on TEXT,
    supplement_received_on TEXT,
    decision TEXT,
    ground TEXT,
    decision_reason TEXT,
    fee BIGINT NOT NULL,
    decided_on TEXT,
    decided_by TEXT,
    reply_sent_on TEXT,
    created_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE request_recipients (
    id {ID},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    recipient TEXT NOT NULL,
    notified_on TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE incidents (
    id {ID},
    jurisdiction TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    title TEXT NOT NULL,
    known_at TEXT NOT NULL,
    status TEXT NOT NULL,
    reporter TEXT NOT NULL,
    manner TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    place TEXT NOT NULL,
    scope TEXT NOT NULL,
    containment TEXT NOT NULL,
    report_channel TEXT,
    reported_at TEXT,
    authority_name TEXT,
    authority_notified_at TEXT,
    notice_facts TEXT NOT NULL,
    notice_advice TEXT NOT NULL,
    notice_helpdesk TEXT NOT NULL,
    notice_remedy TEXT NOT NULL,
    notice_channel TEXT,
    notice_sent_at TEXT,
    notice_count BIGINT,
    lessons TEXT NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE incident_measures (
    incident_id BIGINT NOT NULL REFERENCES incidents(id),
    measure TEXT NOT NULL,
    applicable BIGINT NOT NULL,
    done_at TEXT NOT NULL,
    done_by TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (incident_id, measure)
);
CREATE TABLE incident_log (
    id {ID},
    incident_id BIGINT NOT NULL REFERENCES incidents(id),
    at TEXT NOT NULL,
    by_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
ALTER TABLE data_files ADD COLUMN retain_until TEXT;
CREATE TABLE disposals (
    id {ID},
    data_file_id BIGINT NOT NULL REFERENCES data_files(id),
    disposed_on TEXT NOT NULL,
    method TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    impact_check TEXT NOT NULL,
    verification TEXT NOT NULL,
    verified_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE records (
    id {ID},
    kind TEXT NOT NULL,
    unit_id BIGINT REFERENCES units(id),
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX records_kind ON records(kind);
CREATE TABLE reminders (
    item TEXT NOT NULL,
    channel TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (item, channel, sent_on)
);
CREATE INDEX requests_unit ON requests(unit_id);
CREATE INDEX incidents_unit ON incidents(unit_id);
CREATE INDEX recipients_request ON request_recipients(request_id);
CREATE INDEX disposals_file ON disposals(data_file_id);
";
