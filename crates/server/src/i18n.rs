//! The UI's words in Traditional Chinese (the default) and English.
//!
//! Templates ask for a word by key (`t.s("files")`); a key missing from the table shows
//! itself, and a test checks that every key the templates use is here.

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 繁體中文.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From the `lang` cookie's value.
    pub fn from_cookie(v: Option<&str>) -> Lang {
        match v {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The `lang` attribute of the page.
    pub fn html(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hant-TW",
            Lang::En => "en",
        }
    }

    /// Picks the label of a `(zh, en)` pair.
    pub fn pick(self, labels: (&'static str, &'static str)) -> &'static str {
        match self {
            Lang::Zh => labels.0,
            Lang::En => labels.1,
        }
    }

    /// Whether this is English (for templates).
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

/// The translator templates use.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    /// The word for `key`.
    pub fn s(&self, key: &str) -> &'static str {
        match WORDS.iter().find(|(k, _, _)| *k == key) {
            Some((_, zh, en)) => match self.0 {
                Lang::Zh => zh,
                Lang::En => en,
            },
            None => "??",
        }
    }
}

/// (key, 繁體中文, English).
pub const WORDS: &[(&str, &str, &str)] = &[
    ("app", "gezi 個資管理", "gezi personal data"),
    ("dashboard", "總覽", "Dashboard"),
    ("units", "單位", "Units"),
    ("files", "個人資料檔案", "Data files"),
    ("risk", "風險評估", "Risk assessment"),
    ("imports", "掃描匯入", "Scan imports"),
    ("users", "使用者", "Users"),
    ("audit", "稽核軌跡", "Audit trail"),
    ("settings", "機關設定", "Settings"),
    ("codes", "代碼表", "Code lists"),
    ("account", "我的帳號", "My account"),
    ("logout", "登出", "Log out"),
    ("login", "登入", "Log in"),
    ("username", "帳號", "Username"),
    ("password", "密碼", "Password"),
    ("totp_code", "驗證碼（6 位數）", "Authenticator code (6 digits)"),
    ("login_failed", "帳號或密碼錯誤。", "Wrong username or password."),
    ("totp_failed", "驗證碼錯誤。", "Wrong code."),
    ("second_factor", "第二道驗證", "Second factor"),
    ("must_change", "這是一次性密碼，請先設定新密碼。", "This was a one-time password: choose a new one first."),
    ("new_password", "新密碼（至少 12 字元）", "New password (at least 12 characters)"),
    ("current_password", "目前密碼", "Current password"),
    ("change_password", "變更密碼", "Change password"),
    ("totp_enable", "啟用雙因素驗證（TOTP）", "Enable two-factor authentication (TOTP)"),
    ("totp_disable", "停用雙因素驗證", "Disable two-factor authentication"),
    ("totp_enabled", "已啟用雙因素驗證。", "Two-factor authentication is on."),
    ("totp_setup", "請在驗證器 App 輸入此金鑰，再輸入 App 顯示的驗證碼。", "Enter this key in your authenticator app, then the code it shows."),
    ("api_tokens", "API 權杖", "API tokens"),
    ("new_token", "建立權杖", "Create token"),
    ("token_once", "請立即複製，此權杖只顯示一次：", "Copy it now; it is shown only once:"),
    ("name", "名稱", "Name"),
    ("save", "儲存", "Save"),
    ("create", "新增", "Create"),
    ("edit", "編輯", "Edit"),
    ("view", "檢視", "View"),
    ("confirm", "確認", "Confirm"),
    ("publish", "公告", "Publish"),
    ("status", "狀態", "Status"),
    ("unit", "單位", "Unit"),
    ("none", "（未指定）", "(none)"),
    ("contact_name", "聯絡人", "Contact"),
    ("contact_email", "電子郵件", "E-mail"),
    ("contact_phone", "電話", "Phone"),
    ("role", "角色", "Role"),
    ("active", "啟用", "Active"),
    ("yes", "是", "Yes"),
    ("no", "否", "No"),
    ("version", "版本", "Version"),
    ("changed_at", "最後異動", "Last changed"),
    ("published_at", "公告日期", "Published"),
    ("not_published", "尚未公告", "Not published"),
    ("publication_due", "應於此日前公告", "Publish by"),
    ("publication_overdue", "已逾一個月未公告（第32點）", "Not published within one month (point 32)"),
    ("published_current", "已公告最新版本", "Current version published"),
    ("new_file", "新增個人資料檔案", "New data file"),
    ("proposed", "待確認", "Proposed"),
    ("evidence", "掃描證據", "Scan evidence"),
    ("kind", "類型", "Kind"),
    ("found", "筆數", "Values found"),
    ("files_count", "檔案數", "Files"),
    ("path", "路徑", "Path"),
    ("factor", "評估項目（第38點）", "Factor (point 38)"),
    ("score", "分數", "Score"),
    ("reason", "理由", "Reason"),
    ("suggested", "掃描建議", "Suggested by the scan"),
    ("impact", "影響程度", "Impact"),
    ("likelihood", "發生可能性", "Likelihood"),
    ("level", "風險等級", "Level"),
    ("not_assessed", "未評估", "Not assessed"),
    ("matrix", "風險矩陣", "Risk matrix"),
    ("controls", "控制措施", "Controls"),
    ("description", "措施內容", "Description"),
    ("owner", "負責人", "Owner"),
    ("due_date", "預定完成日", "Due"),
    ("low", "低", "Low"),
    ("medium", "中", "Medium"),
    ("high", "高", "High"),
    ("upload_report", "上傳掃描報告（gezi scan --format json）", "Upload a scan report (gezi scan --format json)"),
    ("import", "匯入", "Import"),
    ("created", "新建議", "Proposed"),
    ("updated", "已更新", "Updated"),
    ("unchanged", "無變動", "Unchanged"),
    ("notes", "注意事項", "Notes"),
    ("roots", "掃描範圍", "Scanned"),
    ("imported_at", "匯入時間", "Imported"),
    ("by", "執行者", "By"),
    ("when", "時間", "When"),
    ("action", "動作", "Action"),
    ("record", "紀錄", "Record"),
    ("before", "修改前", "Before"),
    ("after", "修改後", "After"),
    ("verify", "驗證完整性", "Verify integrity"),
    ("audit_intact", "稽核軌跡完整，未被竄改。", "The audit trail is intact."),
    ("audit_broken", "稽核軌跡遭竄改或刪除：", "The audit trail was altered or cut:"),
    ("export", "匯出", "Export"),
    ("report", "列印報告", "Printable report"),
    ("public_list", "個人資料檔案公開清單", "Public list of personal-data files"),
    ("complaint", "個人資料客訴聯絡方式", "Complaint contact"),
    ("notice", "個人資料蒐集告知事項", "Privacy notice"),
    ("conflict", "此紀錄已被他人修改，請重新載入後再修改。您的輸入未儲存。", "Someone else changed this record meanwhile. Reload it and make your change again; nothing of yours was saved."),
    ("forbidden", "您沒有權限執行此操作。", "You are not allowed to do this."),
    ("not_found", "找不到此紀錄。", "Not found."),
    ("invalid", "輸入有誤", "Invalid input"),
    ("error", "錯誤", "Error"),
    ("back", "返回", "Back"),
    ("total_files", "檔案總數", "Files"),
    ("special_files", "含特種個資", "With special categories"),
    ("overdue_publication", "逾期未公告", "Publication overdue"),
    ("by_unit", "各單位概況", "By unit"),
    ("by_level", "風險等級分布", "Risk levels"),
    ("partial", "（部分清單：尚缺官方代碼，請管理者匯入完整清單）", "(partial: some official codes are missing; an administrator can import the full list)"),
    ("import_codes", "匯入完整代碼表（CSV：code,name_zh,第三欄）", "Import the full list (CSV: code,name_zh,third column)"),
    ("purpose_list", "特定目的", "Specific purposes"),
    ("category_list", "個人資料類別", "Data categories"),
    ("language", "English", "中文"),
    ("one_time_password", "一次性密碼（請交給使用者，只顯示一次）：", "One-time password (give it to the user; shown only once):"),
    ("reset_password", "重設密碼", "Reset password"),
    ("register", "個人資料檔案清冊", "Register of personal-data files"),
];
