//! Personal-data incidents (個資事件): the clocks and the required contents.
//!
//! Points 43–45 of the Taipei rules: within **4 hours** of knowing, take the response
//! measures (the 13 of point 43) and complete the report to the contact window (point
//! 45, by phone or SMS first, e-mail second, with at least the six items of
//! [`REPORT_ITEMS`]); then notify the data subjects (PDPA Art. 12, point 44) with the
//! four items of [`NOTICE_ITEMS`] by a channel of point 44(2). The authority's part
//! differs by place, see [`authority_duty`].

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::Jurisdiction;

/// Hours from knowing of an incident to the response measures and the report.
pub const RESPONSE_HOURS: i64 = 4;

/// The basis of the 4-hour clock for the measures.
pub const MEASURES_BASIS: &str =
    "臺北市政府政風處個人資料保護管理要點第43點（儘速/於4小時內採取應變措施）";
/// The basis of the 4-hour clock for the report.
pub const REPORT_BASIS: &str =
    "臺北市政府政風處個人資料保護管理要點第45點（知悉後4小時內完成通報聯絡窗口）";
/// The basis of the notice to the data subjects.
pub const NOTICE_BASIS: &str = "個人資料保護法第12條；施行細則第22條；要點第44點";

/// One of the 13 response measures of point 43.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Stable id (`m01`…`m13`, the order of point 43).
    pub id: &'static str,
    /// 繁體中文 as in point 43.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// The 13 measures of point 43, in its order.
pub const MEASURES: [Measure; 13] = [
    Measure {
        id: "m01",
        zh: "中斷入侵或洩漏途徑",
        en: "Cut off the intrusion or leak path",
    },
    Measure {
        id: "m02",
        zh: "緊急儲存尚未被破壞資料",
        en: "Save the data not yet damaged",
    },
    Measure {
        id: "m03",
        zh: "啟動備援程序或替代方案",
        en: "Start backup procedures or alternatives",
    },
    Measure {
        id: "m04",
        zh: "事件原因初步分析",
        en: "First analysis of the cause",
    },
    Measure {
        id: "m05",
        zh: "評估受侵害個人資料類別及數量",
        en: "Assess the categories and amount of data affected",
    },
    Measure {
        id: "m06",
        zh: "檢視防護及監測設施功能",
        en: "Check protection and monitoring",
    },
    Measure {
        id: "m07",
        zh: "記錄事件經過",
        en: "Record what happened",
    },
    Measure {
        id: "m08",
        zh: "行政內部調查完成前保存相關證據",
        en: "Keep the evidence until the internal inquiry ends",
    },
    Measure {
        id: "m09",
        zh: "解決或修復方案",
        en: "Fix or repair",
    },
    Measure {
        id: "m10",
        zh: "通知保有相同資料組室或其他單位",
        en: "Tell the units holding the same data",
    },
    Measure {
        id: "m11",
        zh: "洽商專業人員協助或進駐處理",
        en: "Call in specialists",
    },
    Measure {
        id: "m12",
        zh: "涉及刑事責任者，移請檢警鑑識或調查",
        en: "Refer criminal matters to prosecutors or police",
    },
    Measure {
        id: "m13",
        zh: "發布新聞稿、網站公告",
        en: "Press release and website notice",
    },
];

/// A measure by id.
pub fn measure(id: &str) -> Option<&'static Measure> {
    MEASURES.iter().find(|m| m.id == id)
}

/// A required item of a report or notice: id and labels.
pub type Item = (&'static str, &'static str, &'static str);

/// What the report to the contact window contains at least (point 45).
pub const REPORT_ITEMS: [Item; 6] = [
    ("reporter", "通報人身分", "Who reports"),
    (
        "manner",
        "資料外洩或侵害方式",
        "How the data leaked or was infringed",
    ),
    ("occurred_at", "時間", "When"),
    ("place", "地點", "Where"),
    (
        "scope",
        "初估外洩或侵害個人資料類別及數量",
        "First estimate of the data categories and amount",
    ),
    (
        "containment",
        "避免損害擴大處置",
        "What was done to stop the harm spreading",
    ),
];

/// What the notice to the data subjects contains (point 44(1)).
pub const NOTICE_ITEMS: [Item; 4] = [
    (
        "facts",
        "侵害事實及因應措施說明",
        "The facts and the measures taken",
    ),
    ("advice", "建議當事人處理事項", "What the person should do"),
    (
        "helpdesk",
        "提供查詢及協助管道",
        "Where to ask and get help",
    ),
    (
        "remedy",
        "賠（補）償當事人處理事務相關費用等補救措施",
        "Remedies, such as paying the costs of dealing with it",
    ),
];

/// Channels of the notice (point 44(2); Enforcement Rules Art. 22(1)).
pub const NOTICE_CHANNELS: [Item; 8] = [
    ("oral", "言詞", "In person"),
    ("letter", "書面", "Letter"),
    ("phone", "電話", "Phone"),
    ("sms", "簡訊", "SMS"),
    ("email", "電子郵件", "E-mail"),
    ("fax", "傳真", "Fax"),
    ("edoc", "電子文件", "Electronic document"),
    (
        "public",
        "網際網路、新聞媒體或其他公開方式（通知成本過鉅時）",
        "Public notice (when individual notice costs too much)",
    ),
];

/// Channels of the report (point 45: phone or SMS first, e-mail second).
pub const REPORT_CHANNELS: [Item; 3] = [
    ("phone", "電話", "Phone"),
    ("sms", "簡訊", "SMS"),
    ("email", "電子郵件（輔助）", "E-mail (secondary)"),
];

/// Whether `id` is one of `items`.
pub fn is_item(items: &[Item], id: &str) -> bool {
    items.iter().any(|(i, _, _)| *i == id)
}

/// The two 4-hour clocks of an incident known at `known_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    /// The response measures are due by then (point 43).
    pub measures_due: DateTime<Utc>,
    /// The report to the contact window is due by then (point 45).
    pub report_due: DateTime<Utc>,
}

