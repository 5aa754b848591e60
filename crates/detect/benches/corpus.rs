//! A deterministic benchmark corpus: mixed Traditional/Simplified Chinese and English
//! prose, with personal data sprinkled at about the density of real office documents
//! (one value per ~400 bytes). Shared by the divan benchmark and the MB/s example.

/// Traditional and Simplified Chinese sentences of ordinary office and news prose.
const ZH: &[&str] = &[
    "本機關依個人資料保護法規定，於蒐集個人資料時應明確告知當事人蒐集之目的及類別。",
    "各單位應指定專人辦理安全維護事項，並定期檢視個人資料檔案之保有情形。",
    "会议讨论了明年的预算安排，各部门需要在下个月底之前提交详细的计划书。",
    "為提升服務品質，圖書館將於下週進行系統維護，屆時暫停線上借閱服務。",
    "该公司第三季度营业收入同比增长百分之十二，主要得益于海外市场的扩张。",
    "本次活動報名踴躍，請參加者準時於上午九點前完成報到手續並領取資料。",
    "如對本政策有任何疑問，歡迎透過客服專線或電子郵件與我們聯繫。",
    "研究团队发现，长期睡眠不足会影响记忆力和注意力，建议每天保证充足休息。",
    "資訊安全稽核結果顯示，部分系統之存取權限未依職務調整，應儘速改善。",
    "今年的颱風季節提早到來，氣象單位提醒民眾做好防颱準備並注意自身安全。",
    "委外廠商應依契約約定辦理資料之返還或刪除，並出具書面聲明。",
    "为了保护用户隐私，平台更新了隐私政策，用户可以随时撤回同意。",
];

const EN: &[&str] = &[
    "The committee reviewed the quarterly report and approved the revised budget for the next fiscal year. ",
    "Please make sure that all personal data is encrypted at rest and in transit, as required by policy. ",
    "Our support team will get back to you within two business days regarding your request. ",
    "The library will be closed on public holidays; online services remain available as usual. ",
    "Access logs are retained for ninety days and reviewed monthly by the security officer. ",
];

/// Values of the identifier and contact kinds, and labelled text-kind values.
const VALUES: &[&str] = &[
    "聯絡電話：0912-345-678。",
    "身分證字號 A123456789，",
    "e-mail: chen.xiaoming@example.com ",
    "申請人：王小明先生，",
    "地址：臺北市中正區重慶南路一段122號3樓。",
    "HKID A123456(3) ",
    "身份证号 11010519491231002X，",
    "Tel: +852 9123 4567 ",
    "card 4111 1111 1111 1111 ",
    "IP 192.168.10.24 ",
    "出生日期：民國75年3月21日，",
    "手机 13912345678，",
    "訂單編號 202611220001，",
    "統一編號 04595252，",
    "记者李明报道，",
];

/// A corpus of about `bytes` bytes.
pub fn corpus(bytes: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut s = String::with_capacity(bytes + 256);
    let mut since_value = 0;
    while s.len() < bytes {
        let before = s.len();
        if since_value > 400 {
            s.push_str(VALUES[next(VALUES.len())]);
            since_value = 0;
        } else if next(10) < 7 {
            s.push_str(ZH[next(ZH.len())]);
        } else {
            s.push_str(EN[next(EN.len())]);
        }
        if next(8) == 0 {
            s.push('\n');
        }
        since_value += s.len() - before;
    }
    s
}
