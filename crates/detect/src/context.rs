//! Context words: the words near a candidate that make it more or less likely to be
//! what its shape suggests (訂單編號 next to a 10-digit number is not a phone).

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

/// A bit set of context categories.
pub(crate) type Ctx = u32;

pub(crate) const PHONE: Ctx = 1;
pub(crate) const ID: Ctx = 1 << 1;
pub(crate) const CARD: Ctx = 1 << 2;
pub(crate) const BANK: Ctx = 1 << 3;
pub(crate) const PASSPORT: Ctx = 1 << 4;
pub(crate) const NHI: Ctx = 1 << 5;
pub(crate) const PLATE: Ctx = 1 << 6;
pub(crate) const UBN: Ctx = 1 << 7;
pub(crate) const MACAU: Ctx = 1 << 8;
pub(crate) const TW: Ctx = 1 << 9;
pub(crate) const USCC: Ctx = 1 << 10;
/// Words that say a number is something else: an order, an invoice, an amount.
pub(crate) const NEGATIVE: Ctx = 1 << 11;
/// Words that say the value is invalid or a test value.
pub(crate) const INVALID: Ctx = 1 << 12;
pub(crate) const IP: Ctx = 1 << 13;

/// Context words in lower case (matching lower-cases ASCII first), with their categories.
const WORDS: &[(&str, Ctx)] = &[
    // Telephone.
    ("電話", PHONE),
    ("电话", PHONE),
    ("手機", PHONE),
    ("手机", PHONE),
    ("行動", PHONE),
    ("聯絡", PHONE),
    ("联络", PHONE),
    ("聯繫", PHONE),
    ("联系", PHONE),
    ("致電", PHONE),
    ("致电", PHONE),
    ("來電", PHONE),
    ("来电", PHONE),
    ("撥打", PHONE),
    ("拨打", PHONE),
    ("請打", PHONE),
    ("請撥", PHONE),
    ("傳真", PHONE),
    ("传真", PHONE),
    ("市話", PHONE),
    ("專線", PHONE),
    ("专线", PHONE),
    ("熱線", PHONE),
    ("热线", PHONE),
    ("whatsapp", PHONE),
    ("tel", PHONE),
    ("phone", PHONE),
    ("mobile", PHONE),
    ("cell", PHONE),
    ("fax", PHONE),
    ("call", PHONE),
    ("contact", PHONE),
    ("微信", PHONE),
    // Identity documents.
    ("身分證", ID | TW),
    ("身份證", ID),
    ("身份证", ID),
    ("證號", ID),
    ("证号", ID),
    ("居留證", ID | TW),
    ("統一證號", ID | TW),
    ("id no", ID),
    ("id_no", ID),
    ("id_number", ID),
    ("national_id", ID),
    ("id card", ID),
    ("identity", ID),
    ("hkid", ID),
    ("證件", ID),
    ("证件", ID),
    // Payment cards.
    ("信用卡", CARD),
    ("卡號", CARD),
    ("卡号", CARD),
    ("card", CARD),
    ("visa", CARD),
    ("mastercard", CARD),
    ("簽帳卡", CARD),
    ("金融卡", CARD),
    ("debit", CARD),
    ("credit", CARD),
    // Bank accounts.
    ("帳號", BANK),
    ("账号", BANK),
    ("帳戶", BANK),
    ("账户", BANK),
    ("戶頭", BANK),
    ("匯款", BANK),
    ("汇款", BANK),
    ("轉帳", BANK),
    ("转账", BANK),
    ("銀行", BANK),
    ("银行", BANK),
    ("account", BANK),
    ("a/c", BANK),
    ("iban", BANK),
    ("郵局", BANK),
    // Passports.
    ("護照", PASSPORT),
    ("护照", PASSPORT),
    ("passport", PASSPORT),
    // NHI card.
    ("健保卡", NHI),
    ("健保", NHI),
    ("nhi", NHI),
    // Vehicle plates.
    ("車牌", PLATE),
    ("车牌", PLATE),
    ("車號", PLATE),
    ("牌照", PLATE),
    ("plate", PLATE),
    ("車輛", PLATE),
    ("車籍", PLATE),
    // Company numbers.
    ("統一編號", UBN),
    ("统一编号", UBN),
    ("統編", UBN),
    ("營利事業", UBN),
    ("ubn", UBN),
    ("vat", UBN),
    ("公司", UBN),
    ("扣繳", UBN),
    ("稅籍", UBN),
    ("買受人", UBN),
    ("统一社会信用代码", USCC),
    ("信用代码", USCC),
    ("uscc", USCC),
    ("营业执照", USCC),
    // Macau.
    ("澳門", MACAU),
    ("澳门", MACAU),
    ("macau", MACAU),
    ("macao", MACAU),
    ("bir", MACAU),
    // Places that say Taiwan.
    ("中華民國", TW),
    ("臺灣", TW),
    ("台灣", TW),
    ("taiwan", TW),
    // IP addresses.
    ("ip", IP),
    ("主機", IP),
    ("host", IP),
    ("伺服器", IP),
    ("服务器", IP),
    ("client", IP),
    // Something else.
    ("訂單", NEGATIVE),
    ("订单", NEGATIVE),
    ("單號", NEGATIVE),
    ("单号", NEGATIVE),
    ("編號", NEGATIVE),
    ("编号", NEGATIVE),
    ("序號", NEGATIVE),
    ("序号", NEGATIVE),
    ("發票", NEGATIVE),
    ("发票", NEGATIVE),
    ("金額", NEGATIVE),
    ("金额", NEGATIVE),
    ("型號", NEGATIVE),
    ("型号", NEGATIVE),
    ("物流", NEGATIVE),
    ("追蹤", NEGATIVE),
    ("流水號", NEGATIVE),
    ("流水号", NEGATIVE),
    ("批號", NEGATIVE),
    ("條碼", NEGATIVE),
    ("条码", NEGATIVE),
    ("案號", NEGATIVE),
    ("交易", NEGATIVE),
    ("工單", NEGATIVE),
    ("order", NEGATIVE),
    ("invoice", NEGATIVE),
    ("serial", NEGATIVE),
    ("tracking", NEGATIVE),
    ("session", NEGATIVE),
    ("ref", NEGATIVE),
    ("amount", NEGATIVE),
    ("nt$", NEGATIVE),
    ("usd", NEGATIVE),
    ("hk$", NEGATIVE),
    ("rmb", NEGATIVE),
    ("version", NEGATIVE),
    ("版本", NEGATIVE),
    ("sku", NEGATIVE),
    ("isbn", NEGATIVE),
    ("ticket", NEGATIVE),
    ("txn", NEGATIVE),
    ("request id", NEGATIVE),
    ("trace", NEGATIVE),
    ("id=", NEGATIVE),
    ("價格", NEGATIVE),
    ("价格", NEGATIVE),
    ("數量", NEGATIVE),
    ("数量", NEGATIVE),
    // Invalid or rejected values.
    ("invalid", INVALID),
    ("無效", INVALID),
    ("无效", INVALID),
    ("錯誤", INVALID),
    ("错误", INVALID),
    ("校驗失敗", INVALID),
    ("校验失败", INVALID),
    ("rejected", INVALID),
];

