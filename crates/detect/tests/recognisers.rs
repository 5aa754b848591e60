//! Each kind on sentences unlike the development set's templates, and the look-alikes
//! that must not be reported.

use gezi_detect::{Detector, Kind};
use std::sync::OnceLock;

fn detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(Detector::new)
}

/// The values of `kind` found in `text`.
fn found(text: &str, kind: Kind) -> Vec<&str> {
    detector()
        .find(text)
        .into_iter()
        .filter(|f| f.kind() == kind)
        .map(|f| &text[f.span()])
        .collect()
}

#[track_caller]
fn finds(text: &str, kind: Kind, value: &str) {
    let got = found(text, kind);
    assert!(
        got.iter()
            .any(|g| g.contains(value) || value.contains(g) && g.chars().count() >= 2),
        "{kind} `{value}` not found in `{text}`; got {got:?} (all: {:?})",
        detector()
            .find(text)
            .iter()
            .map(|f| (f.kind(), &text[f.span()]))
            .collect::<Vec<_>>()
    );
}

#[track_caller]
fn misses(text: &str, kind: Kind) {
    let got = found(text, kind);
    assert!(got.is_empty(), "{kind} wrongly found in `{text}`: {got:?}");
}

#[test]
fn taiwan_ids() {
    finds(
        "持證人A123456789已完成報到",
        Kind::TwNationalId,
        "A123456789",
    );
    finds("ID: F131104093.", Kind::TwNationalId, "F131104093");
    finds(
        "統一證號：A800000014（新式）",
        Kind::TwResidentId,
        "A800000014",
    );
    finds("居留證號碼 AB23456789", Kind::TwResidentId, "AB23456789");
    finds(
        "身分證字號：Ａ１２３４５６７８９",
        Kind::TwNationalId,
        "Ａ１２３４５６７８９",
    );
    misses("身分證字號 A123456788 有誤", Kind::TwNationalId);
    misses("產品序號 XA123456789B", Kind::TwNationalId);
}

#[test]
fn hong_kong_macau_mainland() {
    finds("香港身份證號碼 A123456(3)", Kind::HkId, "A123456(3)");
    finds("HKID CA182361(1) holder", Kind::HkId, "CA182361(1)");
    finds("HKID G123456A", Kind::HkId, "G123456A");
    misses("HKID C876300(0)", Kind::HkId);
    finds("澳門居民身份證 1234567(8)", Kind::MoId, "1234567(8)");
    misses("編號 1234567(8)", Kind::MoId);
    finds(
        "身份证：360426199101010071",
        Kind::CnResidentId,
        "360426199101010071",
    );
    misses("身份证 110105194912310021", Kind::CnResidentId);
    finds(
        "旧身份证号 110105491231002",
        Kind::CnResidentId,
        "110105491231002",
    );
    misses("流水 110105491231002", Kind::CnResidentId);
    finds("HKID: A123456 (3)", Kind::HkId, "A123456 (3)");
}

#[test]
fn phones() {
    finds("有事請撥 02-2311-1234 分機 5", Kind::Phone, "02-2311-1234");
    finds("手機0912345678", Kind::Phone, "0912345678");
    finds(
        "手機：０９１２－３４５－６７８",
        Kind::Phone,
        "０９１２－３４５－６７８",
    );
    finds("WhatsApp +852 6123 4567", Kind::Phone, "+852 6123 4567");
    finds("联系电话 138 1234 5678", Kind::Phone, "138 1234 5678");
    finds("Call me at +1 415 555 0100", Kind::Phone, "+1 415 555 0100");
    finds("澳門電話 +853 6612 3456", Kind::Phone, "+853 6612 3456");
    finds(
        "Reach me on (415) 555-0132 after 6pm",
        Kind::Phone,
        "(415) 555-0132",
    );
    finds("Phone: 415.555.0132", Kind::Phone, "415.555.0132");
    misses("Invoice 415-555-0132 paid", Kind::Phone);
    misses("訂單編號 0912345678 已出貨", Kind::Phone);
    misses("訂單編號：20201128711", Kind::Phone);
    misses("session=4309039293", Kind::Phone);
    misses("金額 NT$12,508", Kind::Phone);
}

#[test]
fn min_score_is_the_only_threshold() {
    // A bare 8-digit number with no phone word scores below the default 0.5 …
    let text = "參考 23456789 號";
    assert!(found(text, Kind::Phone).is_empty());
    // … and a lower threshold reports it: no recogniser keeps a threshold of its own.
    let lenient = Detector::with_config(gezi_detect::Config {
        min_score: 0.3,
        ..Default::default()
    });
    assert!(lenient.find(text).iter().any(|f| f.kind() == Kind::Phone));
}

