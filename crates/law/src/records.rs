//! The other records the rules require, as data: what each holds, which fields the rule
//! makes compulsory, and which date falls due. The store keeps them, the server renders
//! their forms from here, and [`check`] refuses a record the rule would not accept
//! (a contract without the required clauses, a vendor's leaver without the account
//! locked, a minor's consent without the guardian where point 14 needs one).
//!
//! - consent and notices: Art. 7–9, points 11, 12, 14, 39(1)–(2); PDPO s35C–35G;
//!   the HK PCPD guidance on social networks (opting out of tracking);
//! - purpose-external use (point 16, Art. 16 provisos) and inter-agency exchange
//!   (points 26–28);
//! - vendors: contracts (point 33), checks (point 35), termination (point 34(1)) and
//!   vendor staff who leave (point 34(2));
//! - people: the contact roster (points 8, 9, 40), training (point 41), yearly audits
//!   (point 42).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::incident::Item;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line.
    Text,
    /// Several lines.
    LongText,
    /// YYYY-MM-DD.
    Date,
    /// A checkbox ("yes" when ticked).
    Check,
    /// A whole number ≥ 0.
    Number,
    /// One of the items.
    Choice(&'static [Item]),
}

/// A field of a record.
#[derive(Debug, Clone, Copy)]
pub struct RecordField {
    /// Form and JSON name.
    pub id: &'static str,
    /// Label.
    pub zh: &'static str,
    /// Label.
    pub en: &'static str,
    /// Type.
    pub ty: FieldType,
    /// Whether the rule makes it compulsory (a checkbox: must be ticked).
    pub required: bool,
}