/// The context words as one automaton.
pub(crate) struct ContextWords {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
}

/// What was seen around a candidate.
#[derive(Debug, Default, Clone)]
pub(crate) struct Seen {
    /// Categories seen before the candidate, each with the distance in bytes from its end.
    before: Vec<(Ctx, usize, &'static str)>,
    /// Categories seen after the candidate.
    after: Ctx,
}

impl Seen {
    /// Distance of the nearest word before the candidate with any of `cats`.
    pub fn nearest(&self, cats: Ctx) -> Option<usize> {
        self.before
            .iter()
            .filter(|(c, _, _)| c & cats != 0)
            .map(|(_, d, _)| *d)
            .min()
    }

    /// Whether a word with `cats` was seen before the candidate (within `max` bytes).
    pub fn has(&self, cats: Ctx, max: usize) -> bool {
        self.nearest(cats).is_some_and(|d| d <= max)
    }

    /// Whether a word with `cats` follows the candidate closely.
    pub fn has_after(&self, cats: Ctx) -> bool {
        self.after & cats != 0
    }

    /// Whether a word of `positive` is nearer than any negative word, or there is no negative word.
    pub fn positive_wins(&self, positive: Ctx) -> bool {
        match (self.nearest(positive), self.nearest(NEGATIVE)) {
            (Some(p), Some(n)) => p <= n,
            (_, None) => true,
            (None, Some(_)) => false,
        }
    }

    /// Whether a negative word is nearer than any of `positive`.
    pub fn negative_wins(&self, positive: Ctx) -> bool {
        match (self.nearest(positive), self.nearest(NEGATIVE)) {
            (Some(p), Some(n)) => n < p,
            (None, Some(_)) => true,
            _ => false,
        }
    }

    /// The words seen before that have any of `cats`, nearest first.
    pub fn words(&self, cats: Ctx) -> Vec<&'static str> {
        let mut w: Vec<_> = self
            .before
            .iter()
            .filter(|(c, _, _)| c & cats != 0)
            .collect();
        w.sort_by_key(|(_, d, _)| *d);
        w.into_iter().map(|(_, _, s)| *s).collect()
    }
}

/// How far back (bytes) a context word may stand.
pub(crate) const BEFORE: usize = 48;
/// The byte between table cells in one text (ASCII record separator): context stops there.
pub(crate) const CELL_BORDER: u8 = 0x1e;
const AFTER: usize = 24;

impl ContextWords {
    pub fn new() -> ContextWords {
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(WORDS.iter().enumerate().map(|(i, (w, _))| (*w, i as u32)))
            .expect("context words build");
        ContextWords { automaton }
    }

    /// Looks at the words before `start` and after `end` in `text`.
    pub fn around(&self, text: &str, start: usize, end: usize) -> Seen {
        let mut seen = Seen::default();
        let mut from = floor_char(text, start.saturating_sub(BEFORE));
        // A record separator ends the window: table cells laid out in one text
        // (`Detector::find_cells`) never lend each other context.
        if let Some(i) = memchr::memrchr(CELL_BORDER, &text.as_bytes()[from..start]) {
            from += i + 1;
        }
        let window = lower(&text[from..start]);
        for m in self.automaton.leftmost_find_iter(window.as_ref()) {
            let (word, cats) = WORDS[m.value() as usize];
            if cats != 0 {
                seen.before.push((cats, window.len() - m.end(), word));
            }
        }
        let mut to = ceil_char(text, (end + AFTER).min(text.len()));
        if let Some(i) = memchr::memchr(CELL_BORDER, &text.as_bytes()[end..to]) {
            to = end + i;
        }
        let window = lower(&text[end..to]);
        for m in self.automaton.leftmost_find_iter(window.as_ref()) {
            seen.after |= WORDS[m.value() as usize].1;
        }
        seen
    }
}

/// ASCII lower case, borrowing when there is nothing to change.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i`.
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
