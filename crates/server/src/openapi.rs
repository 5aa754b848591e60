//! The OpenAPI 3.1 document of `/api/v1`, built from one table of routes that the tests
//! also walk (every route listed must answer; every role is tried on each).

use serde_json::{json, Map, Value};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// Anyone, without login.
    Public,
    /// Any logged-in role (unit contacts see their unit only).
    AnyRole,
    /// Administrators and unit contacts (auditors change nothing).
    Writers,
    /// Administrators and auditors.
    ReadersOfAll,
    /// Administrators only.
    Admin,
}

/// (method, path, summary, who, request body schema name).
pub const ROUTES: &[(&str, &str, &str, Allowed, Option<&str>)] = &[
    (
        "get",
        "/openapi.json",
        "This document",
        Allowed::Public,
        None,
    ),
    (
        "get",
        "/public/data-files",
        "The public list of personal-data files (PDPA Art. 17)",
        Allowed::Public,
        None,
    ),
    ("get", "/me", "The caller", Allowed::AnyRole, None),
    ("get", "/units", "Units", Allowed::AnyRole, None),
    (
        "post",
        "/units",
        "Create a unit",
        Allowed::Admin,
        Some("UnitInput"),
    ),
    (
        "put",
        "/units/{id}",
        "Update a unit (with the version read)",
        Allowed::Admin,
        Some("UnitUpdate"),
    ),
    (
        "get",
        "/data-files",
        "Data files (a unit contact's: their unit only)",
        Allowed::AnyRole,
        None,
    ),
    (
        "post",
        "/data-files",
        "Create a data file (the 20 fields of point 37)",
        Allowed::Writers,
        Some("DataFileInput"),
    ),
    (
        "get",
        "/data-files/{id}",
        "A data file with its scan evidence",
        Allowed::AnyRole,
        None,
    ),
    (
        "put",
        "/data-files/{id}",
        "Update a data file (with the version read)",
        Allowed::Writers,
        Some("DataFileUpdate"),
    ),
    (
        "post",
        "/data-files/{id}/confirm",
        "Confirm a proposed data file",
        Allowed::Writers,
        Some("Version"),
    ),
    (
        "post",
        "/data-files/{id}/publish",
        "Publish the current version on the public list",
        Allowed::Admin,
        Some("Version"),
    ),
    (
        "get",
        "/data-files/{id}/risk",
        "The risk assessment (point 38)",
        Allowed::AnyRole,
        None,
    ),
    (
        "put",
        "/data-files/{id}/risk",
        "Save the risk assessment: 7 factors with scores and reasons",
        Allowed::Writers,
        Some("RiskInput"),
    ),
    (
        "get",
        "/data-files/{id}/risk/suggested",
        "Scores the scan evidence suggests",
        Allowed::AnyRole,
        None,
    ),
    (
        "get",
        "/data-files/{id}/controls",
        "Planned controls",
        Allowed::AnyRole,
        None,
    ),
    (
        "post",
        "/data-files/{id}/controls",
        "Plan a control",
        Allowed::Writers,
        Some("ControlInput"),
    ),
    (
        "put",
        "/controls/{id}",
        "Update a control (with the version read)",
        Allowed::Writers,
        Some("ControlUpdate"),
    ),
    (
        "get",
        "/imports",
        "Scan imports and what they did",
        Allowed::ReadersOfAll,
        None,
    ),
    (
        "post",
        "/imports",
        "Import a `gezi scan --format json` report",
        Allowed::Admin,
        Some("ScanReport"),
    ),
    (
        "get",
        "/audit",
        "Audit trail, newest first (limit, offset)",
        Allowed::ReadersOfAll,
        None,
    ),
    (
        "get",
        "/audit/verify",
        "Verify the audit trail's hash chain",
        Allowed::ReadersOfAll,
        None,
    ),
    ("get", "/users", "Users", Allowed::ReadersOfAll, None),
    (
        "post",
        "/users",
        "Create a user; answers a one-time password",
        Allowed::Admin,
        Some("NewUser"),
    ),
    (
        "put",
        "/users/{id}",
        "Update a user (with the version read)",
        Allowed::Admin,
        Some("UserUpdate"),
    ),
    (
        "get",
        "/codes/{list}",
        "An official code list (purpose or category), with whether it is partial",
        Allowed::AnyRole,
        None,
    ),
    (
        "put",
        "/codes/{list}",
        "Replace a code list with the full official one (CSV body)",
        Allowed::Admin,
        Some("CodeListCsv"),
    ),
    (
        "get",
        "/settings",
        "Organisation settings",
        Allowed::AnyRole,
        None,
    ),
    (
        "put",
        "/settings",
        "Change organisation settings",
        Allowed::Admin,
        Some("Settings"),
    ),
    ("get", "/due", "What is due: overdue, today and within 7 days (a unit contact's: their unit)", Allowed::AnyRole, None),
    ("get", "/requests", "Data subjects' requests (a unit contact's: their unit)", Allowed::AnyRole, None),
    ("post", "/requests", "Enter a request; the due date is computed on the rest-day calendar", Allowed::Writers, Some("NewRequest")),
    ("get", "/requests/{id}", "A request with its recipients and whether it is overdue", Allowed::AnyRole, None),
    ("post", "/requests/{id}/steps", "Take a step: verify_identity, ask_supplement, supplement_received, assign (administrators), extend, decide, reply_sent", Allowed::Writers, Some("RequestStep")),
    ("delete", "/requests/{id}", "Delete a request (refused with 409 before five years, point 39)", Allowed::Admin, None),
    ("get", "/incidents", "Incidents (a unit contact's: their unit)", Allowed::AnyRole, None),
    ("post", "/incidents", "Open an incident; the 4-hour clocks run from known_at", Allowed::Writers, Some("NewIncident")),
    ("get", "/incidents/{id}", "An incident with its clocks, measures and log", Allowed::AnyRole, None),
    ("post", "/incidents/{id}/steps", "Take a step: report, authority, notice_draft, notice_sent, close", Allowed::Writers, Some("IncidentStep")),
    ("post", "/incidents/{id}/measures", "Record one of the 13 measures of point 43", Allowed::Writers, Some("Measure")),
    ("delete", "/incidents/{id}", "Delete an incident (refused with 409 before five years, point 39)", Allowed::Admin, None),
    ("put", "/data-files/{id}/retention", "Set the last day a file's data is kept (point 21)", Allowed::Writers, Some("Retention")),
    ("get", "/data-files/{id}/disposals", "Disposals recorded for a file", Allowed::AnyRole, None),
    ("post", "/data-files/{id}/disposals", "Record a disposal with its impact check and verification (points 23, 24)", Allowed::Writers, Some("NewDisposal")),
    ("delete", "/disposals/{id}", "Delete a disposal record (refused with 409 before five years)", Allowed::Admin, None),
    ("get", "/records/{kind}", "Records of a kind: notice, consent, opt_out, purpose_external, exchange, vendor_contract, vendor_check, vendor_termination, vendor_staff_exit, roster, training, audit_check", Allowed::AnyRole, None),
    ("post", "/records/{kind}", "Enter a record (its kind's compulsory fields are checked)", Allowed::Writers, Some("NewRecord")),
    ("get", "/records/{kind}/{id}", "One record", Allowed::AnyRole, None),
    ("put", "/records/{kind}/{id}", "Change a record (with the version read)", Allowed::Writers, Some("RecordUpdate")),
    ("delete", "/records/{kind}/{id}", "Delete a record (refused with 409 before five years)", Allowed::Admin, None),
];

