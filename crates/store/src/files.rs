//! Personal-data files (個人資料檔案): the register of point 37, and publication.

use gezi_law::codes::ListKind;
use gezi_law::inventory::{FileStatus, SpecialItem, StorageForm};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};

use crate::{
    audit, check_text, flag, json_list, missing_or_conflict, now, required, to_json_list, Actor,
    Result, Store, StoreError,
};

/// The fields a person edits: the 20 of point 37(2) (the responsible unit is
/// [`DataFile::unit_id`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fields {
    /// (1) 所涉主要業務、職掌內容及辦理流程.
    pub business: String,
    /// (2) 個人資料檔案名稱.
    pub name: String,
    /// (4) 保存管理單位.
    pub custodian_unit: String,
    /// (5) 保管方式.
    pub custody_method: String,
    /// (6) 檔案型態: ids of [`StorageForm`].
    pub storage_forms: Vec<String>,
    /// (7) 個人資料來源.
    pub source: String,
    /// (8) 法令或契約上之保有依據.
    pub legal_basis: String,
    /// (9) 是否須履行告知義務.
    pub notice_required: bool,
    /// (10) 特定目的: official codes.
    pub purposes: Vec<String>,
    /// (11) 個人資料類別: official codes.
    pub categories: Vec<String>,
    /// (12) 個人資料項目.
    pub items: Vec<String>,
    /// (13) Art. 6 items: ids of [`SpecialItem`].
    pub special_items: Vec<String>,
    /// (14) 個人資料數量.
    pub record_count: i64,
    /// (15) 內部進行蒐集、處理或利用之單位.
    pub internal_units: String,
    /// (16) 外部進行蒐集、處理或利用者.
    pub external_parties: String,
    /// (17) 委外及受委託對象接觸情形.
    pub outsourcing: String,
    /// (18) 法定或自訂之保存期限.
    pub retention: String,
    /// (19) 銷毀方式.
    pub disposal_method: String,
    /// (20) 是否依第十七條對外公告.
    pub publish_required: bool,
}

/// A file in the register.
#[derive(Debug, Clone, Serialize)]
pub struct DataFile {
    /// Id.
    pub id: i64,
    /// Proposed (from a scan), confirmed or retired: a [`FileStatus`] id.
    pub status: String,
    /// (3) 業務主管單位.
    pub unit_id: Option<i64>,
    /// Where a proposal came from (`scan:<root>/<folder>`), for re-imports.
    pub origin: Option<String>,
    /// The editable fields.
    #[serde(flatten)]
    pub fields: Fields,
    /// Created (UTC).
    pub created_at: String,
    /// Last change of content (UTC): starts the one-month publication clock.
    pub changed_at: String,
    /// Last published (UTC).
    pub published_at: Option<String>,
    /// The version that was published.
    pub published_version: Option<i64>,
    /// For optimistic concurrency.
    pub version: i64,
}

impl DataFile {
    /// Whether the published version is the current one.
    pub fn is_published_current(&self) -> bool {
        self.published_version == Some(self.version)
    }
}

/// What the public list shows of a file (PDPA Art. 17 items), frozen when published.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    /// File id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Holding unit.
    pub unit: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Purposes as `code name`.
    pub purposes: Vec<String>,
    /// Categories as `code name`.
    pub categories: Vec<String>,
    /// Data items.
    pub items: Vec<String>,
    /// Source.
    pub source: String,
    /// Retention.
    pub retention: String,
    /// Who else uses it (for the Art. 8 notice: recipients).
    pub external_parties: String,
    /// When published (UTC).
    pub published_at: String,
}

fn data_file(r: &sqlx::any::AnyRow) -> DataFile {
    DataFile {
        id: r.get("id"),
        status: r.get("status"),
        unit_id: r.get("unit_id"),
        origin: r.get("origin"),
        fields: Fields {
            business: r.get("business"),
            name: r.get("name"),
            custodian_unit: r.get("custodian_unit"),
            custody_method: r.get("custody_method"),
            storage_forms: json_list(r, "storage_forms"),
            source: r.get("source"),
            legal_basis: r.get("legal_basis"),
            notice_required: flag(r, "notice_required"),
            purposes: json_list(r, "purposes"),
            categories: json_list(r, "categories"),
            items: json_list(r, "items"),
            special_items: json_list(r, "special_items"),
            record_count: r.get("record_count"),
            internal_units: r.get("internal_units"),
            external_parties: r.get("external_parties"),
            outsourcing: r.get("outsourcing"),
            retention: r.get("retention"),
            disposal_method: r.get("disposal_method"),
            publish_required: flag(r, "publish_required"),
        },
        created_at: r.get("created_at"),
        changed_at: r.get("changed_at"),
        published_at: r.get("published_at"),
        published_version: r.get("published_version"),
        version: r.get("version"),
    }
}

