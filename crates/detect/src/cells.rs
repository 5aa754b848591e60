//! Table cells read with their column's header as context: a value under 身分證字號 or
//! 手機 is read as if the label stood before it, one under 訂單編號 as an order number.
//! Cells are laid out in one view (`header：value`, cells kept apart by more than the
//! context window) so that one call reads many rows, and findings are mapped back to
//! their cell.

use crate::context::CELL_BORDER;
use crate::{Detector, Finding};

/// A cell of a table: the header of its column, if the table has one, and its text.
#[derive(Debug, Clone, Copy)]
pub struct CellText<'a> {
    /// The column's header (`身分證字號`, `phone`), if any.
    pub header: Option<&'a str>,
    /// The cell's text.
    pub text: &'a str,
}

/// A finding inside one cell.
#[derive(Debug, Clone)]
pub struct CellFinding {
    /// Index of the cell in the slice given to [`Detector::find_cells`].
    pub cell: usize,
    /// The finding; its span is relative to the cell's text.
    pub finding: Finding,
}

/// Between two cells: line breaks around a record separator, where context windows stop,
/// so one cell's words never score another's value.
const GAP: &str = "\n\u{1e}\n";
const _: () = assert!(GAP.as_bytes()[1] == CELL_BORDER);

impl Detector {
    /// Finds personal data in table cells, each read with its column's header before it.
    /// Findings come back in cell order, spans relative to each cell's text.
    ///
    /// ```
    /// use gezi_detect::{CellText, Detector, Kind};
    /// let d = Detector::new();
    /// let cells = [
    ///     CellText { header: Some("姓名"), text: "陳美玲" },
    ///     CellText { header: Some("手機"), text: "0912345678" },
    ///     CellText { header: Some("訂單編號"), text: "0912345678" },
    /// ];
    /// let found = d.find_cells(&cells);
    /// assert!(found.iter().any(|f| f.cell == 0 && f.finding.kind() == Kind::PersonName));
    /// assert!(found.iter().any(|f| f.cell == 1 && f.finding.kind() == Kind::Phone));
    /// assert!(!found.iter().any(|f| f.cell == 2));
    /// ```
    pub fn find_cells(&self, cells: &[CellText<'_>]) -> Vec<CellFinding> {
        let mut view = String::with_capacity(
            cells.iter().map(|c| c.text.len() + 16).sum::<usize>() + cells.len() * GAP.len(),
        );
        // (value start, value end) of each cell in the view.
        let mut spans = Vec::with_capacity(cells.len());
        for c in cells {
            if let Some(h) = c.header.map(str::trim).filter(|h| !h.is_empty()) {
                for ch in h.chars() {
                    view.push(if ch.is_control() { ' ' } else { ch });
                }
                // The colon a person would write after such a label.
                view.push_str(if h.is_ascii() { ": " } else { "：" });
            }
            let start = view.len();
            view.push_str(c.text);
            spans.push((start, view.len()));
            view.push_str(GAP);
        }
        let mut out = Vec::new();
        for f in self.find(&view) {
            let i = spans.partition_point(|&(_, end)| end <= f.start());
            let Some(&(vs, ve)) = spans.get(i) else {
                continue;
            };
            let (s, e) = (f.start().max(vs), f.end().min(ve));
            if s >= e {
                continue; // all in the header or the gap
            }
            let mut g = Finding::new(f.kind(), s - vs, e - vs, f.score, f.rule);
            g.validated = f.validated;
            g.context = f.context.clone();
            g.normalized = f.normalized.clone();
            out.push(CellFinding {
                cell: i,
                finding: g,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn spans_point_into_cells() {
        let d = Detector::new();
        let cells = [
            CellText {
                header: Some("身分證字號"),
                text: "A123456789",
            },
            CellText {
                header: None,
                text: "備註 A123456789 已核對",
            },
            CellText {
                header: Some("Email"),
                text: "amy.chen@example.com.tw",
            },
        ];
        let found = d.find_cells(&cells);
        for f in &found {
            let text = cells[f.cell].text;
            assert!(text.is_char_boundary(f.finding.start()) && f.finding.end() <= text.len());
        }
        let id: Vec<_> = found
            .iter()
            .filter(|f| f.finding.kind() == Kind::TwNationalId)
            .collect();
        assert_eq!(id.len(), 2);
        assert_eq!(&cells[1].text[id[1].finding.span()], "A123456789");
        assert!(found
            .iter()
            .any(|f| f.cell == 2 && f.finding.kind() == Kind::Email));
    }

    #[test]
    fn a_header_does_not_reach_the_next_cell() {
        let d = Detector::new();
        // An order-number column next to a phone column: each reads its own header.
        let cells = [
            CellText {
                header: Some("訂單編號"),
                text: "0912345678",
            },
            CellText {
                header: Some("手機"),
                text: "0912345678",
            },
        ];
        let found = d.find_cells(&cells);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].cell, 1);
    }
}
