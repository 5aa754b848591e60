//! The words of the text pass: labels, name cues and the special-category lexicons,
//! in Traditional Chinese, Simplified Chinese and English.

use crate::Kind;

/// What a word of the lexicon announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A field label whose value is a person's name (姓名, 聯絡人, Name).
    NameLabel,
    /// A field label whose value is an address (地址, 寄到, Address).
    AddressLabel,
    /// A field label whose value is a date of birth (出生日期, DOB).
    DobLabel,
    /// An English honorific before a name (Mr., Ms., Dr.).
    Honorific,
    /// A salutation before a name (Dear).
    Dear,
    /// A self-introduction before a name (我是, 我叫).
    SelfIntro,
    /// A role or title before a name (記者, 教練, 總經理).
    RolePrefix,
    /// A title after a name (先生, 小姐, 醫師).
    TitleSuffix,
    /// A verb of saying after a name (表示, 說).
    Speech,
    /// An English street word (Road, Street): an English address may end here.
    Street,
    /// 號/号 after a house number: a Chinese address may end here.
    HouseNumber,
    /// A term of a special category (PDPA Art. 6, PIPL Art. 28).
    Sensitive(Kind),
}

const NAME_LABELS: &[&str] = &[
    "姓名", "名字", "聯絡人", "联系人", "聯繫人", "申請人", "申请人", "收件人", "寄件人", "負責人",
    "负责人", "持卡人", "客戶姓名", "客户姓名", "病患姓名", "病人姓名", "患者姓名", "學生姓名",
    "学生姓名", "家長姓名", "家长姓名", "監護人", "监护人", "代理人", "當事人", "当事人", "法定代理人",
    "被保險人", "被保险人", "要保人", "受益人", "乘客姓名", "旅客姓名", "會員姓名", "会员姓名",
    "員工姓名", "员工姓名", "承辦人", "承办人", "填表人", "立書人", "立书人", "簽收人", "签收人",
    "報案人", "报案人", "檢舉人", "检举人", "陳情人", "陈情人", "緊急聯絡人", "紧急联系人", "戶名", "户名",
    "Name", "NAME", "Full name", "Full Name", "FULL NAME", "Customer name", "Customer Name",
    "Contact person", "Contact Person", "Applicant", "Recipient", "Patient name", "Patient Name",
    "Account name", "Account Name", "Cardholder", "Employee name", "Employee Name", "Surname",
    "Given name", "Given Name", "Name of applicant", "姓名 Name", "Name 姓名",
];

const ADDRESS_LABELS: &[&str] = &[
    "地址", "住址", "通訊地址", "通讯地址", "戶籍地址", "户籍地址", "居住地址", "住所", "居所",
    "聯絡地址", "联系地址", "收件地址", "寄件地址", "送貨地址", "送货地址", "收貨地址", "收货地址",
    "郵寄地址", "邮寄地址", "公司地址", "寄到", "送到", "寄至", "送至", "住在", "住於", "家住",
    "Address", "ADDRESS", "address", "Home address", "Mailing address", "Residential address",
    "Correspondence address",
];

const DOB_LABELS: &[&str] = &[
    "出生日期", "出生年月日", "生日", "出生", "出生於", "出生于", "生於", "生于", "出生年月",
    "DOB", "D.O.B.", "Date of birth", "Date of Birth", "date of birth", "DATE OF BIRTH", "Birthday",
    "birthday", "Birth date", "Birth Date", "born on", "Born on", "born", "Born",
];

pub(crate) const HONORIFICS: &[&str] = &[
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Dr.", "Dr", "Prof.", "Mx.", "Madam", "Sir",
    "MR.", "MRS.", "MS.", "MISS", "DR.",
];

const SELF_INTRO: &[&str] = &["我是", "我叫", "本人", "名叫", "叫做", "敝姓", "小弟", "小女子", "在下"];

