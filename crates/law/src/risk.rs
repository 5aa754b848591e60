//! Risk assessment on the 7 factors of point 38 of the Taipei rules.
//!
//! Point 38 names what must be assessed but not how to combine it. gezi scores each
//! factor 1 (低), 2 (中) or 3 (高) with a written reason, and reads the factors as the
//! two axes of a 3×3 matrix, as ISO 31000-style registers in Taiwanese agencies do:
//! - **impact** (how bad a breach would be) = the highest of factors 1–3 (identifiability,
//!   form and volume, sensitivity): one very sensitive item is enough to make it high;
//! - **likelihood** (how easily it could happen) = the mean of factors 4–7 (process and
//!   environment, access and location, lawfulness, awareness), rounded up.
//!
//! The level is impact × likelihood: 1–2 low, 3–4 medium, 6–9 high.

use crate::Labels;

/// One of the 7 factors of point 38(1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Factor {
    /// (一) 個人資料可識別程度.
    Identifiability,
    /// (二) 個人資料檔案型態及數量.
    FormAndVolume,
    /// (三) 個人資料類別敏感性及風險性.
    Sensitivity,
    /// (四) 蒐集、處理、利用過程及環境.
    ProcessEnvironment,
    /// (五) 個人資料存取頻率及存放位置.
    AccessAndLocation,
    /// (六) 蒐集、處理、利用及保有之適法性.
    Lawfulness,
    /// (七) 個人資料保護意識及相關知能.
    Awareness,
}

impl Factor {
    /// The 7 factors, in the order of point 38(1).
    pub const ALL: [Factor; 7] = [
        Factor::Identifiability,
        Factor::FormAndVolume,
        Factor::Sensitivity,
        Factor::ProcessEnvironment,
        Factor::AccessAndLocation,
        Factor::Lawfulness,
        Factor::Awareness,
    ];

    /// The stable id used in forms, the API and the database.
    pub fn id(self) -> &'static str {
        match self {
            Factor::Identifiability => "identifiability",
            Factor::FormAndVolume => "form_volume",
            Factor::Sensitivity => "sensitivity",
            Factor::ProcessEnvironment => "process_environment",
            Factor::AccessAndLocation => "access_location",
            Factor::Lawfulness => "lawfulness",
            Factor::Awareness => "awareness",
        }
    }

    /// Parses an id.
    pub fn parse(s: &str) -> Option<Factor> {
        Factor::ALL.into_iter().find(|f| f.id() == s)
    }

    /// The label in Traditional Chinese and English.
    pub fn labels(self) -> Labels {
        match self {
            Factor::Identifiability => ("個人資料可識別程度", "Identifiability"),
            Factor::FormAndVolume => ("個人資料檔案型態及數量", "Form and volume"),
            Factor::Sensitivity => (
                "個人資料類別敏感性及風險性",
                "Sensitivity of the categories",
            ),
            Factor::ProcessEnvironment => (
                "蒐集、處理、利用過程及環境",
                "Collection, processing and use: process and environment",
            ),
            Factor::AccessAndLocation => (
                "個人資料存取頻率及存放位置",
                "Access frequency and location",
            ),
            Factor::Lawfulness => (
                "蒐集、處理、利用及保有之適法性",
                "Lawfulness of holding and use",
            ),
            Factor::Awareness => ("個人資料保護意識及相關知能", "Awareness and skills"),
        }
    }

    /// Whether the factor is on the impact axis (factors 1–3) or likelihood (4–7).
    pub fn is_impact(self) -> bool {
        matches!(
            self,
            Factor::Identifiability | Factor::FormAndVolume | Factor::Sensitivity
        )
    }
}

/// A risk level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 低.
    Low,
    /// 中.
    Medium,
    /// 高.
    High,
}

impl Level {
    /// The stable id (`low`, `medium`, `high`).
    pub fn id(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    /// Parses an id.
    pub fn parse(s: &str) -> Option<Level> {
        [Level::Low, Level::Medium, Level::High]
            .into_iter()
            .find(|l| l.id() == s)
    }

    /// The label in Traditional Chinese and English.
    pub fn labels(self) -> Labels {
        match self {
            Level::Low => ("低", "Low"),
            Level::Medium => ("中", "Medium"),
            Level::High => ("高", "High"),
        }
    }
}

/// The outcome of an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// 1–3.
    pub impact: u8,
    /// 1–3.
    pub likelihood: u8,
    /// The overall level.
    pub level: Level,
}

/// A factor score outside 1..=3.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{factor}: score must be 1 (low), 2 (medium) or 3 (high), not {score}")]
pub struct ScoreError {
    /// The factor id.
    pub factor: &'static str,
    /// The score given.
    pub score: i64,
}