#[test]
fn phone_is_normalised() {
    let f = detector().find("電話 (02) 2071-3943");
    let phone = f.iter().find(|f| f.kind() == Kind::Phone).unwrap();
    assert_eq!(phone.normalized.as_deref(), Some("+886220713943"));
}

#[test]
fn email_ip_cards_accounts() {
    finds(
        "請寄到 wang.xm+news@mail.example.com.tw，謝謝",
        Kind::Email,
        "wang.xm+news@mail.example.com.tw",
    );
    finds(
        "來源 IP：10.0.0.254 登入失敗",
        Kind::IpAddress,
        "10.0.0.254",
    );
    finds(
        "client 2001:db8::ff00:42:8329 connected",
        Kind::IpAddress,
        "2001:db8::ff00:42:8329",
    );
    misses("version 1.2.3.4.5 released", Kind::IpAddress);
    finds(
        "信用卡號 4111-1111-1111-1111 到期 12/28",
        Kind::CreditCard,
        "4111-1111-1111-1111",
    );
    finds("card 378282246310005", Kind::CreditCard, "378282246310005");
    misses(
        "Card number 4143554582284201 was rejected.",
        Kind::CreditCard,
    );
    finds(
        "匯款帳號：012-345678901234",
        Kind::BankAccount,
        "012-345678901234",
    );
    misses("流水號 345678901234 完成", Kind::BankAccount);
}

#[test]
fn context_kinds() {
    finds("護照號碼：312345678", Kind::TwPassport, "312345678");
    finds("passport no. E12345678", Kind::Passport, "E12345678");
    finds("健保卡號 0000 1234 5678", Kind::TwNhiCard, "0000 1234 5678");
    finds("車牌號碼 ABC-1234 違規", Kind::TwLicensePlate, "ABC-1234");
    misses("型號 ABC-1234 庫存", Kind::TwLicensePlate);
    misses("共 312345678 人次", Kind::TwPassport);
}

#[test]
fn organisation_numbers_are_found_and_not_personal() {
    let text = "賣方統一編號 04595252，统一社会信用代码 91110000600037341L";
    finds(text, Kind::TwUbn, "04595252");
    finds(text, Kind::CnUscc, "91110000600037341L");
    assert!(!Kind::TwUbn.is_personal());
    misses("數量 04595252 件", Kind::TwUbn);
}

#[test]
fn dates_of_birth() {
    finds("生日：1990/7/4", Kind::DateOfBirth, "1990/7/4");
    finds(
        "出生年月日 民國80年1月2日",
        Kind::DateOfBirth,
        "民國80年1月2日",
    );
    finds(
        "Date of Birth: 4 July 1990",
        Kind::DateOfBirth,
        "4 July 1990",
    );
    finds(
        "born on March 3, 1985 in Tainan",
        Kind::DateOfBirth,
        "March 3, 1985",
    );
    misses("會議日期：2026-03-08", Kind::DateOfBirth);
}

#[test]
fn names() {
    finds("聯絡人：林志玲 小姐", Kind::PersonName, "林志玲");
    finds("收件人 歐陽娜娜", Kind::PersonName, "歐陽娜娜");
    finds("本報記者陳大文台北報導", Kind::PersonName, "陳大文");
    finds("張家豪先生今天到場", Kind::PersonName, "張家豪");
    finds("我叫李淑芬，住在台中", Kind::PersonName, "李淑芬");
    finds("Applicant: CHAN Tai Man", Kind::PersonName, "CHAN Tai Man");
    finds(
        "Please contact Ms. Wong Mei Ling for details.",
        Kind::PersonName,
        "Wong Mei Ling",
    );
    finds(
        "Hello Sarah Connor,\nyour order shipped.",
        Kind::PersonName,
        "Sarah Connor",
    );
    finds(
        "员工编号\t姓名\t部门\n1001\t赵丽颖\t市场部\n",
        Kind::PersonName,
        "赵丽颖",
    );
    misses("他今天很高興，因為王國的黃金都找到了", Kind::PersonName);
    misses("Dear Customer,\nthank you.", Kind::PersonName);
    finds("Patient: Mary Chan\nWard 7", Kind::PersonName, "Mary Chan");
    finds("客戶：張小華", Kind::PersonName, "張小華");
    misses("Customer Service Team will reply soon.", Kind::PersonName);
    finds(
        "Please find the form attached.\n\nBest regards,\nPeter Lam\n",
        Kind::PersonName,
        "Peter Lam",
    );
    finds(
        "以上，敬請查照。\n申請人 林美華 敬上",
        Kind::PersonName,
        "林美華",
    );
    finds("感謝協助。陳建宏敬上", Kind::PersonName, "陳建宏");
    // A list with one recognised name: its other members are people too.
    let list = "出席者有記者陳大文、歐陽美玲、Ken等人";
    finds(list, Kind::PersonName, "陳大文");
    finds(list, Kind::PersonName, "歐陽美玲");
    finds("由設計師Johnson負責", Kind::PersonName, "Johnson");
    finds(
        "客服：您好\n林志明：我的訂單還沒到",
        Kind::PersonName,
        "林志明",
    );
    misses("請填寫姓名和地址", Kind::PersonName);
}

