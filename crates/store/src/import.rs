//! From a `gezi scan` JSON report to proposed data files.
//!
//! Findings are grouped by source: the first folder under a scanned root is one
//! proposed data file (`share/hr/**` → "hr"), and files directly under the root (or a
//! root that is a file) form one file named after the root. Each proposal carries the
//! items, categories, Art. 6 items and an estimated number of records (the count of the
//! most frequent personal kind); a person confirms or edits it. Importing a later scan
//! of the same source updates the counts and lists what changed.

use std::collections::BTreeMap;

use gezi_detect::Kind;
use gezi_law::codes::ListKind;
use gezi_law::inventory::{item_name, FileStatus, SpecialItem};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::files::{fetch, insert, Fields};
use crate::{audit, now, to_json_list, Actor, Result, Store, StoreError};

/// The report versions this gezi reads.
/// Version 2 added document formats, locations, table profiles and `records`.
pub const READABLE_VERSIONS: &[u64] = &[1, 2];

/// The part of a scan report the register reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ScanReport {
    /// When the scan ran.
    pub scanned_at: String,
    /// What was scanned.
    pub roots: Vec<String>,
    /// Totals.
    pub summary: ReportSummary,
    /// Files with findings.
    pub files: Vec<ReportFile>,
}

/// Report totals.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportSummary {
    /// Files read.
    pub files_scanned: u64,
    /// Values found.
    pub findings: u64,
}

/// One file of a report.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportFile {
    /// Its path as scanned.
    pub path: String,
    /// Values found, per kind id.
    pub counts: BTreeMap<String, u64>,
    /// Estimated records (people) the file holds (version 2: rows of tables with a
    /// personal value, else the most frequent personal kind's count).
    #[serde(default)]
    pub records: Option<u64>,
}

