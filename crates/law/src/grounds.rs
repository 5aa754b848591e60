//! Decisions on a data subject's request: the grounds to refuse, and fees.
//!
//! A refusal is in writing and names its ground (point 29(4) of the Taipei rules; PDPO
//! s21; PIPL Art. 50). The grounds are listed here with their article so the reply
//! letter can cite them and nobody refuses on a ground the law does not give.

use serde::Serialize;

use crate::deadline::Request;
use crate::Jurisdiction;

/// A ground to refuse a request, in whole or in part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ground {
    /// Stable id, unique within its jurisdiction.
    pub id: &'static str,
    /// The article, as the letter cites it.
    pub citation: &'static str,
    /// The ground in plain Chinese (for the letter).
    pub zh: &'static str,
    /// In English.
    pub en: &'static str,
    /// Which requests it can answer (empty: all).
    pub applies_to: &'static [Request],
}

const ACCESS: &[Request] = &[Request::Access, Request::Copy];
const STOP_DELETE: &[Request] = &[Request::Stop, Request::Deletion];
const CORRECT: &[Request] = &[Request::Correction, Request::Supplement];

const TW: &[Ground] = &[
    Ground { id: "tw_incomplete", citation: "臺北市政府政風處個人資料保護管理要點第29點第4項第1款", zh: "申請文件內容有遺漏、欠缺、虛偽不實或釋明不完整，經通知限期補正，逾期仍未補正或無法補正", en: "The application was incomplete or untrue and was not completed within the time given", applies_to: &[] },
    Ground { id: "tw_art10_1", citation: "個人資料保護法第10條但書第1款", zh: "妨害國家安全、外交及軍事機密、整體經濟利益或其他國家重大利益", en: "It would harm national security, diplomatic or military secrets, the economy or other major national interests", applies_to: ACCESS },
    Ground { id: "tw_art10_2", citation: "個人資料保護法第10條但書第2款", zh: "妨害公務機關執行法定職務", en: "It would obstruct the agency's statutory duties", applies_to: ACCESS },
    Ground { id: "tw_art10_3", citation: "個人資料保護法第10條但書第3款", zh: "妨害該蒐集機關或第三人之重大利益", en: "It would harm major interests of the agency or a third party", applies_to: ACCESS },
    Ground { id: "tw_art11_2", citation: "個人資料保護法第11條第2項但書", zh: "因執行職務或業務所必須，或經當事人書面同意，並經註明其爭議", en: "Needed for the agency's duties (or consented in writing), with the dispute noted", applies_to: &[Request::Stop] },
    Ground { id: "tw_art11_3", citation: "個人資料保護法第11條第3項但書", zh: "因執行職務或業務所必須或經當事人書面同意", en: "Needed for the agency's duties, or consented in writing", applies_to: STOP_DELETE },
    Ground { id: "tw_unlawful", citation: "臺北市政府政風處個人資料保護管理要點第29點第4項第4款", zh: "與法令規定不符", en: "Not in accordance with the law", applies_to: &[] },
];

const HK: &[Ground] = &[
    Ground {
        id: "hk_identity",
        citation: "PDPO s20(1)(a)",
        zh: "未能確定提出要求者的身分",
        en: "The requestor's identity has not been established",
        applies_to: ACCESS,
    },
    Ground {
        id: "hk_third_party",
        citation: "PDPO s20(1)(b)",
        zh: "會披露其他人士的個人資料，而該人士未同意且無法刪去其身分",
        en: "Another person's data would be disclosed without their consent and cannot be removed",
        applies_to: ACCESS,
    },
    Ground {
        id: "hk_form",
        citation: "PDPO s20(3)",
        zh: "要求不是以指明表格提出",
        en: "The request was not made in the specified form",
        applies_to: ACCESS,
    },
    Ground {
        id: "hk_exemption",
        citation: "PDPO Part 8",
        zh: "屬《私隱條例》第8部的豁免情況",
        en: "An exemption in Part 8 applies",
        applies_to: ACCESS,
    },
    Ground {
        id: "hk_dcr_not_satisfied",
        citation: "PDPO s24",
        zh: "資料使用者不信納該資料不準確",
        en: "The data user is not satisfied that the data is inaccurate",
        applies_to: CORRECT,
    },
    Ground {
        id: "hk_dcr_identity",
        citation: "PDPO s24",
        zh: "未能確定提出要求者的身分",
        en: "The requestor's identity has not been established",
        applies_to: CORRECT,
    },
];