fn schemas() -> Value {
    let text = json!({"type": "string"});
    let texts = json!({"type": "array", "items": {"type": "string"}});
    let date = json!({"type": "string", "format": "date"});
    let file_fields = json!({
        "business": text, "name": text, "custodian_unit": text, "custody_method": text,
        "storage_forms": {"type": "array", "items": {"enum": ["paper", "electronic", "portable", "database"]}},
        "source": text, "legal_basis": text, "notice_required": {"type": "boolean"},
        "purposes": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{3}$"}},
        "categories": {"type": "array", "items": {"type": "string", "pattern": "^C[0-9]{3}$"}},
        "items": texts,
        "special_items": {"type": "array", "items": {"enum": ["medical_records", "medical", "genetic", "sex_life", "health_check", "criminal_record"]}},
        "record_count": {"type": "integer", "minimum": 0}, "internal_units": text, "external_parties": text,
        "outsourcing": text, "retention": text, "disposal_method": text, "publish_required": {"type": "boolean"},
        "unit_id": {"type": ["integer", "null"]}
    });
    let mut file_update = file_fields.clone();
    file_update["version"] = json!({"type": "integer"});
    let unit =
        json!({"name": text, "contact_name": text, "contact_email": text, "contact_phone": text});
    let mut unit_update = unit.clone();
    unit_update["version"] = json!({"type": "integer"});
    let control = json!({"description": text, "owner": text, "due_date": {"type": "string", "format": "date"}, "status": {"enum": ["planned", "in_progress", "done"]}});
    let mut control_update = control.clone();
    control_update["version"] = json!({"type": "integer"});
    let obj = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    json!({
        "UnitInput": obj(unit, &["name"]),
        "UnitUpdate": obj(unit_update, &["name", "version"]),
        "DataFileInput": obj(file_fields, &["name"]),
        "DataFileUpdate": obj(file_update, &["name", "version"]),
        "Version": obj(json!({"version": {"type": "integer"}}), &["version"]),
        "RiskInput": obj(json!({
            "version": {"type": ["integer", "null"], "description": "the assessment's version read; null for the first"},
            "factors": {"type": "array", "minItems": 7, "items": obj(json!({
                "factor": {"enum": ["identifiability", "form_volume", "sensitivity", "process_environment", "access_location", "lawfulness", "awareness"]},
                "score": {"type": "integer", "minimum": 1, "maximum": 3}, "reason": text}), &["factor", "score", "reason"])}
        }), &["factors"]),
        "ControlInput": obj(control, &["description", "owner", "due_date"]),
        "ControlUpdate": obj(control_update, &["description", "owner", "due_date", "version"]),
        "ScanReport": {"type": "object", "description": "the JSON written by `gezi scan --format json` (format gezi-scan, version 1)",
            "required": ["format", "version", "roots", "files", "summary", "scanned_at"]},
        "NewUser": obj(json!({"username": text, "display_name": text, "role": {"enum": ["admin", "unit_contact", "auditor"]}, "unit_id": {"type": ["integer", "null"]}}), &["username", "display_name", "role"]),
        "UserUpdate": obj(json!({"version": {"type": "integer"}, "display_name": text, "role": {"enum": ["admin", "unit_contact", "auditor"]}, "unit_id": {"type": ["integer", "null"]}, "active": {"type": "boolean"}}), &["version", "display_name", "role", "active"]),
        "CodeListCsv": {"type": "string", "description": "CSV: header line, then code,name_zh[,name_en or description_zh]"},
        "Settings": {"type": "object", "additionalProperties": {"type": "string"}},
        "NewRequest": obj(json!({"kind": {"enum": ["access", "copy", "correction", "supplement", "stop", "deletion"]},
            "channel": {"enum": ["web", "paper", "counter", "phone", "email"]}, "requester_name": text, "requester_contact": text,
            "details": text, "received_on": date, "unit_id": {"type": ["integer", "null"]}}),
            &["kind", "channel", "requester_name", "requester_contact", "details", "received_on"]),
        "RequestStep": {"type": "object", "required": ["version", "step"], "description": "verify_identity {method}; ask_supplement {note, due_on}; supplement_received {on}; assign {unit_id}; extend {reason}; decide {decision: granted|partly|rejected, ground (a refusal's ground id), reason, fee, on}; reply_sent {on}",
            "properties": {"version": {"type": "integer"}, "step": {"enum": ["verify_identity", "ask_supplement", "supplement_received", "assign", "extend", "decide", "reply_sent"]}}},
        "NewIncident": obj(json!({"title": text, "known_at": {"type": "string", "format": "date-time"}, "unit_id": {"type": ["integer", "null"]}}), &["title", "known_at"]),
        "IncidentStep": {"type": "object", "required": ["version", "step"], "description": "report {reporter, manner, occurred_at, place, scope, containment, channel: phone|sms|email, at}; authority {name, at}; notice_draft {facts, advice, helpdesk, remedy}; notice_sent {channel, at, count}; close {lessons}",
            "properties": {"version": {"type": "integer"}, "step": {"enum": ["report", "authority", "notice_draft", "notice_sent", "close"]}}},
        "Measure": obj(json!({"measure": {"type": "string", "pattern": "^m(0[1-9]|1[0-3])$"}, "applicable": {"type": "boolean"}, "done_at": {"type": "string", "format": "date-time"}, "note": text}), &["measure", "done_at"]),
        "NewRecord": obj(json!({"unit_id": {"type": ["integer", "null"]}, "values": {"type": "object", "additionalProperties": {"type": "string"}, "description": "field id → value; dates YYYY-MM-DD, checkboxes \"yes\""}}), &["values"]),
        "RecordUpdate": obj(json!({"version": {"type": "integer"}, "values": {"type": "object", "additionalProperties": {"type": "string"}}}), &["version", "values"]),
        "Retention": obj(json!({"retain_until": {"type": ["string", "null"], "format": "date"}}), &["retain_until"]),
        "NewDisposal": obj(json!({"disposed_on": date, "method": text, "approved_by": text, "impact_check": text, "verification": text, "verified_by": text, "unrecoverable_confirmed": {"type": "boolean"}}),
            &["disposed_on", "method", "approved_by", "impact_check", "verification", "verified_by", "unrecoverable_confirmed"]),
        "Error": obj(json!({"error": {"enum": ["unauthenticated", "forbidden", "csrf", "not_found", "invalid", "conflict", "refused", "too_many_requests", "internal"]}, "message": text, "field": text}), &["error", "message"])
    })
}

/// The document.
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for (method, path, summary, allowed, body) in ROUTES {
        let mut op = json!({
            "summary": summary,
            "x-roles": format!("{allowed:?}"),
            "responses": {
                "200": {"description": "OK"},
                "default": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        });
        if *allowed == Allowed::Public {
            op["security"] = json!([]);
        }
        if let Some(schema) = body {
            let media = if *schema == "CodeListCsv" {
                "text/csv"
            } else {
                "application/json"
            };
            op["requestBody"] = json!({"required": true, "content": {media: {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        }
        let params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": if name == "list" || name == "kind" {"string"} else {"integer"}}}))
            .collect();
        if !params.is_empty() {
            op["parameters"] = Value::Array(params);
        }
        paths.entry(path.to_string()).or_insert_with(|| json!({}))[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "gezi register API", "version": env!("CARGO_PKG_VERSION"),
            "description": "The register of personal-data files, risk assessments and the audit trail. Updates carry the version they read; a stale version answers 409."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "an API token made on the account page"}},
            "schemas": schemas()
        },
        "paths": paths
    })
}