pub(crate) async fn fetch(tx: &mut Transaction<'static, Any>, id: i64) -> Result<DataFile> {
    sqlx::query("SELECT * FROM data_files WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| data_file(&r))
        .ok_or(StoreError::NotFound("data file"))
}

impl Store {
    /// Checks fields against the rules and the loaded code lists.
    pub async fn check_fields(&self, f: &Fields) -> Result<()> {
        required("name", &f.name, 200)?;
        for (field, value) in [
            ("business", &f.business),
            ("custodian_unit", &f.custodian_unit),
            ("custody_method", &f.custody_method),
            ("source", &f.source),
            ("legal_basis", &f.legal_basis),
            ("internal_units", &f.internal_units),
            ("external_parties", &f.external_parties),
            ("outsourcing", &f.outsourcing),
            ("retention", &f.retention),
            ("disposal_method", &f.disposal_method),
        ] {
            check_text(field, value, 4000)?;
        }
        for s in &f.storage_forms {
            if StorageForm::parse(s).is_none() {
                return Err(StoreError::invalid(
                    "storage_forms",
                    "must be paper, electronic, portable or database",
                ));
            }
        }
        for s in &f.special_items {
            if SpecialItem::parse(s).is_none() {
                return Err(StoreError::invalid(
                    "special_items",
                    "is not an Art. 6 item",
                ));
            }
        }
        if f.items.len() > 200 {
            return Err(StoreError::invalid("items", "more than 200 items"));
        }
        for item in &f.items {
            check_text("items", item, 200)?;
        }
        if f.record_count < 0 {
            return Err(StoreError::invalid("record_count", "cannot be negative"));
        }
        for (field, kind, values) in [
            ("purposes", ListKind::Purpose, &f.purposes),
            ("categories", ListKind::Category, &f.categories),
        ] {
            let list = self.code_list(kind).await?;
            for v in values {
                if !list.codes.iter().any(|c| &c.code == v) {
                    return Err(StoreError::invalid(
                        field,
                        "is not a code of the loaded official list (an administrator can import the full list)",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Files, newest change first; only one unit's when `unit` is given.
    pub async fn data_files(&self, unit: Option<i64>) -> Result<Vec<DataFile>> {
        let rows =
            match unit {
                Some(u) => sqlx::query(
                    "SELECT * FROM data_files WHERE unit_id = $1 ORDER BY changed_at DESC, id DESC",
                )
                .bind(u)
                .fetch_all(self.pool())
                .await?,
                None => {
                    sqlx::query("SELECT * FROM data_files ORDER BY changed_at DESC, id DESC")
                        .fetch_all(self.pool())
                        .await?
                }
            };
        Ok(rows.iter().map(data_file).collect())
    }

    /// One file.
    pub async fn data_file(&self, id: i64) -> Result<DataFile> {
        sqlx::query("SELECT * FROM data_files WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .map(|r| data_file(&r))
            .ok_or(StoreError::NotFound("data file"))
    }

    /// Creates a file, confirmed, entered by a person.
    pub async fn create_data_file(
        &self,
        actor: &Actor,
        unit_id: Option<i64>,
        f: &Fields,
    ) -> Result<DataFile> {
        self.check_fields(f).await?;
        if let Some(u) = unit_id {
            self.unit(u)
                .await
                .map_err(|_| StoreError::invalid("unit_id", "no such unit"))?;
        }
        let mut w = self.write().await?;
        let id = insert(&mut w.tx, FileStatus::Confirmed, unit_id, None, f).await?;
        let created = fetch(&mut w.tx, id).await?;
        audit::append(
            &mut w.tx,
            actor,
            "data_file.create",
            "data_file",
            id,
            None::<&()>,
            Some(&created),
        )
        .await?;
        w.commit().await?;
        Ok(created)
    }

    /// Updates a file read at `version`; a proposed file stays proposed until confirmed.
    pub async fn update_data_file(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        unit_id: Option<i64>,
        f: &Fields,
    ) -> Result<DataFile> {
        self.check_fields(f).await?;
        if let Some(u) = unit_id {
            self.unit(u)
                .await
                .map_err(|_| StoreError::invalid("unit_id", "no such unit"))?;
        }
        let mut w = self.write().await?;
        let before = fetch(&mut w.tx, id).await?;
        let done = bind_fields(sqlx::query(&UPDATE_SQL).bind(unit_id), f)
            .bind(now())
            .bind(id)
            .bind(version)
            .execute(&mut *w.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "data_files", "data file", id).await);
        }
        let after = fetch(&mut w.tx, id).await?;
        audit::append(
            &mut w.tx,
            actor,
            "data_file.update",
            "data_file",
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await?;
        Ok(after)
    }

    /// Sets the status (confirm a proposal, retire a file) of a file read at `version`.
    pub async fn set_data_file_status(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        status: FileStatus,
    ) -> Result<DataFile> {
        let mut w = self.write().await?;
        let before = fetch(&mut w.tx, id).await?;
        if status == FileStatus::Confirmed && before.unit_id.is_none() {
            return Err(StoreError::invalid(
                "unit_id",
                "choose the responsible unit before confirming",
            ));
        }
        let done = sqlx::query(
            "UPDATE data_files SET status = $1, changed_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
        )
        .bind(status.id())
        .bind(now())
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "data_files", "data file", id).await);
        }
        let after = fetch(&mut w.tx, id).await?;
        let action = format!("data_file.{}", status.id());
        audit::append(
            &mut w.tx,
            actor,
            &action,
            "data_file",
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await?;
        Ok(after)
    }

    /// Publishes the current version of a confirmed file (read at `version`) on the public
    /// list: its Art. 17 items are frozen as they are now.
    pub async fn publish_data_file(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
    ) -> Result<DataFile> {
        let file = self.data_file(id).await?;
        if file.version != version {
            return Err(StoreError::Conflict {
                what: "data file",
                current: file.version,
            });
        }
        if file.status != FileStatus::Confirmed.id() {
            return Err(StoreError::invalid(
                "status",
                "only a confirmed file can be published",
            ));
        }
        if file.fields.purposes.is_empty()
            || file.fields.categories.is_empty()
            || file.fields.legal_basis.trim().is_empty()
        {
            return Err(StoreError::invalid(
                "purposes",
                "the public list needs the legal basis, at least one purpose and one category (PDPA Art. 17)",
            ));
        }
        let unit = match file.unit_id {
            Some(u) => self.unit(u).await?.name,
            None => String::new(),
        };
        let named = |kind, codes: &[String]| {
            let store = self.clone();
            let codes = codes.to_vec();
            async move {
                let list = store.code_list(kind).await?;
                Ok::<_, StoreError>(
                    codes
                        .iter()
                        .map(|c| match list.codes.iter().find(|x| &x.code == c) {
                            Some(x) => format!("{} {}", x.code, x.name_zh),
                            None => c.clone(),
                        })
                        .collect::<Vec<_>>(),
                )
            }
        };
        let at = now();
        let published = Published {
            id,
            name: file.fields.name.clone(),
            unit,
            legal_basis: file.fields.legal_basis.clone(),
            purposes: named(ListKind::Purpose, &file.fields.purposes).await?,
            categories: named(ListKind::Category, &file.fields.categories).await?,
            items: file.fields.items.clone(),
            source: file.fields.source.clone(),
            retention: file.fields.retention.clone(),
            external_parties: file.fields.external_parties.clone(),
            published_at: at.clone(),
        };
        let mut w = self.write().await?;
        let done = sqlx::query(
            "UPDATE data_files SET published_at = $1, published_version = version, published_json = $2
             WHERE id = $3 AND version = $4",
        )
        .bind(&at)
        .bind(serde_json::to_string(&published).expect("serialises"))
        .bind(id)
        .bind(version)
        .execute(&mut *w.tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(missing_or_conflict(&mut w.tx, "data_files", "data file", id).await);
        }
        let after = fetch(&mut w.tx, id).await?;
        audit::append(
            &mut w.tx,
            actor,
            "data_file.publish",
            "data_file",
            id,
            None::<&()>,
            Some(&published),
        )
        .await?;
        w.commit().await?;
        Ok(after)
    }

    /// The public list: what was last published of each file not retired.
    pub async fn published(&self) -> Result<Vec<Published>> {
        Ok(sqlx::query(
            "SELECT published_json FROM data_files WHERE published_json IS NOT NULL AND status <> 'retired' ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .filter_map(|r| serde_json::from_str(&r.get::<String, _>(0)).ok())
        .collect())
    }

    /// One published file, if it is on the public list.
    pub async fn published_one(&self, id: i64) -> Result<Published> {
        self.published()
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(StoreError::NotFound("published data file"))
    }
}

/// The columns of [`Fields`], in the order [`bind_fields`] binds them.
const FIELD_COLUMNS: [&str; 19] = [
    "business",
    "name",
    "custodian_unit",
    "custody_method",
    "storage_forms",
    "source",
    "legal_basis",
    "notice_required",
    "purposes",
    "categories",
    "items",
    "special_items",
    "record_count",
    "internal_units",
    "external_parties",
    "outsourcing",
    "retention",
    "disposal_method",
    "publish_required",
];

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// Binds the editable fields, as stored (trimmed text, lists as JSON, flags as 0/1), in
/// the order of [`FIELD_COLUMNS`]: one place for the insert and the update.
fn bind_fields<'q>(q: AnyQuery<'q>, f: &'q Fields) -> AnyQuery<'q> {
    q.bind(f.business.trim())
        .bind(f.name.trim())
        .bind(f.custodian_unit.trim())
        .bind(f.custody_method.trim())
        .bind(to_json_list(&f.storage_forms))
        .bind(f.source.trim())
        .bind(f.legal_basis.trim())
        .bind(i64::from(f.notice_required))
        .bind(to_json_list(&f.purposes))
        .bind(to_json_list(&f.categories))
        .bind(to_json_list(&f.items))
        .bind(to_json_list(&f.special_items))
        .bind(f.record_count)
        .bind(f.internal_units.trim())
        .bind(f.external_parties.trim())
        .bind(f.outsourcing.trim())
        .bind(f.retention.trim())
        .bind(f.disposal_method.trim())
        .bind(i64::from(f.publish_required))
}

/// `$first, $first+1, …` for `n` parameters.
fn placeholders(first: usize, n: usize) -> Vec<String> {
    (first..first + n).map(|i| format!("${i}")).collect()
}

static UPDATE_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    // $1 unit_id, $2..$20 the fields, then changed_at, id, version.
    let sets: Vec<String> = FIELD_COLUMNS
        .iter()
        .zip(placeholders(2, FIELD_COLUMNS.len()))
        .map(|(c, p)| format!("{c} = {p}"))
        .collect();
    let n = FIELD_COLUMNS.len() + 2;
    format!(
        "UPDATE data_files SET unit_id = $1, {}, changed_at = ${n}, version = version + 1 WHERE id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2
    )
});

static INSERT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    // $1 status, $2 unit_id, $3 origin, $4.. the fields, then created_at, changed_at.
    let n = FIELD_COLUMNS.len() + 3;
    format!(
        "INSERT INTO data_files (status, unit_id, origin, {}, created_at, changed_at, version) VALUES ($1, $2, $3, {}, ${}, ${}, 1) RETURNING id",
        FIELD_COLUMNS.join(", "),
        placeholders(4, FIELD_COLUMNS.len()).join(", "),
        n + 1,
        n + 2
    )
});

/// Inserts a file; returns its id.
pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    status: FileStatus,
    unit_id: Option<i64>,
    origin: Option<&str>,
    f: &Fields,
) -> Result<i64> {
    let at = now();
    Ok(bind_fields(
        sqlx::query(&INSERT_SQL)
            .bind(status.id())
            .bind(unit_id)
            .bind(origin),
        f,
    )
    .bind(&at)
    .bind(&at)
    .fetch_one(&mut **tx)
    .await?
    .get(0))
}