const CN: &[Ground] = &[
    Ground { id: "cn_storage_only", citation: "个人信息保护法第47条第2款", zh: "法律、行政法规规定的保存期限未届满，或者删除个人信息从技术上难以实现，已停止除存储和采取必要的安全保护措施之外的处理", en: "Retention required by law or deletion technically hard: only storage and security continue", applies_to: &[Request::Deletion] },
    Ground { id: "cn_law", citation: "个人信息保护法第18条、第35条", zh: "法律、行政法规规定应当保密或者不需要告知", en: "Laws or regulations require secrecy", applies_to: ACCESS },
    Ground { id: "cn_identity", citation: "GB/T 35273-2020 第8.7条", zh: "无法验证请求者身份", en: "The requestor's identity cannot be verified", applies_to: &[] },
];

/// The grounds a decision on `req` can give in `j`.
pub fn grounds(j: Jurisdiction, req: Request) -> Vec<&'static Ground> {
    let all = match j {
        Jurisdiction::Tw => TW,
        Jurisdiction::Hk => HK,
        Jurisdiction::Cn => CN,
    };
    all.iter()
        .filter(|g| g.applies_to.is_empty() || g.applies_to.contains(&req))
        .collect()
}

/// A ground by id, if it can answer `req` in `j`.
pub fn ground(j: Jurisdiction, req: Request, id: &str) -> Option<&'static Ground> {
    grounds(j, req).into_iter().find(|g| g.id == id)
}

/// Whether a fee may be charged, and on what basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeeRule {
    /// Whether any fee may be asked.
    pub chargeable: bool,
    /// The basis.
    pub basis: &'static str,
}

/// Fees for `req` in `j`.
pub fn fee_rule(j: Jurisdiction, req: Request) -> FeeRule {
    let access = matches!(req, Request::Access | Request::Copy);
    match (j, access) {
        (Jurisdiction::Tw, true) => FeeRule {
            chargeable: true,
            basis: "個人資料保護法第14條（得酌收必要成本費用）；要點第30點（依檔案閱覽抄錄複製收費標準）",
        },
        (Jurisdiction::Tw, false) => FeeRule {
            chargeable: false,
            basis: "個人資料保護法第14條僅就查詢、閱覽、製給複製本收費",
        },
        (Jurisdiction::Hk, true) => FeeRule {
            chargeable: true,
            basis: "PDPO s28(2)-(3): a fee for a data access request, not excessive; none for a refusal",
        },
        (Jurisdiction::Hk, false) => FeeRule {
            chargeable: false,
            basis: "PDPO s28(1): no fee for a data correction request",
        },
        (Jurisdiction::Cn, _) => FeeRule {
            chargeable: false,
            basis: "个人信息保护法第45条、第50条（及时提供，便捷受理）；不设收费",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ground_answers_only_its_requests() {
        assert!(ground(Jurisdiction::Tw, Request::Access, "tw_art10_2").is_some());
        assert!(ground(Jurisdiction::Tw, Request::Deletion, "tw_art10_2").is_none());
        assert!(ground(Jurisdiction::Tw, Request::Deletion, "tw_art11_3").is_some());
        assert!(ground(Jurisdiction::Tw, Request::Correction, "tw_incomplete").is_some());
        assert!(ground(Jurisdiction::Hk, Request::Access, "tw_incomplete").is_none());
        assert!(ground(Jurisdiction::Cn, Request::Deletion, "cn_storage_only").is_some());
        for j in Jurisdiction::ALL {
            for r in Request::ALL {
                for g in grounds(j, r) {
                    assert!(!g.citation.is_empty() && !g.zh.is_empty());
                }
            }
        }
    }

    #[test]
    fn fees_only_for_access_and_never_for_correction() {
        assert!(fee_rule(Jurisdiction::Tw, Request::Copy).chargeable);
        assert!(!fee_rule(Jurisdiction::Tw, Request::Correction).chargeable);
        assert!(fee_rule(Jurisdiction::Hk, Request::Access).chargeable);
        assert!(!fee_rule(Jurisdiction::Hk, Request::Correction).chargeable);
        assert!(!fee_rule(Jurisdiction::Cn, Request::Access).chargeable);
    }
}
