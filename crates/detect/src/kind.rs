//! The kinds of data gezi recognises, with their stable ids and PDPA data categories.

use std::fmt;
use std::str::FromStr;

/// Whether a kind is detected by the identifier pass (cheap, anchored on digits and `@`)
/// or by the text pass (lexicons and Chinese-text heuristics, which must read every character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Identifiers and contact data: found from digit/`@` anchors.
    Identifier,
    /// Names, addresses, dates of birth and special categories: found by reading the text.
    Text,
}

macro_rules! kinds {
    ($( $variant:ident => $id:literal, $pass:ident, $personal:literal, $category:literal, $label:literal; )*) => {
        /// A kind of (personal or organisational) data. The id is stable across releases.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Kind { $( #[doc = $label] $variant, )* }

        impl Kind {
            /// Every kind, in a fixed order.
            pub const ALL: &'static [Kind] = &[ $( Kind::$variant, )* ];

            /// The stable SCREAMING_SNAKE_CASE id, as used in JSON, CSV and `--fail-on`.
            pub fn id(self) -> &'static str { match self { $( Kind::$variant => $id, )* } }

            /// Which pass finds this kind.
            pub fn pass(self) -> Pass { match self { $( Kind::$variant => Pass::$pass, )* } }

            /// Whether data of this kind is personal data. Company numbers are not.
            pub fn is_personal(self) -> bool { match self { $( Kind::$variant => $personal, )* } }

            /// The Taiwan PDPA data category code (個人資料之類別), e.g. `C001`.
            pub fn pdpa_category(self) -> &'static str { match self { $( Kind::$variant => $category, )* } }

            /// A short human label.
            pub fn label(self) -> &'static str { match self { $( Kind::$variant => $label, )* } }
        }
    };
}

kinds! {
    TwNationalId => "TW_NATIONAL_ID", Identifier, true, "C003", "Taiwan national ID 身分證字號";
    TwResidentId => "TW_RESIDENT_ID", Identifier, true, "C003", "Taiwan resident certificate 居留證/統一證號";
    TwPassport => "TW_PASSPORT", Identifier, true, "C003", "ROC passport number 護照號碼";
    TwNhiCard => "TW_NHI_CARD", Identifier, true, "C003", "Taiwan NHI card number 健保卡號";
    TwLicensePlate => "TW_LICENSE_PLATE", Identifier, true, "C001", "Taiwan vehicle plate 車牌";
    HkId => "HK_ID", Identifier, true, "C003", "Hong Kong identity card 香港身份證";
    MoId => "MO_ID", Identifier, true, "C003", "Macau resident identity card 澳門居民身份證";
    CnResidentId => "CN_RESIDENT_ID", Identifier, true, "C003", "Mainland resident ID 居民身份证";
    Passport => "PASSPORT", Identifier, true, "C003", "Passport number (any country)";
    Phone => "PHONE", Identifier, true, "C001", "Telephone number 電話";
    Email => "EMAIL", Identifier, true, "C001", "E-mail address 電子郵件";
    CreditCard => "CREDIT_CARD", Identifier, true, "C002", "Payment card number 信用卡號";
    BankAccount => "BANK_ACCOUNT", Identifier, true, "C002", "Bank account number 銀行帳號";
    IpAddress => "IP_ADDRESS", Identifier, true, "C001", "IP address";
    TwUbn => "TW_UBN", Identifier, false, "-", "Taiwan business number 統一編號 (not personal)";
    CnUscc => "CN_USCC", Identifier, false, "-", "Mainland unified social credit code 统一社会信用代码 (not personal)";
    DateOfBirth => "DATE_OF_BIRTH", Text, true, "C011", "Date of birth 出生日期";
    PersonName => "PERSON_NAME", Text, true, "C001", "Person name 姓名";
    Address => "ADDRESS", Text, true, "C001", "Postal address 地址";
    SensitiveHealth => "SENSITIVE_HEALTH", Text, true, "C111", "Medical records, health, health checks 病歷/醫療/健康檢查 (PDPA Art. 6)";
    SensitiveGenetic => "SENSITIVE_GENETIC", Text, true, "C111", "Genetic data 基因 (PDPA Art. 6)";
    SensitiveSexLife => "SENSITIVE_SEX_LIFE", Text, true, "C112", "Sex life 性生活 (PDPA Art. 6)";
    SensitiveCriminalRecord => "SENSITIVE_CRIMINAL_RECORD", Text, true, "C116", "Criminal record 犯罪前科 (PDPA Art. 6)";
    SensitiveBiometric => "SENSITIVE_BIOMETRIC", Text, true, "C012", "Biometric data 生物特徵 (PIPL Art. 28)";
}

impl Kind {
    /// Whether this kind is one of the special categories (PDPA Art. 6, PIPL Art. 28).
    pub fn is_special_category(self) -> bool {
        matches!(
            self,
            Kind::SensitiveHealth
                | Kind::SensitiveGenetic
                | Kind::SensitiveSexLife
                | Kind::SensitiveCriminalRecord
                | Kind::SensitiveBiometric
        )
    }

    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The error for an unknown kind id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown kind `{}` (`gezi kinds` lists them)", self.0)
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        let want = s.trim();
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.id().eq_ignore_ascii_case(want))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// A set of kinds, as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindSet(u32);

impl KindSet {
    /// No kind.
    pub const fn empty() -> KindSet {
        KindSet(0)
    }
    /// Every kind.
    pub fn all() -> KindSet {
        Kind::ALL.iter().copied().collect()
    }
    /// The kinds of one pass.
    pub fn of_pass(pass: Pass) -> KindSet {
        Kind::ALL
            .iter()
            .copied()
            .filter(|k| k.pass() == pass)
            .collect()
    }
    /// Whether `kind` is in the set.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }
    /// Adds `kind`.
    pub fn insert(&mut self, kind: Kind) {
        self.0 |= kind.bit();
    }
    /// Whether any kind of the given pass is in the set.
    pub fn any_of_pass(self, pass: Pass) -> bool {
        Kind::ALL
            .iter()
            .any(|k| k.pass() == pass && self.contains(*k))
    }
    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The kinds in the set, in `Kind::ALL` order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.iter().copied().filter(move |k| self.contains(*k))
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(iter: I) -> KindSet {
        let mut set = KindSet::empty();
        for k in iter {
            set.insert(k);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for k in Kind::ALL {
            assert!(seen.insert(k.id()));
            assert_eq!(k.id().parse::<Kind>().unwrap(), *k);
        }
        assert!(Kind::ALL.len() < 32, "KindSet is a u32");
        assert!("NOPE".parse::<Kind>().is_err());
    }

    #[test]
    fn company_numbers_are_not_personal() {
        assert!(!Kind::TwUbn.is_personal());
        assert!(!Kind::CnUscc.is_personal());
        assert!(Kind::TwNationalId.is_personal());
    }
}
