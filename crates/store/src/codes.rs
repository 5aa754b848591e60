//! The official code lists in the database, and the organisation's settings.

use std::collections::BTreeMap;

use gezi_law::codes::{self, Code, CodeList, ListKind};
use sqlx::Row;

use crate::{audit, now, Actor, Result, Store, StoreError};

/// Settings an administrator keeps: the organisation's name and the complaint contact
/// the public page must show (point 32).
pub const SETTING_KEYS: &[(&str, &str, &str)] = &[
    ("org_name", "機關名稱", "Organisation name"),
    ("org_address", "機關地址", "Organisation address"),
    (
        "complaint_contact",
        "個人資料客訴聯絡方式（第32點）",
        "Complaint contact (point 32)",
    ),
    (
        "dpo_contact",
        "個人資料保護聯絡窗口",
        "Data-protection contact",
    ),
    (
        "jurisdiction",
        "適用法域（tw 臺灣、hk 香港、cn 中國大陸）",
        "Jurisdiction (tw, hk or cn)",
    ),
    (
        "reminder_email",
        "提醒通知收件信箱（個資保護聯絡窗口）",
        "Reminder e-mail to (data-protection contact)",
    ),
    ("smtp_host", "SMTP 主機", "SMTP host"),
    (
        "smtp_port",
        "SMTP 連接埠（預設 25）",
        "SMTP port (default 25)",
    ),
    ("smtp_from", "寄件者信箱", "Sender address"),
    (
        "reminder_webhook",
        "提醒 Webhook 網址（http://）",
        "Reminder webhook URL (http://)",
    ),
];

fn check_setting(key: &str, value: &str) -> Result<()> {
    let ok = match key {
        "jurisdiction" => value.is_empty() || gezi_law::Jurisdiction::parse(value).is_some(),
        "smtp_port" => value.is_empty() || value.parse::<u16>().is_ok(),
        "reminder_webhook" => value.is_empty() || value.starts_with("http://"),
        "reminder_email" | "smtp_from" => value.is_empty() || value.contains('@'),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        let reason = match key {
            "jurisdiction" => "must be tw, hk or cn",
            "smtp_port" => "must be a port number",
            "reminder_webhook" => {
                "must start with http:// (an internal relay; TLS is not built in)"
            }
            _ => "must be an e-mail address",
        };
        Err(StoreError::invalid(key, reason))
    }
}

impl Store {
    /// The organisation's jurisdiction (Taiwan unless set).
    pub async fn jurisdiction(&self) -> Result<gezi_law::Jurisdiction> {
        let v = self.settings().await?;
        Ok(v.get("jurisdiction")
            .and_then(|j| gezi_law::Jurisdiction::parse(j))
            .unwrap_or(gezi_law::Jurisdiction::Tw))
    }

    pub(crate) async fn load_shipped_codes(&self) -> Result<()> {
        for list in [codes::shipped_purposes(), codes::shipped_categories()] {
            let loaded = sqlx::query("SELECT COUNT(*) FROM code_lists WHERE list = $1")
                .bind(list.kind.id())
                .fetch_one(self.pool())
                .await?
                .get::<i64, _>(0);
            if loaded == 0 {
                self.replace_codes(&Actor::system(), &list).await?;
            }
        }
        Ok(())
    }

    /// Replaces a whole code list (an administrator importing the official one).
    pub async fn replace_codes(&self, actor: &Actor, list: &CodeList) -> Result<()> {
        let before = self.code_list(list.kind).await.ok();
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM codes WHERE list = $1")
            .bind(list.kind.id())
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("DELETE FROM code_lists WHERE list = $1")
            .bind(list.kind.id())
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("INSERT INTO code_lists (list, source, loaded_at) VALUES ($1, $2, $3)")
            .bind(list.kind.id())
            .bind(&list.source)
            .bind(now())
            .execute(&mut *w.tx)
            .await?;
        for c in &list.codes {
            sqlx::query(
                "INSERT INTO codes (list, code, name_zh, name_en, description_zh) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(list.kind.id())
            .bind(&c.code)
            .bind(&c.name_zh)
            .bind(&c.name_en)
            .bind(&c.description_zh)
            .execute(&mut *w.tx)
            .await?;
        }
        let summary = |l: &CodeList| serde_json::json!({"list": l.kind.id(), "codes": l.codes.len(), "partial": l.is_partial(), "source": l.source});
        audit::append(
            &mut w.tx,
            actor,
            "code_list.replace",
            "code_list",
            list.kind.id(),
            before.as_ref().map(summary).as_ref(),
            Some(&summary(list)),
        )
        .await?;
        w.commit().await
    }

    /// A code list as loaded.
    pub async fn code_list(&self, kind: ListKind) -> Result<CodeList> {
        let source = sqlx::query("SELECT source FROM code_lists WHERE list = $1")
            .bind(kind.id())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound("code list"))?
            .get::<String, _>(0);
        let codes = sqlx::query(
            "SELECT code, name_zh, name_en, description_zh FROM codes WHERE list = $1 ORDER BY code",
        )
        .bind(kind.id())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Code {
            code: r.get(0),
            name_zh: r.get(1),
            name_en: r.get(2),
            description_zh: r.get(3),
        })
        .collect();
        Ok(CodeList {
            kind,
            codes,
            source,
        })
    }

    /// The settings, with empty values for those not set.
    pub async fn settings(&self) -> Result<BTreeMap<String, String>> {
        let mut out: BTreeMap<String, String> = SETTING_KEYS
            .iter()
            .map(|(k, _, _)| (k.to_string(), String::new()))
            .collect();
        for r in sqlx::query("SELECT key, value FROM settings")
            .fetch_all(self.pool())
            .await?
        {
            out.insert(r.get(0), r.get(1));
        }
        Ok(out)
    }

    /// Sets the settings given (known keys only).
    pub async fn set_settings(
        &self,
        actor: &Actor,
        values: &BTreeMap<String, String>,
    ) -> Result<()> {
        let before = self.settings().await?;
        let mut w = self.write().await?;
        for (key, value) in values {
            if !SETTING_KEYS.iter().any(|(k, _, _)| k == key) {
                return Err(StoreError::invalid(key.as_str(), "is not a setting"));
            }
            crate::check_text(key, value, 500)?;
            check_setting(key, value.trim())?;
            sqlx::query("DELETE FROM settings WHERE key = $1")
                .bind(key)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
                .bind(key)
                .bind(value.trim())
                .execute(&mut *w.tx)
                .await?;
        }
        let mut after = before.clone();
        after.extend(
            values
                .iter()
                .map(|(k, v)| (k.clone(), v.trim().to_string())),
        );
        audit::append(
            &mut w.tx,
            actor,
            "settings.update",
            "settings",
            "org",
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await
    }
}