/// The clocks start when the organisation knows of the incident, not when it is entered.
pub fn clocks(known_at: DateTime<Utc>) -> Clocks {
    let due = known_at + Duration::hours(RESPONSE_HOURS);
    Clocks {
        measures_due: due,
        report_due: due,
    }
}

/// Whether a step done at `done_at` missed its `due` time.
pub fn is_late(done_at: DateTime<Utc>, due: DateTime<Utc>) -> bool {
    done_at > due
}

/// What the authority must be told, and how soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AuthorityDuty {
    /// Whether the law of the place requires a report to an authority.
    pub required: bool,
    /// Hours from knowing (0: immediately; None: no period set).
    pub within_hours: Option<i64>,
    /// The source, to show.
    pub basis: &'static str,
}

/// The authority's part per jurisdiction (see `../shared/domain/law.md` §0).
pub fn authority_duty(j: Jurisdiction) -> AuthorityDuty {
    match j {
        // In force: the sector authorities' security-plan regulations, most at 72 hours.
        // The 2025 amendment (72 hours to the PDPC above thresholds) is not yet in force.
        Jurisdiction::Tw => AuthorityDuty {
            required: true,
            within_hours: Some(72),
            basis: "個人資料保護法第27條授權之各目的事業主管機關安全維護管理辦法（多為發現後72小時內通報）；2025年修正第12條及個人資料事故通知通報及應變辦法草案（72小時，尚未施行）",
        },
        Jurisdiction::Hk => AuthorityDuty {
            required: false,
            within_hours: None,
            basis: "PDPO: no statutory duty; PCPD Guidance on Data Breach Handling recommends notifying the PCPD as soon as practicable",
        },
        Jurisdiction::Cn => AuthorityDuty {
            required: true,
            within_hours: Some(0),
            basis: "个人信息保护法第57条（立即采取补救措施，并通知履行个人信息保护职责的部门和个人）",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn both_clocks_run_four_hours_from_knowing() {
        let known = Utc.with_ymd_and_hms(2026, 12, 31, 22, 30, 0).unwrap();
        let c = clocks(known);
        // Across midnight and the year end: 4 hours are 4 hours.
        assert_eq!(
            c.measures_due,
            Utc.with_ymd_and_hms(2027, 1, 1, 2, 30, 0).unwrap()
        );
        assert_eq!(c.report_due, c.measures_due);
        assert!(!is_late(c.report_due, c.report_due));
        assert!(is_late(c.report_due + Duration::seconds(1), c.report_due));
    }

    #[test]
    fn point_43_lists_thirteen_measures_in_order() {
        assert_eq!(MEASURES.len(), 13);
        for (i, m) in MEASURES.iter().enumerate() {
            assert_eq!(m.id, format!("m{:02}", i + 1));
        }
        assert_eq!(
            measure("m12").unwrap().zh,
            "涉及刑事責任者，移請檢警鑑識或調查"
        );
        assert!(measure("m14").is_none());
    }

    #[test]
    fn the_authority_part_differs_by_place() {
        assert!(!authority_duty(Jurisdiction::Hk).required);
        assert_eq!(authority_duty(Jurisdiction::Cn).within_hours, Some(0));
        assert_eq!(authority_duty(Jurisdiction::Tw).within_hours, Some(72));
        assert!(is_item(&NOTICE_CHANNELS, "sms"));
        assert!(!is_item(&REPORT_CHANNELS, "fax"));
    }
}