const ROLE_PREFIXES: &[&str] = &[
    "記者", "记者", "教練", "教练", "主席", "總統", "总统", "部長", "部长", "局長", "局长", "經理",
    "经理", "總裁", "总裁", "董事長", "董事长", "主任", "教授", "導演", "导演", "演員", "演员",
    "球員", "球员", "隊長", "队长", "市長", "市长", "省長", "省长", "書記", "书记", "委員", "委员",
    "律師", "律师", "醫生", "医生", "醫師", "医师", "院長", "院长", "校長", "校长", "老師", "老师",
    "作者", "歌手", "主持人", "發言人", "发言人", "總經理", "总经理", "秘書長", "秘书长", "廳長",
    "厅长", "處長", "处长", "科長", "科长", "主編", "主编", "編輯", "编辑", "選手", "选手", "法官",
    "檢察官", "检察官", "大師", "大师", "畫家", "画家", "作家", "學者", "学者", "專家", "专家",
    "研究員", "研究员", "分析師", "分析师", "創始人", "创始人", "員工", "员工", "同學", "同学",
    "妻子", "丈夫", "兒子", "儿子", "女兒", "女儿", "母親", "母亲", "父親", "父亲", "通訊員", "通讯员",
    "社長", "社长", "總監", "总监", "主管", "組長", "组长", "班長", "班长", "前鋒", "前锋", "後衛",
    "后卫", "門將", "门将", "中場", "中场", "新帥", "新帅", "主帥", "主帅", "議員", "议员", "立委",
    "縣長", "县长", "鎮長", "镇长", "村長", "村长", "里長", "里长", "董事", "會長", "会长", "理事長",
    "理事长", "副總", "副总", "總理", "总理", "首相", "外長", "外长", "網友", "网友", "患者", "病人",
    "嫌犯", "嫌疑人", "被告", "原告", "死者", "傷者", "伤者", "警員", "警员", "消防員", "消防员",
];

const TITLE_SUFFIXES: &[&str] = &[
    "先生", "小姐", "女士", "太太", "同學", "同学", "老師", "老师", "醫師", "医师", "醫生", "医生",
    "律師", "律师", "教授", "博士", "師傅", "师傅", "經理", "经理", "主任", "護理師", "护理师",
    "會計師", "会计师", "建築師", "建筑师", "君", "氏", "阿姨", "伯伯", "叔叔", "院長", "院长",
    "董事長", "董事长", "委員", "委员", "議員", "议员", "市長", "市长", "總統", "总统", "部長", "部长",
];

const SPEECH: &[&str] = &[
    "表示", "說", "说", "認為", "认为", "指出", "介紹", "介绍", "透露", "稱", "称", "告訴", "告诉",
    "強調", "强调", "解釋", "解释", "坦言", "回憶", "回忆", "提到", "呼籲", "呼吁", "證實", "证实",
];

const HEALTH: &[&str] = &[
    "病歷", "病历", "病史", "病症", "病情", "診斷", "诊断", "就診", "就诊", "就醫", "就医", "住院",
    "門診", "门诊", "急診", "急诊", "手術", "手术", "處方", "处方", "用藥", "用药", "醫療紀錄",
    "医疗记录", "醫療記錄", "健康檢查", "健康检查", "體檢", "体检", "檢驗報告", "检验报告", "檢查報告",
    "检查报告", "癌症", "腫瘤", "肿瘤", "糖尿病", "高血壓", "高血压", "心臟病", "心脏病", "憂鬱症",
    "抑郁症", "憂鬱", "精神疾病", "精神病", "思覺失調", "躁鬱症", "愛滋", "艾滋", "HIV", "懷孕",
    "怀孕", "流產", "流产", "身心障礙", "残疾", "殘疾", "失智", "傳染病", "传染病", "肺結核", "肺结核",
    "肝炎", "過敏史", "过敏史", "復健", "康复", "看診", "血型", "BMI", "medical record",
    "Medical record", "medical history", "diagnosis", "Diagnosis", "diagnosed", "prescription",
    "Prescription", "hospitalised", "hospitalized", "health check", "Health check", "cancer",
    "diabetes", "depression", "HIV-positive", "pregnancy", "pregnant", "disability",
];

