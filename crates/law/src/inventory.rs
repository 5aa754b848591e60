//! The personal-data file (個人資料檔案) as point 37 of the Taipei rules describes it.
//!
//! Point 37(2) lists the 20 fields every inventory sheet and file register must hold;
//! [`Field`] names them in that order, so forms, exports and the public list all use
//! the same labels and cite the same item.

use crate::Labels;

macro_rules! fields {
    ($( $variant:ident, $id:literal, $zh:literal, $en:literal; )*) => {
        /// One of the 20 fields of point 37(2), in the order of the rules.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field { $( #[doc = $zh] $variant, )* }

        impl Field {
            /// All 20 fields, in the order of point 37(2).
            pub const ALL: [Field; 20] = [$( Field::$variant, )*];

            /// The stable id used in forms, the API and exports.
            pub fn id(self) -> &'static str { match self { $( Field::$variant => $id, )* } }

            /// The label in Traditional Chinese and English.
            pub fn labels(self) -> Labels { match self { $( Field::$variant => ($zh, $en), )* } }
        }
    };
}

fields! {
    Business, "business", "所涉主要業務、職掌內容及辦理流程", "Business, duties and process";
    Name, "name", "個人資料檔案名稱", "Name of the personal-data file";
    ResponsibleUnit, "unit", "業務主管單位", "Responsible unit";
    CustodianUnit, "custodian_unit", "保存管理單位", "Custodian unit";
    CustodyMethod, "custody_method", "保管方式", "How it is kept";
    StorageForms, "storage_forms", "檔案型態", "Form (paper, electronic, portable media, system database)";
    Source, "source", "個人資料來源", "Source of the data";
    LegalBasis, "legal_basis", "法令或契約上之保有依據", "Legal or contractual basis for holding it";
    NoticeRequired, "notice_required", "是否須履行告知義務", "Notice duty (PDPA Art. 8/9) applies";
    Purposes, "purposes", "特定目的", "Specific purposes (official codes)";
    Categories, "categories", "個人資料類別", "Data categories (official codes)";
    Items, "items", "個人資料項目", "Data items";
    SpecialItems, "special_items", "個資法第六條所定個人資料項目", "Special items of PDPA Art. 6";
    RecordCount, "record_count", "個人資料數量", "Number of records";
    InternalUnits, "internal_units", "內部進行蒐集、處理或利用之單位", "Internal units collecting, processing or using it";
    ExternalParties, "external_parties", "外部進行蒐集、處理或利用者", "External parties collecting, processing or using it";
    Outsourcing, "outsourcing", "委外及受委託對象接觸情形", "Outsourcing and contractors' access";
    Retention, "retention", "法定或自訂之保存期限", "Retention period (statutory or set)";
    DisposalMethod, "disposal_method", "銷毀方式", "Disposal method";
    PublishRequired, "publish_required", "是否依個資法第十七條對外公告", "Published under PDPA Art. 17";
}

macro_rules! simple_enum {
    ($(#[$doc:meta])* $name:ident { $( $variant:ident, $id:literal, $zh:literal, $en:literal; )* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $( #[doc = $zh] $variant, )* }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$( $name::$variant, )*];
            /// The stable id stored in the database.
            pub fn id(self) -> &'static str { match self { $( $name::$variant => $id, )* } }
            /// Parses an id.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $( $id => Some($name::$variant), )* _ => None }
            }
            /// The label in Traditional Chinese and English.
            pub fn labels(self) -> Labels { match self { $( $name::$variant => ($zh, $en), )* } }
        }
    };
}

simple_enum! {
    /// The forms a file can take (point 37(2)(6)).
    StorageForm {
        Paper, "paper", "紙本", "Paper";
        Electronic, "electronic", "電子檔", "Electronic files";
        Portable, "portable", "可攜式媒體內之電子檔", "Electronic files on portable media";
        Database, "database", "系統資料庫", "System database";
    }
}

