//! Reading order: text boxes grouped into visual lines by how much they overlap
//! vertically once the page's skew is taken out, left to right inside a line, lines top
//! to bottom. A fixed y tolerance would put a value before its label on a slightly
//! rotated form; the overlap keeps `姓名： 陳美玲` together and in order.

use gezi_extract::OcrLine;

use crate::geom::Pt;

/// A recognised text box in page pixels (top-left, top-right, bottom-right, bottom-left).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub quad: [Pt; 4],
    pub text: String,
    pub confidence: f32,
}

/// Two boxes are on one line when their vertical overlap is at least this share of the
/// lower of the two heights.
const MIN_OVERLAP: f64 = 0.5;

fn dist(a: Pt, b: Pt) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// A box whose crop was turned for the recogniser: a column of vertical text.
fn is_vertical(q: &[Pt; 4]) -> bool {
    dist(q[0], q[3]) >= 1.5 * dist(q[0], q[1])
}

/// Extent of a box in the deskewed frame.
#[derive(Debug, Clone, Copy)]
struct Span {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    let o = a1.min(b1) - a0.max(b0);
    let least = (a1 - a0).min(b1 - b0).max(1e-6);
    o / least
}

/// Groups boxes into lines in reading order; boxes are given in pixels of a `w × h` page.
pub(crate) fn lines(items: Vec<Item>, w: u32, h: u32) -> Vec<OcrLine> {
    if items.is_empty() {
        return Vec::new();
    }
    // The page's skew: the median slope of the top edges of clearly horizontal boxes.
    let mut angles: Vec<f64> = items
        .iter()
        .filter(|it| dist(it.quad[0], it.quad[1]) > 2.0 * dist(it.quad[0], it.quad[3]))
        .map(|it| {
            let (a, b) = (it.quad[0], it.quad[1]);
            (b[1] - a[1]).atan2(b[0] - a[0])
        })
        .collect();
    angles.sort_by(f64::total_cmp);
    let skew = angles
        .get(angles.len() / 2)
        .copied()
        .unwrap_or(0.0)
        .clamp(-0.5, 0.5);
    let (sin, cos) = skew.sin_cos();
    let spans: Vec<Span> = items
        .iter()
        .map(|it| {
            let mut s = Span {
                x0: f64::MAX,
                x1: f64::MIN,
                y0: f64::MAX,
                y1: f64::MIN,
            };
            for p in &it.quad {
                let x = p[0] * cos + p[1] * sin;
                let y = -p[0] * sin + p[1] * cos;
                s.x0 = s.x0.min(x);
                s.x1 = s.x1.max(x);
                s.y0 = s.y0.min(y);
                s.y1 = s.y1.max(y);
            }
            s
        })
        .collect();

    // Units of output: (sort key, members in order).
    let mut units: Vec<(f64, Vec<usize>)> = Vec::new();

    // Horizontal boxes: join the line they overlap most, measured against the line's
    // mean top and bottom (a union would let a skewed table chain rows together).
    let mut horiz: Vec<usize> = (0..items.len())
        .filter(|&i| !is_vertical(&items[i].quad))
        .collect();
    horiz.sort_by(|&a, &b| (spans[a].y0 + spans[a].y1).total_cmp(&(spans[b].y0 + spans[b].y1)));
    struct Line {
        top: f64,
        bot: f64,
        members: Vec<usize>,
    }
    let mut hlines: Vec<Line> = Vec::new();
    for i in horiz {
        let s = spans[i];
        let best = hlines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let n = l.members.len() as f64;
                (k, overlap(s.y0, s.y1, l.top / n, l.bot / n))
            })
            .filter(|&(_, o)| o >= MIN_OVERLAP)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((k, _)) => {
                let l = &mut hlines[k];
                l.top += s.y0;
                l.bot += s.y1;
                l.members.push(i);
            }
            None => hlines.push(Line {
                top: s.y0,
                bot: s.y1,
                members: vec![i],
            }),
        }
    }
    for mut l in hlines {
        l.members
            .sort_by(|&a, &b| spans[a].x0.total_cmp(&spans[b].x0));
        let n = l.members.len() as f64;
        units.push((l.top / n, l.members));
    }

    // Vertical columns: each is a line; columns side by side are read right to left,
    // as vertical Chinese is.
    let mut vert: Vec<usize> = (0..items.len())
        .filter(|&i| is_vertical(&items[i].quad))
        .collect();
    vert.sort_by(|&a, &b| spans[a].y0.total_cmp(&spans[b].y0));
    let mut blocks: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in vert {
        let s = spans[i];
        match blocks
            .iter_mut()
            .find(|(t, b, _)| overlap(s.y0, s.y1, *t, *b) >= MIN_OVERLAP)
        {
            Some(b) => {
                b.0 = b.0.min(s.y0);
                b.1 = b.1.max(s.y1);
                b.2.push(i);
            }
            None => blocks.push((s.y0, s.y1, vec![i])),
        }
    }
    for (top, _, mut members) in blocks {
        members.sort_by(|&a, &b| spans[b].x1.total_cmp(&spans[a].x1));
        for m in members {
            units.push((top, vec![m]));
        }
    }

    // Stable: the columns of one block keep their right-to-left order.
    units.sort_by(|a, b| a.0.total_cmp(&b.0));
    units
        .into_iter()
        .map(|(_, members)| {
            let text = members
                .iter()
                .map(|&i| items[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            let (mut csum, mut cn) = (0f64, 0f64);
            for &i in &members {
                for p in &items[i].quad {
                    x0 = x0.min(p[0]);
                    y0 = y0.min(p[1]);
                    x1 = x1.max(p[0]);
                    y1 = y1.max(p[1]);
                }
                let n = items[i].text.chars().count() as f64;
                csum += items[i].confidence as f64 * n;
                cn += n;
            }
            let clampx = |v: f64| v.round().clamp(0.0, w as f64) as u32;
            let clampy = |v: f64| v.round().clamp(0.0, h as f64) as u32;
            OcrLine {
                text,
                bbox: [clampx(x0), clampy(y0), clampx(x1), clampy(y1)],
                confidence: if cn > 0.0 { (csum / cn) as f32 } else { 0.0 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(x0: f64, y0: f64, x1: f64, y1: f64, text: &str) -> Item {
        Item {
            quad: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
            text: text.into(),
            confidence: 0.9,
        }
    }

    /// Rotates an item's corners by `deg` around the origin.
    fn rotated(mut it: Item, deg: f64) -> Item {
        let (s, c) = deg.to_radians().sin_cos();
        for p in it.quad.iter_mut() {
            *p = [p[0] * c - p[1] * s, p[0] * s + p[1] * c];
        }
        it
    }

    #[test]
    fn label_before_value_on_a_rotated_form() {
        // Two rows of a table, rotated 3° clockwise: the value on the right sits lower
        // than the label of the next row would with a fixed tolerance.
        let rows = [
            item(100.0, 200.0, 220.0, 240.0, "姓名："),
            item(900.0, 200.0, 1050.0, 240.0, "陳美玲"),
            item(100.0, 260.0, 300.0, 300.0, "身分證字號："),
            item(900.0, 260.0, 1150.0, 300.0, "A123456789"),
        ];
        let items: Vec<Item> = rows.into_iter().map(|it| rotated(it, 3.0)).collect();
        let out = lines(items, 2000, 3000);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["姓名： 陳美玲", "身分證字號： A123456789"]);
    }

    #[test]
    fn vertical_columns_right_to_left() {
        let items = vec![
            item(100.0, 100.0, 140.0, 400.0, "第二行"),
            item(200.0, 100.0, 240.0, 400.0, "第一行"),
            item(50.0, 500.0, 400.0, 540.0, "橫排"),
        ];
        let out = lines(items, 1000, 1000);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["第一行", "第二行", "橫排"]);
        assert_eq!(out[2].bbox, [50, 500, 400, 540]);
    }
}