/// Combines 7 factor scores (in the order of [`Factor::ALL`]) into an outcome.
pub fn assess(scores: [i64; 7]) -> Result<Outcome, ScoreError> {
    for (f, s) in Factor::ALL.iter().zip(scores) {
        if !(1..=3).contains(&s) {
            return Err(ScoreError {
                factor: f.id(),
                score: s,
            });
        }
    }
    let impact = scores[..3].iter().copied().max().unwrap_or(1) as u8;
    let sum: i64 = scores[3..].iter().sum();
    let likelihood = sum.div_euclid(4) as u8 + u8::from(sum % 4 != 0);
    let level = match impact * likelihood {
        1..=2 => Level::Low,
        3..=4 => Level::Medium,
        _ => Level::High,
    };
    Ok(Outcome {
        impact,
        likelihood,
        level,
    })
}

/// What a scan tells about a file, for pre-filling the factors it can speak to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// Government or card identifiers were found (身分證, 護照, 居留證, 信用卡…).
    pub direct_identifiers: bool,
    /// Other personal data was found (names, phones, e-mails, addresses…).
    pub indirect_identifiers: bool,
    /// Art. 6 / PIPL Art. 28 categories were found.
    pub special_categories: bool,
    /// Financial identifiers were found (cards, bank accounts).
    pub financial: bool,
    /// Personal values found (an estimate of the number of records).
    pub records: u64,
}

/// A suggested score with the reason a person sees before confirming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The factor.
    pub factor: Factor,
    /// 1–3.
    pub score: i64,
    /// Why, in Traditional Chinese.
    pub reason: String,
}

/// Suggestions for the factors a scan can speak to: identifiability, volume and
/// sensitivity. The others (process, access, lawfulness, awareness) need a person.
/// Volume thresholds: ≥ 10,000 values high, ≥ 1,000 medium — the size at which the
/// sector security rules (law.md §1.11) start to ask for a security plan.
pub fn suggest(e: Evidence) -> Vec<Suggestion> {
    let identifiability = if e.direct_identifiers {
        (
            3,
            "掃描發現可直接識別個人之證號（身分證、護照、居留證或卡號）",
        )
    } else if e.indirect_identifiers {
        (2, "掃描發現姓名、聯絡方式或地址等可間接識別之資料")
    } else {
        (1, "掃描未發現可識別個人之資料")
    };
    let volume = match e.records {
        10_000.. => (
            3,
            format!("掃描發現約 {} 筆個人資料值（≥ 10,000）", e.records),
        ),
        1_000.. => (
            2,
            format!("掃描發現約 {} 筆個人資料值（≥ 1,000）", e.records),
        ),
        n => (1, format!("掃描發現約 {n} 筆個人資料值（< 1,000）")),
    };
    let sensitivity = if e.special_categories {
        (
            3,
            "含個資法第六條特種個資（病歷、醫療、基因、性生活、健康檢查、犯罪前科）或生物特徵",
        )
    } else if e.financial {
        (2, "含財務辨識資料（信用卡、金融帳戶）")
    } else {
        (1, "未發現特種個資或財務資料")
    };
    vec![
        Suggestion {
            factor: Factor::Identifiability,
            score: identifiability.0,
            reason: identifiability.1.into(),
        },
        Suggestion {
            factor: Factor::FormAndVolume,
            score: volume.0,
            reason: volume.1,
        },
        Suggestion {
            factor: Factor::Sensitivity,
            score: sensitivity.0,
            reason: sensitivity.1.into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_levels() {
        let low = assess([1, 1, 1, 1, 1, 1, 1]).unwrap();
        assert_eq!((low.impact, low.likelihood, low.level), (1, 1, Level::Low));
        // One sensitive factor makes the impact high; likelihood 1.25 rounds up to 2.
        let o = assess([1, 1, 3, 1, 1, 1, 2]).unwrap();
        assert_eq!((o.impact, o.likelihood, o.level), (3, 2, Level::High));
        let m = assess([2, 1, 1, 2, 2, 2, 2]).unwrap();
        assert_eq!((m.impact, m.likelihood, m.level), (2, 2, Level::Medium));
        let h = assess([3, 3, 3, 3, 3, 3, 3]).unwrap();
        assert_eq!(h.level, Level::High);
        let m3 = assess([3, 1, 1, 1, 1, 1, 1]).unwrap();
        assert_eq!(m3.level, Level::Medium);
    }

    #[test]
    fn scores_out_of_range_are_refused_by_factor() {
        let e = assess([1, 1, 1, 4, 1, 1, 1]).unwrap_err();
        assert_eq!(e.factor, "process_environment");
        assert!(assess([0, 1, 1, 1, 1, 1, 1]).is_err());
    }

    #[test]
    fn suggestions_follow_the_evidence() {
        let s = suggest(Evidence {
            direct_identifiers: true,
            special_categories: true,
            records: 12_000,
            ..Evidence::default()
        });
        assert_eq!(s.iter().map(|s| s.score).collect::<Vec<_>>(), vec![3, 3, 3]);
        let s = suggest(Evidence {
            indirect_identifiers: true,
            records: 10,
            ..Evidence::default()
        });
        assert_eq!(s.iter().map(|s| s.score).collect::<Vec<_>>(), vec![2, 1, 1]);
    }
}