/// Reads a report, telling clearly what is wrong with one that cannot be read.
pub fn parse_report(bytes: &[u8]) -> Result<ScanReport> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        StoreError::invalid(
            "report",
            format!(
                "is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some("gezi-scan") {
        return Err(StoreError::invalid(
            "report",
            "is not a gezi scan report (expected \"format\": \"gezi-scan\"; make one with `gezi scan --format json`)",
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64());
    match version {
        Some(v) if READABLE_VERSIONS.contains(&v) => {}
        Some(v) => {
            return Err(StoreError::invalid(
                "report",
                format!("is report version {v}; this gezi reads versions 1 and 2 (upgrade gezi, or scan again with this one)"),
            ))
        }
        None => return Err(StoreError::invalid("report", "has no version number")),
    }
    serde_json::from_value(value).map_err(|e| {
        StoreError::invalid("report", format!("does not have the expected fields: {e}"))
    })
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Outcome {
    /// The import's id.
    pub import_id: i64,
    /// Proposed files created: (id, name).
    pub created: Vec<(i64, String)>,
    /// Files whose counts changed, with the changes.
    pub updated: Vec<Updated>,
    /// Files seen again with the same counts: (id, name).
    pub unchanged: Vec<(i64, String)>,
    /// Things a person should know (kinds whose category code is not in the loaded list).
    pub notes: Vec<String>,
}

/// A file changed by a re-import.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Updated {
    /// File id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// (kind id, before, after) for each kind whose count changed.
    pub changes: Vec<(String, u64, u64)>,
}

/// Findings of one source, summed.
#[derive(Debug, Default)]
struct Group {
    name: String,
    counts: BTreeMap<String, u64>,
    files: BTreeMap<String, u64>,
    paths: BTreeMap<String, u64>,
    /// The files' own estimates of their records, summed (reports of version 2).
    records: Option<u64>,
}

fn group_key(path: &str, roots: &[String]) -> (String, String) {
    let root = roots
        .iter()
        .filter(|r| path.starts_with(r.as_str()))
        .max_by_key(|r| r.len())
        .cloned()
        .unwrap_or_default();
    let rest = path[root.len()..].trim_start_matches(['/', '\\']);
    let root_name = |r: &str| {
        r.trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .filter(|s| !s.is_empty() && *s != ".")
            .unwrap_or("scan")
            .to_string()
    };
    match rest.split_once(['/', '\\']) {
        Some((folder, _)) if !root.is_empty() => (
            format!("{}/{folder}", root.trim_end_matches(['/', '\\'])),
            folder.to_string(),
        ),
        _ if root.is_empty() => (path.to_string(), root_name(path)),
        _ => (
            root.trim_end_matches(['/', '\\']).to_string(),
            root_name(&root),
        ),
    }
}

fn group(report: &ScanReport) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for f in &report.files {
        let (key, name) = group_key(&f.path, &report.roots);
        let g = groups.entry(key).or_default();
        g.name = name;
        let mut personal = 0;
        for (kind, n) in &f.counts {
            *g.counts.entry(kind.clone()).or_default() += n;
            *g.files.entry(kind.clone()).or_default() += 1;
            if kind
                .parse::<Kind>()
                .map(|k| k.is_personal())
                .unwrap_or(true)
            {
                personal += n;
            }
        }
        if personal > 0 {
            g.paths.insert(f.path.clone(), personal);
            if let Some(n) = f.records {
                g.records = Some(g.records.unwrap_or(0) + n);
            }
        }
    }
    groups.retain(|_, g| !g.paths.is_empty());
    groups
}

/// The register's reading of a group's kinds: items, categories, Art. 6 items, records.
fn reading(
    counts: &BTreeMap<String, u64>,
    categories_known: &[String],
    notes: &mut Vec<String>,
) -> Fields {
    let mut f = Fields::default();
    for (kind_id, n) in counts {
        let kind = kind_id.parse::<Kind>().ok();
        if kind.is_some_and(|k| !k.is_personal()) {
            continue;
        }
        f.record_count = f.record_count.max(*n as i64);
        f.items
            .push(item_name(kind_id).unwrap_or(kind_id).to_string());
        if let Some(s) = SpecialItem::for_kind(kind_id) {
            if !f.special_items.contains(&s.id().to_string()) {
                f.special_items.push(s.id().to_string());
            }
        }
        if let Some(code) = kind
            .map(|k| k.pdpa_category())
            .filter(|c| c.starts_with('C'))
        {
            if categories_known.iter().any(|c| c == code) {
                if !f.categories.iter().any(|c| c == code) {
                    f.categories.push(code.to_string());
                }
            } else {
                let note = format!("{kind_id}: category {code} is not in the loaded (partial) list; add it after importing the full list");
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }
    f.categories.sort();
    f
}

impl Store {
    /// Imports a report: proposes a data file per new source, updates the counts of
    /// sources seen before. All in one transaction.
    pub async fn import_scan(&self, actor: &Actor, report: &ScanReport) -> Result<Outcome> {
        let categories_known: Vec<String> = self
            .code_list(ListKind::Category)
            .await?
            .codes
            .into_iter()
            .map(|c| c.code)
            .collect();
        let groups = group(report);
        let mut outcome = Outcome::default();
        let mut w = self.write().await?;
        let import_id: i64 = sqlx::query(
            "INSERT INTO scan_imports (imported_at, imported_by, scanned_at, roots, files_scanned, findings, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, '{}') RETURNING id",
        )
        .bind(now())
        .bind(&actor.name)
        .bind(&report.scanned_at)
        .bind(to_json_list(&report.roots))
        .bind(report.summary.files_scanned as i64)
        .bind(report.summary.findings as i64)
        .fetch_one(&mut *w.tx)
        .await?
        .get(0);
        outcome.import_id = import_id;
        for (key, g) in &groups {
            let origin = format!("scan:{key}");
            let mut read = reading(&g.counts, &categories_known, &mut outcome.notes);
            if let Some(n) = g.records {
                // Counted by the scanner per document (table rows, people in text), so a
                // sheet of 120 applicants with a name, an ID and a phone each is 120.
                read.record_count = n as i64;
            }
            let existing = sqlx::query("SELECT id FROM data_files WHERE origin = $1")
                .bind(&origin)
                .fetch_optional(&mut *w.tx)
                .await?
                .map(|r| r.get::<i64, _>(0));
            let id = match existing {
                None => {
                    let fields = Fields {
                        name: g.name.clone(),
                        source: format!("gezi scan of {key} ({})", report.scanned_at),
                        storage_forms: vec!["electronic".into()],
                        custody_method: format!("電子檔，存放於 {key}"),
                        notice_required: true,
                        publish_required: true,
                        ..read.clone()
                    };
                    let id = insert(
                        &mut w.tx,
                        FileStatus::Proposed,
                        None,
                        Some(&origin),
                        &fields,
                    )
                    .await?;
                    let created = fetch(&mut w.tx, id).await?;
                    audit::append(
                        &mut w.tx,
                        actor,
                        "data_file.propose",
                        "data_file",
                        id,
                        None::<&()>,
                        Some(&created),
                    )
                    .await?;
                    outcome.created.push((id, g.name.clone()));
                    id
                }
                Some(id) => {
                    let before_counts: BTreeMap<String, u64> =
                        sqlx::query("SELECT kind, found FROM evidence WHERE data_file_id = $1")
                            .bind(id)
                            .fetch_all(&mut *w.tx)
                            .await?
                            .iter()
                            .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1) as u64))
                            .collect();
                    let mut changes = Vec::new();
                    for kind in before_counts.keys().chain(g.counts.keys()) {
                        let (b, a) = (
                            before_counts.get(kind).copied().unwrap_or(0),
                            g.counts.get(kind).copied().unwrap_or(0),
                        );
                        if b != a
                            && !changes
                                .iter()
                                .any(|(k, _, _): &(String, u64, u64)| k == kind)
                        {
                            changes.push((kind.clone(), b, a));
                        }
                    }
                    let before = fetch(&mut w.tx, id).await?;
                    if changes.is_empty() {
                        outcome.unchanged.push((id, before.fields.name.clone()));
                    } else {
                        // Keep what people added; add what the scan newly shows.
                        let mut f = before.fields.clone();
                        for item in &read.items {
                            if !f.items.contains(item) {
                                f.items.push(item.clone());
                            }
                        }
                        for c in &read.categories {
                            if !f.categories.contains(c) {
                                f.categories.push(c.clone());
                            }
                        }
                        for s in &read.special_items {
                            if !f.special_items.contains(s) {
                                f.special_items.push(s.clone());
                            }
                        }
                        sqlx::query(
                            "UPDATE data_files SET items = $1, categories = $2, special_items = $3, record_count = $4,
                             changed_at = $5, version = version + 1 WHERE id = $6",
                        )
                        .bind(to_json_list(&f.items))
                        .bind(to_json_list(&f.categories))
                        .bind(to_json_list(&f.special_items))
                        .bind(read.record_count)
                        .bind(now())
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                        let after = fetch(&mut w.tx, id).await?;
                        audit::append(
                            &mut w.tx,
                            actor,
                            "data_file.rescan",
                            "data_file",
                            id,
                            Some(&before),
                            Some(&after),
                        )
                        .await?;
                        outcome.updated.push(Updated {
                            id,
                            name: before.fields.name.clone(),
                            changes,
                        });
                    }
                    id
                }
            };
            sqlx::query("DELETE FROM evidence WHERE data_file_id = $1")
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("DELETE FROM evidence_paths WHERE data_file_id = $1")
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            for (kind, n) in &g.counts {
                sqlx::query("INSERT INTO evidence (data_file_id, kind, found, files, import_id) VALUES ($1, $2, $3, $4, $5)")
                    .bind(id)
                    .bind(kind)
                    .bind(*n as i64)
                    .bind(g.files[kind] as i64)
                    .bind(import_id)
                    .execute(&mut *w.tx)
                    .await?;
            }
            for (path, n) in &g.paths {
                sqlx::query(
                    "INSERT INTO evidence_paths (data_file_id, path, found) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(path)
                .bind(*n as i64)
                .execute(&mut *w.tx)
                .await?;
            }
        }
        sqlx::query("UPDATE scan_imports SET outcome = $1 WHERE id = $2")
            .bind(serde_json::to_string(&outcome).expect("serialises"))
            .bind(import_id)
            .execute(&mut *w.tx)
            .await?;
        let summary = serde_json::json!({
            "roots": report.roots, "created": outcome.created.len(),
            "updated": outcome.updated.len(), "unchanged": outcome.unchanged.len()
        });
        audit::append(
            &mut w.tx,
            actor,
            "scan.import",
            "scan_import",
            import_id,
            None::<&()>,
            Some(&summary),
        )
        .await?;
        w.commit().await?;
        Ok(outcome)
    }

    /// The imports, newest first: (id, imported_at, imported_by, roots, outcome).
    pub async fn imports(&self) -> Result<Vec<ImportRecord>> {
        Ok(sqlx::query("SELECT * FROM scan_imports ORDER BY id DESC")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| ImportRecord {
                id: r.get("id"),
                imported_at: r.get("imported_at"),
                imported_by: r.get("imported_by"),
                scanned_at: r.get("scanned_at"),
                roots: crate::json_list(r, "roots"),
                files_scanned: r.get("files_scanned"),
                findings: r.get("findings"),
                outcome: serde_json::from_str(&r.get::<String, _>("outcome")).unwrap_or_default(),
            })
            .collect())
    }

    /// What scans found for a file: (kind id, values, files), and the paths with counts.
    pub async fn evidence(
        &self,
        data_file_id: i64,
    ) -> Result<(Vec<(String, i64, i64)>, Vec<(String, i64)>)> {
        let kinds = sqlx::query(
            "SELECT kind, found, files FROM evidence WHERE data_file_id = $1 ORDER BY kind",
        )
        .bind(data_file_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
        let paths = sqlx::query(
            "SELECT path, found FROM evidence_paths WHERE data_file_id = $1 ORDER BY path",
        )
        .bind(data_file_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        Ok((kinds, paths))
    }
}

/// A past import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    /// Id.
    pub id: i64,
    /// When imported (UTC).
    pub imported_at: String,
    /// By whom.
    pub imported_by: String,
    /// When the scan ran.
    pub scanned_at: String,
    /// What was scanned.
    pub roots: Vec<String>,
    /// Files read by the scan.
    pub files_scanned: i64,
    /// Values found.
    pub findings: i64,
    /// What the import did.
    pub outcome: Outcome,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_first_folder_under_the_root() {
        let roots = vec!["share/".to_string(), "one.csv".to_string()];
        assert_eq!(
            group_key("share/hr/2024/a.csv", &roots),
            ("share/hr".into(), "hr".into())
        );
        assert_eq!(
            group_key("share/top.csv", &roots),
            ("share".into(), "share".into())
        );
        assert_eq!(
            group_key("one.csv", &roots),
            ("one.csv".into(), "one.csv".into())
        );
    }

    #[test]
    fn unknown_versions_and_formats_are_named() {
        let e = parse_report(br#"{"format":"gezi-scan","version":7}"#).unwrap_err();
        assert!(e.to_string().contains("version 7"), "{e}");
        let e = parse_report(br#"{"format":"other"}"#).unwrap_err();
        assert!(e.to_string().contains("not a gezi scan report"), "{e}");
        let e = parse_report(b"{\"format\":").unwrap_err();
        assert!(e.to_string().contains("not valid JSON"), "{e}");
    }
}
