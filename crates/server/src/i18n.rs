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

    /// The (id, label) pairs of a table of `(id, 繁體中文, English)`, for a select.
    pub fn choices(self, table: &[(&str, &str, &str)]) -> Vec<(String, String)> {
        table
            .iter()
            .map(|(id, zh, en)| {
                let label = if self == Lang::En { en } else { zh };
                (id.to_string(), label.to_string())
            })
            .collect()
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
    ("package_document", "或上傳文件（docx、xlsx、PDF、郵件、zip…）", "Or upload a document (docx, xlsx, PDF, mail, zip…)"),
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
    // the legal clocks
    ("requests", "當事人請求", "Subject requests"),
    ("request", "請求", "Request"),
    ("requests_intro", "當事人依個資法第3條行使權利之請求，期限依第13條計算（第29點）。", "Requests of data subjects (PDPA Art. 3); due dates under Art. 13 (point 29)."),
    ("new_request", "登錄請求（書面、臨櫃、電話、電子郵件）", "Enter a request (paper, counter, phone, e-mail)"),
    ("intake_intro", "收件日不算入期間；期限依本機關所在地之休息日曆計算。", "The day of receipt is not counted; due dates use the organisation's rest-day calendar."),
    ("public_form", "公開申請表單", "Public request form"),
    ("reference", "編號", "Reference"),
    ("request_kind", "請求事項", "Request"),
    ("received_on", "收件日", "Received"),
    ("due_on", "期限", "Due"),
    ("overdue", "已逾期", "Overdue"),
    ("decided_late", "逾期決定", "Decided late"),
    ("channel", "方式", "Channel"),
    ("requester_name", "申請人姓名", "Requester's name"),
    ("requester_contact", "聯絡方式（地址、電子郵件或電話）", "Contact (address, e-mail or phone)"),
    ("details", "請求內容", "What is asked"),
    ("extension_limit", "延長後最遲", "Latest with extension"),
    ("identity", "身分確認", "Identity check"),
    ("identity_method", "核對之證件", "Documents checked"),
    ("not_verified", "尚未確認身分", "Identity not checked yet"),
    ("verify_identity", "確認身分", "Confirm identity"),
    ("supplement_docs", "應補正之文件", "Documents to supply"),
    ("ask_supplement", "通知限期補正", "Ask for documents by a date"),
    ("supplement_received", "補正收件日", "Documents received on"),
    ("extension", "延長處理期間", "Extension"),
    ("extend", "延長（僅一次，並以書面通知理由）", "Extend (once, with written reasons)"),
    ("extend_reason", "延長理由", "Reason for the extension"),
    ("decision", "決定", "Decision"),
    ("ground", "駁回或不予提供之法律依據", "Legal ground of a refusal"),
    ("no_ground", "（全部准予，無駁回依據）", "(granted in full: no ground)"),
    ("decision_reason", "理由說明", "Reasons"),
    ("fee", "費用（元）", "Fee"),
    ("decided_on", "決定日", "Decided on"),
    ("decide", "作成決定", "Decide"),
    ("reply_sent", "函復寄發日", "Reply sent on"),
    ("reply_letter", "回復函稿", "Reply letter"),
    ("extension_letter", "延長通知函稿", "Extension notice letter"),
    ("next_steps", "辦理", "Handle"),
    ("assign", "分派單位", "Assign to unit"),
    ("recipients", "曾提供利用之對象", "Recipients of the data"),
    ("recipients_intro", "更正、補充、停止處理利用或刪除後，應通知曾提供利用之對象（第19點、第23點）。", "After a correction, supplement, stop or deletion, tell everyone who was given the data (points 19, 23)."),
    ("recipient", "對象", "Recipient"),
    ("notified", "已通知", "Notified"),
    ("not_notified", "尚未通知", "Not yet notified"),
    ("package", "閱覽或複製資料（遮蔽他人個資）", "Access package (others' data masked)"),
    ("package_intro", "貼上含當事人資料之紀錄；gezi 會遮蔽其中他人的個人資料（第31點）。請在上方逐行列出當事人本人的資料值（姓名、身分證字號、電話…），這些值保留不遮蔽。", "Paste the records holding the subject's data; gezi masks everyone else's personal data (point 31). List the subject's own values above, one per line; those stay."),
    ("own_values", "當事人本人之資料值（每行一項）", "The subject's own values (one per line)"),
    ("records", "紀錄內容", "Records"),
    ("make_package", "產生遮蔽後資料", "Make the package"),
    ("kept", "保留", "Kept"),
    ("redacted", "遮蔽", "Masked"),
    ("delete_record", "刪除紀錄", "Delete record"),
    ("five_years", "紀錄至少保存五年，期滿前不得刪除（第39點）。", "Records are kept at least five years and cannot be deleted before (point 39)."),
    ("public_request", "個人資料當事人權利申請", "Request about your personal data"),
    ("public_intro", "依個人資料保護法第3條，您可請求查詢、閱覽、製給複製本、補充或更正、停止蒐集處理利用或刪除您的個人資料。", "Under the PDPA Art. 3 you may ask to see, copy, correct or supplement your personal data, or to stop its use or delete it."),
    ("public_identity", "本機關將與您聯繫以確認身分，必要時請您補正文件。", "We will contact you to confirm your identity and may ask for documents."),
    ("submit", "送出", "Send"),
    ("public_received", "已收到您的申請，申請編號：", "Your request was received. Reference:"),
    ("public_due", "本機關應於下列日期前作成決定：", "We must decide by:"),
    ("incidents", "個資事件", "Incidents"),
    ("incident", "個資事件", "Incident"),
    ("incidents_intro", "知悉後4小時內採取應變措施並完成通報（第43點、第45點），再依第44點通知當事人。", "Within 4 hours of knowing: response measures and the report (points 43, 45); then notify the people affected (point 44)."),
    ("incident_title", "事件摘要", "What happened"),
    ("known_at", "知悉時間", "Known at"),
    ("known_at_hint", "兩個4小時時鐘由知悉時起算，而非登錄時。", "Both 4-hour clocks run from when it was known, not from entry."),
    ("open_incident", "登錄個資事件", "Open an incident"),
    ("open", "處理中", "Open"),
    ("closed", "已結案", "Closed"),
    ("report_overdue", "通報逾時", "Report late"),
    ("clock_measures", "應變措施期限（4小時）", "Measures due (4 hours)"),
    ("clock_report", "通報期限（4小時）", "Report due (4 hours)"),
    ("clock_authority", "主管機關通報期限", "Authority report due"),
    ("measures", "應變措施（第43點）", "Response measures (point 43)"),
    ("measure", "措施", "Measure"),
    ("done_at", "完成時間", "Done at"),
    ("note", "說明", "Note"),
    ("not_applicable", "不適用", "Not applicable"),
    ("record_done", "登錄", "Record"),
    ("late", "逾時", "Late"),
    ("incident_report", "通報聯絡窗口（第45點）", "Report to the contact window (point 45)"),
    ("reported_at", "通報時間", "Reported at"),
    ("authority", "通報主管機關", "Authority"),
    ("authority_name", "主管機關名稱", "Authority"),
    ("authority_voluntary", "此法域未規定應通報主管機關（自願通報）。", "This law sets no duty to report to an authority (voluntary)."),
    ("subject_notice", "通知當事人（第44點）", "Notice to the people affected (point 44)"),
    ("save_draft", "儲存通知稿", "Save the draft"),
    ("notice_sent", "通知已發送", "Notice sent"),
    ("people", "人數", "People"),
    ("incident_log", "證據、檢討與改善", "Evidence, lessons and controls"),
    ("close_incident", "結案", "Close"),
    ("lessons", "檢討與改善措施", "Lessons and controls"),
    ("retention", "保存期限與刪除", "Retention and disposal"),
    ("retain_until", "保存至", "Keep until"),
    ("retention_field", "保存期限", "Retention"),
    ("disposal_field", "刪除方式", "Disposal method"),
    ("disposals", "刪除紀錄", "Disposals"),
    ("record_disposal", "登錄刪除或銷毀", "Record a disposal"),
    ("disposed_on", "刪除日期", "Disposed on"),
    ("method", "方式", "Method"),
    ("approved_by", "核定人（簽奉核定）", "Approved by"),
    ("impact_check", "對相關系統或服務之影響評估（第23點）", "Impact check on systems and services (point 23)"),
    ("verification", "確認無法還原或再組合之方法（第24點）", "How it was checked that the data cannot be restored (point 24)"),
    ("verified_by", "確認人", "Verified by"),
    ("unrecoverable", "確認資料已無法還原或再組合", "I confirm the data cannot be restored or recombined"),
    ("due_today", "今日到期", "Due today"),
    ("due_week", "7日內到期", "Due within 7 days"),
    ("due_list", "待辦期限", "What is due"),
    ("duty", "事項", "Duty"),
    ("calendars", "休息日曆", "Rest-day calendars"),
    ("calendars_intro", "期限末日逢休息日順延。gezi 內附2026年官方日曆；其他年度請匯入官方公告（每行：日期,名稱）。", "A last day on a rest day moves on. gezi ships the official 2026 calendars; import other years (date,name per line)."),
    ("years_loaded", "已載入年度", "Years loaded"),
    ("rest_days", "休息日數（不含週末）", "Rest days (besides weekends)"),
    ("reminders", "提醒通知", "Reminders"),
    ("reminders_intro", "逾期及今日到期事項，每日以電子郵件及 Webhook 提醒一次（伺服器每15分鐘檢查）。", "Overdue and due-today items are sent once a day by e-mail and webhook (checked every 15 minutes)."),
    ("send_reminders", "立即發送提醒", "Send reminders now"),
    ("records", "紀錄簿", "Records"),
    ("records_intro", "第39點應保存之紀錄：同意、告知、目的外利用、委外監督、教育訓練及稽核等，至少保存五年。", "The records point 39 keeps: consent, notices, purpose-external use, vendor supervision, training and audits — at least five years."),
    ("entered", "登錄日", "Entered"),
];