/// When a record falls due.
#[derive(Debug, Clone, Copy)]
pub struct DueRule {
    /// The date field that is due.
    pub field: &'static str,
    /// Once this field is filled, nothing is due.
    pub done_field: Option<&'static str>,
    /// Only the newest record with the same value of this field (across these kinds)
    /// counts: a new training replaces the last one's due date.
    pub series: Option<(&'static str, &'static [&'static str])>,
}

/// A kind of record.
#[derive(Debug, Clone, Copy)]
pub struct RecordKind {
    /// Id (`training`).
    pub id: &'static str,
    /// Group shown on the hub page.
    pub group: &'static str,
    /// Name.
    pub zh: &'static str,
    /// Name.
    pub en: &'static str,
    /// The rule.
    pub basis: &'static str,
    /// Fields in form order.
    pub fields: &'static [RecordField],
    /// What falls due.
    pub due: Option<DueRule>,
    /// The field that names a record in lists.
    pub title_field: &'static str,
}

const fn f(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    ty: FieldType,
    required: bool,
) -> RecordField {
    RecordField {
        id,
        zh,
        en,
        ty,
        required,
    }
}

use FieldType::*;

const NOTICE_HOW: &[Item] = &[
    ("written", "書面", "Written"),
    ("electronic", "電子方式（網站、電子郵件）", "Electronic"),
    ("oral", "口頭", "Oral"),
    ("sign", "公告或標示", "Sign or public notice"),
];

const NOTICE_TYPE: &[Item] = &[
    (
        "direct",
        "直接蒐集（第8條）",
        "Collected from the person (Art. 8)",
    ),
    (
        "indirect",
        "間接蒐集（第9條，另告知來源）",
        "Not from the person (Art. 9, with the source)",
    ),
];

/// Art. 8(2) and Art. 9(2): when no notice is needed.
pub const NOTICE_EXEMPTIONS: &[Item] = &[
    (
        "none",
        "無（已告知法定事項）",
        "None: the required items were given",
    ),
    (
        "a8_1",
        "第8條第2項第1款：依法律規定得免告知",
        "Art. 8(2)(1): exempt by law",
    ),
    (
        "a8_2",
        "第8條第2項第2款：為履行法定義務所必要",
        "Art. 8(2)(2): needed for a statutory duty",
    ),
    (
        "a8_3",
        "第8條第2項第3款：告知將妨害公務機關執行法定職務",
        "Art. 8(2)(3): notice would obstruct statutory duties",
    ),
    (
        "a8_4",
        "第8條第2項第4款：告知將妨害公共利益",
        "Art. 8(2)(4): notice would harm the public interest",
    ),
    (
        "a8_5",
        "第8條第2項第5款：當事人明知應告知之內容",
        "Art. 8(2)(5): the person already knows",
    ),
    (
        "a8_6",
        "第8條第2項第6款：非營利目的且顯然不影響當事人權益",
        "Art. 8(2)(6): not for profit and clearly not adverse",
    ),
    (
        "a9_2",
        "第9條第2項第2款：當事人自行公開或其他已合法公開",
        "Art. 9(2)(2): made public by the person or lawfully",
    ),
    (
        "a9_3",
        "第9條第2項第3款：不能向當事人或其法定代理人為告知",
        "Art. 9(2)(3): the person cannot be told",
    ),
    (
        "a9_4",
        "第9條第2項第4款：統計或學術研究且無從識別",
        "Art. 9(2)(4): research, not identifying",
    ),
    (
        "a9_5",
        "第9條第2項第5款：大眾傳播業者新聞報導",
        "Art. 9(2)(5): news reporting",
    ),
];

const CONSENT_FORM: &[Item] = &[
    ("written", "書面（簽名）", "Written (signed)"),
    (
        "electronic",
        "電子文件（依電子簽章法）",
        "Electronic (Electronic Signatures Act)",
    ),
    (
        "presumed",
        "推定同意（第7條第3項：已告知且未表示拒絕並提供資料）",
        "Presumed (Art. 7(3))",
    ),
];

/// Who the person is, for point 14.
pub const MINOR_STATUS: &[Item] = &[
    ("adult", "成年人", "Adult"),
    ("minor_7_18", "滿七歲之未成年人", "Minor aged 7 or over"),
    ("under_7", "未滿七歲", "Under 7"),
    (
        "guardianship",
        "受監護或輔助宣告之人",
        "Under guardianship or assistance",
    ),
];

/// Point 14(1): when a minor aged 7 or over may consent alone.
pub const MINOR_EXCEPTIONS: &[Item] = &[
    (
        "none",
        "無（應得法定代理人同意）",
        "None: the legal representative consents",
    ),
    (
        "daily_life",
        "依其年齡及身分、日常生活所必需",
        "Needed for daily life at that age",
    ),
    (
        "pure_benefit",
        "純獲法律上利益",
        "Purely to the minor's legal benefit",
    ),
    (
        "permitted",
        "法定代理人事前允許處分財產或營業",
        "Representative allowed it in advance",
    ),
];

const OPT_OUT_WHAT: &[Item] = &[
    (
        "direct_marketing",
        "行銷（個資法第20條第2項；PDPO s35G）",
        "Direct marketing (Art. 20(2); PDPO s35G)",
    ),
    (
        "tracking",
        "追蹤或剖析（cookies、社群網站）",
        "Tracking or profiling (cookies, social networks)",
    ),
    ("consent_withdrawal", "撤回同意", "Withdrawal of consent"),
];

/// Art. 16 provisos: when a government agency may use data outside the purpose.
pub const ART16_GROUNDS: &[Item] = &[
    (
        "a16_1",
        "第16條但書第1款：法律明文規定",
        "Art. 16(1): expressly provided by law",
    ),
    (
        "a16_2",
        "第16條但書第2款：為維護國家安全或增進公共利益所必要",
        "Art. 16(2): national security or public interest",
    ),
    (
        "a16_3",
        "第16條但書第3款：為免除當事人之生命、身體、自由或財產上之危險",
        "Art. 16(3): to avert danger to the person",
    ),
    (
        "a16_4",
        "第16條但書第4款：為防止他人權益之重大危害",
        "Art. 16(4): to prevent serious harm to others",
    ),
    (
        "a16_5",
        "第16條但書第5款：基於公共利益為統計或學術研究而有必要，且無從識別特定當事人",
        "Art. 16(5): statistics or research, not identifying",
    ),
    (
        "a16_6",
        "第16條但書第6款：有利於當事人權益",
        "Art. 16(6): in the person's interest",
    ),
    (
        "a16_7",
        "第16條但書第7款：經當事人同意",
        "Art. 16(7): the person's consent",
    ),
];

const RETURN_OR_DELETE: &[Item] = &[
    ("returned", "返還", "Returned"),
    ("deleted", "刪除", "Deleted"),
    (
        "handed_over",
        "交接本處指定之單位",
        "Handed over to a unit we named",
    ),
    ("renewed", "續約廠商，不在此限", "Same vendor renewed"),
];

const ROSTER_ROLE: &[Item] = &[
    (
        "unit_contact",
        "單位個資專人（第8點）",
        "Unit data-protection contact (point 8)",
    ),
    (
        "contact_window",
        "個資保護聯絡窗口（第9點）",
        "Contact window (point 9)",
    ),
    (
        "support",
        "通報及支援聯絡網人員（第40點）",
        "Reporting and support network (point 40)",
    ),
];

/// Every kind of record gezi keeps besides requests, incidents and disposals.
pub const KINDS: &[RecordKind] = &[
    RecordKind {
        id: "notice",
        group: "consent",
        zh: "告知紀錄",
        en: "Notices given",
        basis: "個人資料保護法第8條、第9條；要點第11點、第39點第1項第2款",
        title_field: "title",
        due: None,
        fields: &[
            f("title", "告知事項名稱（如：某申請表個資告知聲明）", "Notice (e.g. the form's privacy statement)", Text, true),
            f("version", "版本", "Version", Text, true),
            f("audience", "告知對象", "Who was told", Text, true),
            f("kind", "蒐集方式", "How the data was collected", Choice(NOTICE_TYPE), true),
            f("how", "告知方式", "How the notice was given", Choice(NOTICE_HOW), true),
            f("given_on", "告知日期", "Given on", Date, true),
            f("items_given", "已告知第8條第1項各款（機關名稱、目的、類別、期間地區對象方式、權利、不提供之影響）", "The Art. 8(1) items were given", Check, false),
            f("source", "資料來源（間接蒐集時）", "Source (when not from the person)", Text, false),
            f("exemption", "免告知事由", "Exemption", Choice(NOTICE_EXEMPTIONS), true),
        ],
    },
    RecordKind {
        id: "consent",
        group: "consent",
        zh: "同意紀錄",
        en: "Consents",
        basis: "個人資料保護法第7條、第6條第1項第6款；要點第12點、第14點、第39點第1項第1款；个人信息保护法第14條、第15條、第31條",
        title_field: "subject",
        due: None,
        fields: &[
            f("subject", "當事人（姓名或識別編號）", "Person (name or reference)", Text, true),
            f("purpose", "同意之目的（每一目的一筆）", "Purpose consented to (one record per purpose)", Text, true),
            f("form", "同意方式", "Form", Choice(CONSENT_FORM), true),
            f("separate", "目的外利用或特種個資之單獨同意（第7條第2項）", "A separate consent (Art. 7(2))", Check, false),
            f("given_on", "同意日期", "Given on", Date, true),
            f("notice_version", "當時之告知版本", "Notice version shown", Text, false),
            f("minor", "當事人身分（第14點）", "Who consented (point 14)", Choice(MINOR_STATUS), true),
            f("minor_exception", "未成年人得自行同意之情形", "When a minor may consent alone", Choice(MINOR_EXCEPTIONS), false),
            f("guardian", "法定代理人姓名", "Legal representative", Text, false),
            f("evidence", "同意書存放處", "Where the signed form is kept", Text, true),
            f("withdrawn_on", "撤回日期", "Withdrawn on", Date, false),
        ],
    },
    RecordKind {
        id: "opt_out",
        group: "consent",
        zh: "拒絕行銷、退出追蹤及撤回",
        en: "Opt-outs and withdrawals",
        basis: "個人資料保護法第20條第2項（應即停止）；PDPO s35G；香港私隱專員公署社交網絡指引；个人信息保护法第15條",
        title_field: "subject",
        due: Some(DueRule { field: "requested_on", done_field: Some("stopped_on"), series: None }),
        fields: &[
            f("subject", "當事人（姓名或識別編號）", "Person", Text, true),
            f("what", "事項", "What", Choice(OPT_OUT_WHAT), true),
            f("requested_on", "提出日期（應即停止）", "Asked on (stop at once)", Date, true),
            f("stopped_on", "已停止日期", "Stopped on", Date, false),
            f("third_parties_told", "已通知受提供者停止使用（PDPO s35G(3)）", "Those given the data were told", Check, false),
            f("note", "說明", "Note", LongText, false),
        ],
    },
    RecordKind {
        id: "purpose_external",
        group: "use",
        zh: "特定目的外利用紀錄",
        en: "Use outside the purpose",
        basis: "個人資料保護法第16條但書；要點第16點、第39點第1項第5款",
        title_field: "use",
        due: None,
        fields: &[
            f("data_file", "個人資料檔案", "Data file", Text, true),
            f("use", "利用內容及對象", "The use and who receives the data", LongText, true),
            f("ground", "依據（第16條但書）", "Ground (Art. 16 provisos)", Choice(ART16_GROUNDS), true),
            f("used_on", "利用日期", "Used on", Date, true),
            f("approved_by", "核定人", "Approved by", Text, true),
            f("opt_out_offered", "已規劃當事人不同意或退出機制（第16點第2項）", "The person could refuse or opt out (point 16(2))", Check, false),
        ],
    },
    RecordKind {
        id: "exchange",
        group: "use",
        zh: "機關間交換運用",
        en: "Exchange with other agencies",
        basis: "要點第26點至第28點",
        title_field: "agency",
        due: None,
        fields: &[
            f("agency", "本府其他機關", "The other agency", Text, true),
            f("duty_basis", "其法定職務依據", "Its statutory duty", Text, true),
            f("purpose", "特定目的", "Specific purpose", Text, true),
            f("categories", "提供之個人資料類別", "Data categories provided", Text, true),
            f("use_terms", "利用之期間、地區、對象及方式", "Period, area, recipients and manner of use", LongText, true),
            f("legal_affairs_consulted", "已簽會臺北市政府法務局", "The Legal Affairs Department was consulted", Check, true),
            f("approved_on", "簽報本府同意日期（應於蒐集前）", "City approval (before collection)", Date, true),
            f("subjects_told", "已以本府名義告知當事人（第28點第2項）", "The people were told in the City's name", Check, false),
            f("notice_exemption", "免告知事由（第11點但書）", "Exemption from notice (point 11)", Choice(NOTICE_EXEMPTIONS), true),
        ],
    },
    RecordKind {
        id: "vendor_contract",
        group: "vendor",
        zh: "委外契約",
        en: "Vendor contracts",
        basis: "要點第33點",
        title_field: "vendor",
        due: Some(DueRule { field: "first_check_on", done_field: None, series: Some(("vendor", &["vendor_contract", "vendor_check"])) }),
        fields: &[
            f("vendor", "廠商", "Vendor", Text, true),
            f("scope", "委外範圍", "What is outsourced", LongText, true),
            f("contract_no", "契約編號", "Contract number", Text, true),
            f("starts_on", "履約起日", "Starts on", Date, true),
            f("ends_on", "履約迄日", "Ends on", Date, true),
            f("clause_capability", "招標文件要求廠商具個資保護管理能力", "Tender requires data-protection capability", Check, true),
            f("clause_supervision", "契約訂有監督事項", "Contract sets supervision", Check, true),
            f("clause_penalty", "契約訂有罰則", "Contract sets penalties", Check, true),
            f("clause_rules", "本要點已列入契約文件", "These rules are part of the contract", Check, true),
            f("first_check_on", "首次查核日期", "First check due", Date, true),
        ],
    },
    RecordKind {
        id: "vendor_check",
        group: "vendor",
        zh: "委外查核紀錄",
        en: "Vendor checks",
        basis: "要點第35點、第39點第1項第7款",
        title_field: "vendor",
        due: Some(DueRule { field: "next_check_on", done_field: None, series: Some(("vendor", &["vendor_contract", "vendor_check"])) }),
        fields: &[
            f("vendor", "廠商", "Vendor", Text, true),
            f("checked_on", "查核日期", "Checked on", Date, true),
            f("checked_by", "查核人", "Checked by", Text, true),
            f("findings", "查核發現", "Findings", LongText, true),
            f("follow_up", "改善要求及追蹤", "Follow-up", LongText, false),
            f("next_check_on", "下次查核日期", "Next check due", Date, true),
        ],
    },
    RecordKind {
        id: "vendor_termination",
        group: "vendor",
        zh: "契約終止之資料返還或刪除",
        en: "Contract end: data returned or deleted",
        basis: "要點第34點第1項",
        title_field: "vendor",
        due: None,
        fields: &[
            f("vendor", "廠商", "Vendor", Text, true),
            f("ended_on", "契約終止、解除或屆滿日", "Contract ended on", Date, true),
            f("outcome", "處理方式", "What happened to the data", Choice(RETURN_OR_DELETE), true),
            f("access_removed", "已刪除存取權限", "Access rights removed", Check, true),
            f("statement_signed", "廠商已切結未以任何形式保留備份或影本", "The vendor signed that no copy is kept", Check, true),
            f("statement_on", "切結日期", "Statement signed on", Date, true),
        ],
    },
    RecordKind {
        id: "vendor_staff_exit",
        group: "vendor",
        zh: "廠商人員離職或留職停薪",
        en: "Vendor staff leaving",
        basis: "要點第34點第2項",
        title_field: "staff",
        due: None,
        fields: &[
            f("vendor", "廠商", "Vendor", Text, true),
            f("staff", "人員", "Person", Text, true),
            f("left_on", "離職或留職停薪日", "Left on", Date, true),
            f("systems", "負責系統及存取權限", "Systems and access held", LongText, true),
            f("locked_on", "完成鎖定帳號或停止權限之日", "Accounts locked on", Date, true),
            f("passwords_changed", "已更換其曾接觸之密碼", "Passwords they knew were changed", Check, true),
        ],
    },
    RecordKind {
        id: "roster",
        group: "people",
        zh: "個資專人及通報聯絡名冊",
        en: "Contact roster",
        basis: "要點第8點、第9點、第40點",
        title_field: "name",
        due: None,
        fields: &[
            f("name", "姓名", "Name", Text, true),
            f("role", "角色", "Role", Choice(ROSTER_ROLE), true),
            f("unit", "單位", "Unit", Text, true),
            f("phone", "電話", "Phone", Text, true),
            f("email", "電子郵件", "E-mail", Text, false),
            f("deputy", "代理人", "Deputy", Text, false),
        ],
    },
    RecordKind {
        id: "training",
        group: "people",
        zh: "教育訓練紀錄",
        en: "Training",
        basis: "要點第41點（定期參加資訊安全或個人資料保護教育訓練）",
        title_field: "person",
        due: Some(DueRule { field: "next_due_on", done_field: None, series: Some(("person", &["training"])) }),
        fields: &[
            f("person", "人員", "Person", Text, true),
            f("course", "課程", "Course", Text, true),
            f("hours", "時數", "Hours", Number, true),
            f("completed_on", "完成日期", "Completed on", Date, true),
            f("next_due_on", "下次應完成日期", "Next due", Date, true),
        ],
    },
    RecordKind {
        id: "audit_check",
        group: "people",
        zh: "年度稽核",
        en: "Yearly audits",
        basis: "要點第42點、第39點第1項第6款",
        title_field: "scope",
        due: Some(DueRule { field: "next_due_on", done_field: None, series: Some(("scope", &["audit_check"])) }),
        fields: &[
            f("scope", "稽核範圍", "Scope", Text, true),
            f("done_on", "稽核日期", "Done on", Date, true),
            f("auditor", "稽核人", "Auditor", Text, true),
            f("findings", "發現事項", "Findings", LongText, true),
            f("actions", "改善措施", "Corrective actions", LongText, false),
            f("next_due_on", "下次稽核日期", "Next audit due", Date, true),
        ],
    },
];

/// The groups of the hub page.
pub const GROUPS: &[Item] = &[
    ("consent", "同意與告知", "Consent and notices"),
    (
        "use",
        "目的外利用與機關間交換",
        "Use outside the purpose and exchanges",
    ),
    ("vendor", "委外監督", "Vendors"),
    ("people", "人員、訓練與稽核", "People, training and audits"),
];

/// A kind by id.
pub fn kind(id: &str) -> Option<&'static RecordKind> {
    KINDS.iter().find(|k| k.id == id)
}

/// Values of a record, by field id (checkboxes: "yes" or empty).
pub type Values = BTreeMap<String, String>;

fn date(v: &Values, id: &str) -> Option<NaiveDate> {
    v.get(id)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn is(v: &Values, id: &str, value: &str) -> bool {
    v.get(id).map(String::as_str) == Some(value)
}

fn filled(v: &Values, id: &str) -> bool {
    v.get(id).is_some_and(|s| !s.trim().is_empty())
}

/// Checks a record: types, compulsory fields, and the rule's own conditions. The
/// error names the field and the reason.
pub fn check(kind: &RecordKind, v: &Values) -> Result<(), (String, String)> {
    let err = |field: &str, reason: &str| Err((field.to_string(), reason.to_string()));
    for key in v.keys() {
        if !kind.fields.iter().any(|f| f.id == key) {
            return err(key, "is not a field of this record");
        }
    }
    for f in kind.fields {
        let value = v.get(f.id).map(|s| s.trim()).unwrap_or("");
        if value.is_empty() {
            if f.required {
                return err(
                    f.id,
                    if f.ty == Check {
                        "must be confirmed (the rule requires it)"
                    } else {
                        "is required"
                    },
                );
            }
            continue;
        }
        let ok = match f.ty {
            Text => value.chars().count() <= 300,
            LongText => value.chars().count() <= 4000,
            Date => NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
            Check => value == "yes",
            Number => value.parse::<u32>().is_ok(),
            Choice(items) => crate::incident::is_item(items, value),
        };
        if !ok {
            let reason = match f.ty {
                Date => "must be a date (YYYY-MM-DD)",
                Number => "must be a whole number",
                Choice(_) => "is not one of the choices",
                Check => "must be yes or empty",
                _ => "is too long",
            };
            return err(f.id, reason);
        }
    }
    match kind.id {
        "notice" if !filled(v, "items_given") && is(v, "exemption", "none") => {
            err("items_given", "give the Art. 8(1) items, or name the exemption (Art. 8(2), 9(2))")
        }
        "notice" if is(v, "kind", "indirect") && !filled(v, "source") && is(v, "exemption", "none") => {
            err("source", "a notice for data not collected from the person names its source (Art. 9(1))")
        }
        "consent" => {
            let needs_guardian = match v.get("minor").map(String::as_str) {
                Some("under_7" | "guardianship") => true,
                Some("minor_7_18") => v.get("minor_exception").is_none_or(|e| e == "none"),
                _ => false,
            };
            if needs_guardian && !filled(v, "guardian") {
                return err("guardian", "point 14: the legal representative consents for this person");
            }
            if let (Some(given), Some(withdrawn)) = (date(v, "given_on"), date(v, "withdrawn_on")) {
                if withdrawn < given {
                    return err("withdrawn_on", "is before the consent was given");
                }
            }
            Ok(())
        }
        "opt_out" => match (date(v, "requested_on"), date(v, "stopped_on")) {
            (Some(a), Some(b)) if b < a => err("stopped_on", "is before the request"),
            _ => Ok(()),
        },
        "exchange" if is(v, "notice_exemption", "none") && !filled(v, "subjects_told") => {
            err("subjects_told", "tell the people in the City's name before collecting, or name the exemption (point 28(2))")
        }
        "vendor_contract" => match (date(v, "starts_on"), date(v, "ends_on")) {
            (Some(a), Some(b)) if b < a => err("ends_on", "is before the start"),
            _ => Ok(()),
        },
        "vendor_staff_exit" => match (date(v, "left_on"), date(v, "locked_on")) {
            (Some(left), Some(locked)) if locked < left - chrono::Days::new(30) => {
                err("locked_on", "is long before the person left; check the date")
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_contract_needs_every_required_clause() {
        let k = kind("vendor_contract").unwrap();
        let mut v = values(&[
            ("vendor", "甲公司"),
            ("scope", "系統維護"),
            ("contract_no", "115-01"),
            ("starts_on", "2026-01-01"),
            ("ends_on", "2026-12-31"),
            ("clause_capability", "yes"),
            ("clause_supervision", "yes"),
            ("clause_penalty", "yes"),
            ("first_check_on", "2026-06-30"),
        ]);
        assert_eq!(check(k, &v).unwrap_err().0, "clause_rules");
        v.insert("clause_rules".into(), "yes".into());
        assert!(check(k, &v).is_ok());
        v.insert("ends_on".into(), "2025-12-31".into());
        assert_eq!(check(k, &v).unwrap_err().0, "ends_on");
    }

    #[test]
    fn point_14_decides_who_consents() {
        let k = kind("consent").unwrap();
        let base = [
            ("subject", "S-001"),
            ("purpose", "寄送活動訊息"),
            ("form", "written"),
            ("given_on", "2026-11-01"),
            ("evidence", "檔案室 A-3"),
        ];
        let with = |extra: &[(&str, &str)]| {
            let mut v = values(&base);
            v.extend(values(extra));
            v
        };
        assert!(check(k, &with(&[("minor", "adult")])).is_ok());
        assert_eq!(
            check(k, &with(&[("minor", "under_7")])).unwrap_err().0,
            "guardian"
        );
        assert_eq!(
            check(
                k,
                &with(&[("minor", "minor_7_18"), ("minor_exception", "none")])
            )
            .unwrap_err()
            .0,
            "guardian"
        );
        assert!(check(
            k,
            &with(&[("minor", "minor_7_18"), ("minor_exception", "daily_life")])
        )
        .is_ok());
        assert!(check(k, &with(&[("minor", "under_7"), ("guardian", "王大明")])).is_ok());
        assert_eq!(
            check(
                k,
                &with(&[("minor", "adult"), ("withdrawn_on", "2026-10-01")])
            )
            .unwrap_err()
            .0,
            "withdrawn_on"
        );
    }

    #[test]
    fn notices_give_the_items_or_name_the_exemption() {
        let k = kind("notice").unwrap();
        let mut v = values(&[
            ("title", "申請表告知聲明"),
            ("version", "v2"),
            ("audience", "申請人"),
            ("kind", "indirect"),
            ("how", "written"),
            ("given_on", "2026-11-01"),
            ("exemption", "none"),
        ]);
        assert_eq!(check(k, &v).unwrap_err().0, "items_given");
        v.insert("items_given".into(), "yes".into());
        assert_eq!(check(k, &v).unwrap_err().0, "source");
        v.insert("source".into(), "戶政機關".into());
        assert!(check(k, &v).is_ok());
        v.insert("colour".into(), "red".into());
        assert_eq!(check(k, &v).unwrap_err().0, "colour");
    }

    #[test]
    fn every_kind_is_well_formed() {
        for k in KINDS {
            assert!(k.fields.iter().any(|f| f.id == k.title_field), "{}", k.id);
            assert!(GROUPS.iter().any(|g| g.0 == k.group), "{}", k.id);
            if let Some(d) = k.due {
                assert!(
                    k.fields.iter().any(|f| f.id == d.field && f.ty == Date),
                    "{}",
                    k.id
                );
                if let Some((field, kinds)) = d.series {
                    for other in kinds {
                        assert!(kind(other).unwrap().fields.iter().any(|f| f.id == field));
                    }
                }
            }
        }
    }
}