/// Names in running text, with no label: the tagger's work. Sentences written for these
/// tests, not taken from the development set.
#[test]
fn names_in_running_text() {
    finds(
        "林志明昨天在記者會上表示，公司將於下月推出新產品。",
        Kind::PersonName,
        "林志明",
    );
    finds(
        "该公司第三季度营业收入同比增长，李明华对此表示满意。",
        Kind::PersonName,
        "李明华",
    );
    finds(
        "王建國基本上每個月都會去看望父母。",
        Kind::PersonName,
        "王建國",
    );
    let couple = "黃美玲與丈夫吳家豪一同出席了頒獎典禮。";
    finds(couple, Kind::PersonName, "黃美玲");
    finds(couple, Kind::PersonName, "吳家豪");
    finds(
        "主教練安切洛蒂賽後接受採訪時說，球隊表現令人滿意。",
        Kind::PersonName,
        "安切洛蒂",
    );
    // The members of a list are read again once one of them is a name (易建聯 alone is
    // too doubtful to report).
    let list = "像姚明、易建聯、王治郅這樣的球員，得分能力都很強。";
    finds(list, Kind::PersonName, "易建聯");
    finds(list, Kind::PersonName, "王治郅");
    finds(
        "這次比賽中Sky擊敗了Grubby，奪得冠軍。",
        Kind::PersonName,
        "Grubby",
    );
    // A role word titling a form is no label of a name; the role before a name still is.
    misses("會員申請表", Kind::PersonName);
    misses("学生申请书", Kind::PersonName);
    finds("會員陳怡君您好", Kind::PersonName, "陳怡君");
    // Currencies and two capitals alone are not people.
    misses("採購單金額 NT$ 356,400，預計下月交貨。", Kind::PersonName);
    misses("本次報價US$ 1,200，含運費。", Kind::PersonName);
    // Teams, places and companies written like foreign names are not people.
    misses(
        "切爾西主場迎戰阿森納，比賽將在週六晚上舉行。",
        Kind::PersonName,
    );
    misses("我們在巴黎參觀了羅浮宮，又去了倫敦。", Kind::PersonName);
    // A surname with a title addresses a person without naming them.
    misses("櫃檯的陳女士為其開票，隨後劉總簽字同意。", Kind::PersonName);
    // A name inside the title of a work is the work's, not a person's.
    let book = "周文華的新書《林語堂的晚年》獲得年度好書獎。";
    finds(book, Kind::PersonName, "周文華");
    assert!(!found(book, Kind::PersonName)
        .iter()
        .any(|n| n.contains("林語堂")));
    // English sentences next to Chinese ones, and labels, are not names.
    misses(
        "如有疑問請聯繫我們。Access logs are kept for ninety days.",
        Kind::PersonName,
    );
    misses("聯絡我們。Tel: +852 9123 4567", Kind::PersonName);
}

#[test]
fn addresses() {
    finds(
        "通訊地址：新北市板橋區文化路一段188巷5弄7號2樓",
        Kind::Address,
        "新北市板橋區文化路一段188巷5弄7號2樓",
    );
    finds(
        "包裹已送到台南市東區大學路1號，請查收",
        Kind::Address,
        "大學路1號",
    );
    finds(
        "地址：广东省深圳市南山区科技园南区高新南一道9号",
        Kind::Address,
        "深圳市南山区",
    );
    finds(
        "Address: Flat B, 23/F, Block 2, Sunshine Court, 38 Tai Po Road, Sham Shui Po, Kowloon",
        Kind::Address,
        "38 Tai Po Road",
    );
    finds(
        "寄至香港九龍旺角彌敦道580號16樓A室",
        Kind::Address,
        "彌敦道580號",
    );
    misses("第3號公報已發布", Kind::Address);
}

#[test]
fn special_categories() {
    finds("附件為病歷影本與診斷證明", Kind::SensitiveHealth, "病歷");
    finds("基因檢測報告", Kind::SensitiveGenetic, "基因");
    finds(
        "申請人無犯罪前科",
        Kind::SensitiveCriminalRecord,
        "犯罪前科",
    );
    finds("启用人脸识别门禁", Kind::SensitiveBiometric, "人脸识别");
    finds("問卷詢問性傾向", Kind::SensitiveSexLife, "性傾向");
    assert!(Kind::SensitiveHealth.is_special_category());
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "電話：０９１２－３４５－６７８";
    let f = &detector().find(text)[0];
    assert_eq!(&text[f.span()], "０９１２－３４５－６７８");
    assert_eq!(f.kind(), Kind::Phone);
}
