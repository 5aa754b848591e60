//! The official code lists of PDPA Art. 53 (特定目的及個人資料之類別, MOJ, 2012-10-01).
//!
//! gezi ships what could be confirmed from published notices (see
//! `shared/domain/law.md` §1.14): 65 of 182 specific purposes and 43 of 85 categories.
//! Each list therefore says it is *partial*; an administrator imports the full official
//! list as CSV (`code,name_zh[,name_en|description_zh]`), which replaces the shipped one.

use serde::Serialize;

/// Which list a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 特定目的, codes `001`…`182`.
    Purpose,
    /// 個人資料之類別, codes `C001`…`C133`.
    Category,
}

impl ListKind {
    /// The id stored in the database (`purpose`, `category`).
    pub fn id(self) -> &'static str {
        match self {
            ListKind::Purpose => "purpose",
            ListKind::Category => "category",
        }
    }

    /// Parses `purpose` or `category`.
    pub fn parse(s: &str) -> Option<ListKind> {
        match s {
            "purpose" => Some(ListKind::Purpose),
            "category" => Some(ListKind::Category),
            _ => None,
        }
    }

    /// How many codes the official list holds (law.md §1.14).
    pub fn official_size(self) -> usize {
        match self {
            ListKind::Purpose => 182,
            ListKind::Category => 85,
        }
    }

    /// Whether `code` has the shape of this list's codes.
    pub fn is_well_formed(self, code: &str) -> bool {
        let b = code.as_bytes();
        match self {
            ListKind::Purpose => b.len() == 3 && b.iter().all(u8::is_ascii_digit),
            ListKind::Category => {
                b.len() == 4 && b[0] == b'C' && b[1..].iter().all(u8::is_ascii_digit)
            }
        }
    }
}

/// One code of an official list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    /// `001` or `C001`.
    pub code: String,
    /// The official Chinese name.
    pub name_zh: String,
    /// The official English name, where known.
    pub name_en: Option<String>,
    /// The official description (examples of what the category covers), where known.
    pub description_zh: Option<String>,
}

/// A code list: its codes and whether it is the full official list.
#[derive(Debug, Clone, Serialize)]
pub struct CodeList {
    /// Which list.
    pub kind: ListKind,
    /// The codes, sorted.
    pub codes: Vec<Code>,
    /// Where the list came from.
    pub source: String,
}

impl CodeList {
    /// True while the list holds fewer codes than the official one.
    pub fn is_partial(&self) -> bool {
        self.codes.len() < self.kind.official_size()
    }
}

/// A line of an imported list that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct CsvError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// The specific purposes gezi ships (partial).
pub fn shipped_purposes() -> CodeList {
    let mut codes = parse(
        ListKind::Purpose,
        include_str!("../data/tw-specific-purposes.csv"),
    )
    .expect("shipped purposes parse");
    let english = parse_pairs(include_str!("../data/tw-specific-purposes-en.csv"))
        .expect("shipped English purposes parse");
    for c in &mut codes {
        c.name_en = english
            .iter()
            .find(|(k, _)| *k == c.code)
            .map(|(_, v)| v.clone());
    }
    CodeList {
        kind: ListKind::Purpose,
        codes,
        source:
            "gezi (partial: codes confirmed from published notices, shared/domain/law.md §1.14)"
                .into(),
    }
}

/// The data categories gezi ships (partial).
pub fn shipped_categories() -> CodeList {
    CodeList {
        kind: ListKind::Category,
        codes: parse(
            ListKind::Category,
            include_str!("../data/tw-data-categories.csv"),
        )
        .expect("shipped categories parse"),
        source:
            "gezi (partial: codes confirmed from published notices, shared/domain/law.md §1.14)"
                .into(),
    }
}

/// Parses a code list in CSV: a header line, then `code,name_zh[,third]` where the third
/// column is an English name for purposes and a description for categories. Every bad
/// line is reported (by number), none is skipped silently; duplicates are errors.
pub fn parse(kind: ListKind, text: &str) -> Result<Vec<Code>, Vec<CsvError>> {
    let mut codes: Vec<Code> = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields = match split_csv_line(line) {
            Ok(f) => f,
            Err(reason) => {
                errors.push(CsvError {
                    line: number,
                    reason,
                });
                continue;
            }
        };
        let code = fields.first().map(|s| s.trim()).unwrap_or_default();
        let name = fields.get(1).map(|s| s.trim()).unwrap_or_default();
        if !kind.is_well_formed(code) {
            let want = match kind {
                ListKind::Purpose => "three digits such as 001",
                ListKind::Category => "C and three digits such as C001",
            };
            errors.push(CsvError {
                line: number,
                reason: format!("code is not {want}"),
            });
            continue;
        }
        if name.is_empty() {
            errors.push(CsvError {
                line: number,
                reason: "name is empty".into(),
            });
            continue;
        }
        if codes.iter().any(|c| c.code == code) {
            errors.push(CsvError {
                line: number,
                reason: format!("code {code} appears twice"),
            });
            continue;
        }
        let third = fields
            .get(2)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let (name_en, description_zh) = match kind {
            ListKind::Purpose => (third, None),
            ListKind::Category => (None, third),
        };
        codes.push(Code {
            code: code.to_string(),
            name_zh: name.to_string(),
            name_en,
            description_zh,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if codes.is_empty() {
        return Err(vec![CsvError {
            line: 1,
            reason: "no codes after the header line".into(),
        }]);
    }
    codes.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(codes)
}

fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, CsvError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let f = split_csv_line(line).map_err(|reason| CsvError {
            line: i + 1,
            reason,
        })?;
        if f.len() >= 2 {
            out.push((f[0].clone(), f[1].clone()));
        }
    }
    Ok(out)
}

/// Splits one CSV line (RFC 4180 quoting, no embedded newlines).
fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == ',' {
            fields.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            field.push(c);
            at_start = false;
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_are_partial_and_named() {
        let p = shipped_purposes();
        assert_eq!(p.codes.len(), 65);
        assert!(p.is_partial());
        let hr = p.codes.iter().find(|c| c.code == "002").unwrap();
        assert!(hr.name_zh.starts_with("人事管理"));
        assert!(hr.name_en.as_deref().unwrap().starts_with("Human Resource"));
        let c = shipped_categories();
        assert_eq!(c.codes.len(), 43);
        assert!(c.is_partial());
        let c001 = c.codes.iter().find(|c| c.code == "C001").unwrap();
        assert_eq!(c001.name_zh, "辨識個人者");
        assert!(c001.description_zh.as_deref().unwrap().contains("姓名"));
    }

    #[test]
    fn import_reports_every_bad_line() {
        let text = "code,name_zh\n001,人身保險\n12,太短\n002,\n001,重複\n\"003,未關引號\n";
        let errors = parse(ListKind::Purpose, text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6]);
        assert!(errors[2].reason.contains("twice"));
    }

    #[test]
    fn a_full_list_is_not_partial() {
        let mut text = String::from("code,name_zh\n");
        for i in 1..=182 {
            text.push_str(&format!("{i:03},目的{i}\n"));
        }
        let codes = parse(ListKind::Purpose, &text).unwrap();
        let list = CodeList {
            kind: ListKind::Purpose,
            codes,
            source: "test".into(),
        };
        assert!(!list.is_partial());
    }

    #[test]
    fn quoted_fields_keep_commas() {
        assert_eq!(
            split_csv_line("002,\"人事管理（a, b）\",\"x \"\"y\"\"\"").unwrap(),
            vec!["002", "人事管理（a, b）", "x \"y\""]
        );
    }
}