simple_enum! {
    /// The special items of PDPA Art. 6(1) (as amended 2015): not to be collected,
    /// processed or used except in the cases the article lists.
    SpecialItem {
        MedicalRecords, "medical_records", "病歷", "Medical records";
        Medical, "medical", "醫療", "Medical treatment";
        Genetic, "genetic", "基因", "Genetic data";
        SexLife, "sex_life", "性生活", "Sex life";
        HealthCheck, "health_check", "健康檢查", "Health examinations";
        CriminalRecord, "criminal_record", "犯罪前科", "Criminal records";
    }
}

impl SpecialItem {
    /// The Art. 6 item a gezi-detect kind is evidence of (by kind id), if any.
    /// Biometric data is sensitive under PIPL Art. 28 but is not an Art. 6 item in Taiwan.
    pub fn for_kind(kind_id: &str) -> Option<SpecialItem> {
        match kind_id {
            "SENSITIVE_HEALTH" => Some(SpecialItem::Medical),
            "SENSITIVE_GENETIC" => Some(SpecialItem::Genetic),
            "SENSITIVE_SEX_LIFE" => Some(SpecialItem::SexLife),
            "SENSITIVE_CRIMINAL_RECORD" => Some(SpecialItem::CriminalRecord),
            _ => None,
        }
    }
}

/// The data item (個人資料項目) a gezi-detect kind is, as an inventory sheet names it.
pub fn item_name(kind_id: &str) -> Option<&'static str> {
    Some(match kind_id {
        "TW_NATIONAL_ID" => "國民身分證統一編號",
        "TW_RESIDENT_ID" => "居留證統一證號",
        "TW_PASSPORT" | "PASSPORT" => "護照號碼",
        "TW_NHI_CARD" => "健保卡號",
        "TW_LICENSE_PLATE" => "車牌號碼",
        "HK_ID" => "香港身份證號碼",
        "MO_ID" => "澳門身份證號碼",
        "CN_RESIDENT_ID" => "大陸居民身份證號碼",
        "PHONE" => "電話號碼",
        "EMAIL" => "電子郵件地址",
        "CREDIT_CARD" => "信用卡號",
        "BANK_ACCOUNT" => "金融機構帳號",
        "IP_ADDRESS" => "IP位址",
        "DATE_OF_BIRTH" => "出生年月日",
        "PERSON_NAME" => "姓名",
        "ADDRESS" => "地址",
        "SENSITIVE_HEALTH" => "醫療及健康資料",
        "SENSITIVE_GENETIC" => "基因資料",
        "SENSITIVE_SEX_LIFE" => "性生活資料",
        "SENSITIVE_CRIMINAL_RECORD" => "犯罪前科資料",
        "SENSITIVE_BIOMETRIC" => "生物特徵資料",
        _ => return None,
    })
}

simple_enum! {
    /// Where a file stands in the register.
    FileStatus {
        Proposed, "proposed", "待確認（由掃描建議）", "Proposed (from a scan)";
        Confirmed, "confirmed", "已確認", "Confirmed";
        Retired, "retired", "已停用", "Retired";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_fields_with_distinct_ids() {
        let mut ids: Vec<_> = Field::ALL.iter().map(|f| f.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 20);
        assert_eq!(Field::ALL[1].labels().0, "個人資料檔案名稱");
        assert_eq!(Field::ALL[19], Field::PublishRequired);
    }

    #[test]
    fn enums_parse_their_ids() {
        for f in StorageForm::ALL {
            assert_eq!(StorageForm::parse(f.id()), Some(*f));
        }
        assert_eq!(SpecialItem::ALL.len(), 6);
        assert_eq!(
            SpecialItem::for_kind("SENSITIVE_GENETIC"),
            Some(SpecialItem::Genetic)
        );
        assert_eq!(SpecialItem::for_kind("SENSITIVE_BIOMETRIC"), None);
        assert_eq!(FileStatus::parse("confirmed"), Some(FileStatus::Confirmed));
        assert_eq!(FileStatus::parse("x"), None);
    }
}