const GENETIC: &[&str] = &[
    "基因", "基因檢測", "基因检测", "遺傳", "遗传", "染色體", "染色体", "DNA", "genetic", "Genetic",
    "genome", "Genome", "gene test", "genotype", "基因型", "親子鑑定", "亲子鉴定",
];

const SEX_LIFE: &[&str] = &[
    "性生活", "性行為", "性行为", "性傾向", "性倾向", "性取向", "同性戀", "同性恋", "雙性戀", "双性恋",
    "性伴侶", "性伴侣", "性病", "sex life", "sexual orientation", "Sexual orientation", "sexual activity",
    "sexual partner", "homosexual", "bisexual",
];

const CRIMINAL: &[&str] = &[
    "犯罪前科", "前科", "犯罪紀錄", "犯罪记录", "犯罪記錄", "刑事紀錄", "刑事记录", "判刑", "有期徒刑",
    "服刑", "假釋", "假释", "緩刑", "缓刑", "通緝", "通缉", "定罪", "羈押", "羁押", "入獄", "入狱",
    "坐牢", "毒品前科", "良民證", "警察刑事紀錄證明", "無犯罪記錄證明", "无犯罪记录证明",
    "criminal record", "Criminal record", "conviction", "convicted", "Convicted", "imprisonment",
    "imprisoned", "probation", "parole", "offence record",
];

const BIOMETRIC: &[&str] = &[
    "指紋", "指纹", "人臉辨識", "人脸识别", "人臉識別", "臉部特徵", "脸部特征", "面部特徵", "面部特征",
    "虹膜", "聲紋", "声纹", "掌紋", "掌纹", "靜脈辨識", "静脉识别", "生物特徵", "生物特征", "生物識別",
    "生物识别", "fingerprint", "Fingerprint", "facial recognition", "Facial recognition", "face ID",
    "Face ID", "iris scan", "voiceprint", "biometric", "Biometric",
];

/// Every word with its cue. Later entries win when a word repeats.
pub(crate) fn entries() -> Vec<(String, Cue)> {
    let groups: &[(&[&str], Cue)] = &[
        (NAME_LABELS, Cue::NameLabel),
        (ADDRESS_LABELS, Cue::AddressLabel),
        (DOB_LABELS, Cue::DobLabel),
        (HONORIFICS, Cue::Honorific),
        (&["Dear", "DEAR", "dear", "Hi", "Hello", "親愛的", "亲爱的", "致"], Cue::Dear),
        (SELF_INTRO, Cue::SelfIntro),
        (ROLE_PREFIXES, Cue::RolePrefix),
        (TITLE_SUFFIXES, Cue::TitleSuffix),
        (SPEECH, Cue::Speech),
        (&["Road", "Street", "Avenue", "Lane", "Drive", "Boulevard", "Terrace", "Path", "Rd", "St", "Ave"], Cue::Street),
        (&["號", "号"], Cue::HouseNumber),
        (HEALTH, Cue::Sensitive(Kind::SensitiveHealth)),
        (GENETIC, Cue::Sensitive(Kind::SensitiveGenetic)),
        (SEX_LIFE, Cue::Sensitive(Kind::SensitiveSexLife)),
        (CRIMINAL, Cue::Sensitive(Kind::SensitiveCriminalRecord)),
        (BIOMETRIC, Cue::Sensitive(Kind::SensitiveBiometric)),
    ];
    let mut map = std::collections::BTreeMap::new();
    for (words, cue) in groups {
        for w in *words {
            map.insert(w.to_string(), *cue);
        }
    }
    map.into_iter().collect()
}

/// Whether the ASCII-letter ends of `start..end` are not glued to other letters.
pub(crate) fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let first = b[start];
    let last = b[end - 1];
    let glued_before = first.is_ascii_alphabetic() && start > 0 && b[start - 1].is_ascii_alphanumeric();
    let glued_after = last.is_ascii_alphanumeric() && end < b.len() && b[end].is_ascii_alphanumeric();
    !glued_before && !glued_after
}
