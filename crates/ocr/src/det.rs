//! Text detection: the page as the DB detector wants it, and the post-processing of its
//! probability map into text boxes (threshold, connected regions, minimum-area
//! rectangles, unclip), after PaddleOCR's `DBPostProcess` with RapidOCR's settings.

use crate::geom::{convex_hull, min_area_rect, Img, Pt};

/// Probability above which a map pixel is text.
const THRESH: f32 = 0.3;
/// Mean probability a box needs.
const BOX_THRESH: f32 = 0.5;
/// How far boxes grow back (the detector shrinks text regions in training).
const UNCLIP_RATIO: f64 = 1.6;
/// Regions looked at, at most.
const MAX_CANDIDATES: usize = 1000;
const MIN_SIZE: f64 = 3.0;
/// Pages are detected with the longer side at most this…
const MAX_SIDE: usize = 2000;
/// …and the shorter side at least this, as the reference does…
const MIN_SIDE: usize = 736;
/// …but never wider than this (a long strip would otherwise grow without bound).
const HARD_MAX: usize = 4000;

/// The detector's input: size of the tensor, padding added above and below (in page
/// pixels), and the tensor itself (BGR, NCHW, normalised to -1..1).
pub(crate) struct DetInput {
    pub w: usize,
    pub h: usize,
    /// Rows of black added above (and below) the page, in page pixels, for a very
    /// flat image, as the reference does.
    pub pad: f64,
    pub data: Vec<f32>,
}

fn round32(v: f64) -> usize {
    (((v / 32.0).round() as usize) * 32).max(32)
}

/// Scales (and pads) the page for the detector.
pub(crate) fn input(img: &Img) -> DetInput {
    let (w, h) = (img.w as f64, img.h as f64);
    // A flat strip (one line of text) gets black above and below so it stops
    // touching the borders.
    let pad = if img.h <= 30 || w / h > 8.0 {
        let new_h = (w / 8.0).max(30.0) * 2.0;
        ((new_h - h).abs() / 2.0).floor()
    } else {
        0.0
    };
    let ph = h + 2.0 * pad;
    let mut s = (MAX_SIDE as f64 / w.max(ph)).min(1.0);
    if w.min(ph) * s < MIN_SIDE as f64 {
        s = (MIN_SIDE as f64 / w.min(ph)).min(HARD_MAX as f64 / w.max(ph));
    }
    let dw = round32(w * s).min(HARD_MAX);
    let dh = round32(ph * s).min(HARD_MAX);
    let sx = w / dw as f64;
    let sy = ph / dh as f64;
    let plane = dw * dh;
    let mut data = vec![0f32; 3 * plane];
    for y in 0..dh {
        let fy = (y as f64 + 0.5) * sy - 0.5 - pad;
        let inside = fy > -1.0 && fy < h;
        for x in 0..dw {
            let i = y * dw + x;
            // Black padding is -1 after normalisation.
            let p = if inside {
                img.sample((x as f64 + 0.5) * sx - 0.5, fy)
            } else {
                [0.0; 3]
            };
            // The models were trained on OpenCV's BGR order.
            data[i] = p[2] / 127.5 - 1.0;
            data[plane + i] = p[1] / 127.5 - 1.0;
            data[2 * plane + i] = p[0] / 127.5 - 1.0;
        }
    }
    DetInput {
        w: dw,
        h: dh,
        pad,
        data,
    }
}

/// Boxes of text from the probability map `pred` (`inp.h × inp.w`), as quadrilaterals
/// (top-left, top-right, bottom-right, bottom-left) in pixels of the page `page_w ×
/// page_h`.
pub(crate) fn boxes(pred: &[f32], inp: &DetInput, page_w: usize, page_h: usize) -> Vec<[Pt; 4]> {
    let (w, h) = (inp.w, inp.h);
    // Threshold, then dilate with a 2×2 kernel (each pixel takes the maximum of itself
    // and its left, upper and upper-left neighbours, as OpenCV anchors it).
    let seg: Vec<bool> = pred.iter().map(|&p| p > THRESH).collect();
    let mut mask = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            let mut on = seg[y * w + x];
            if !on && x > 0 {
                on = seg[y * w + x - 1];
            }
            if !on && y > 0 {
                on = seg[(y - 1) * w + x] || (x > 0 && seg[(y - 1) * w + x - 1]);
            }
            mask[y * w + x] = on;
        }
    }
    // Page size with the padding, where the map's coordinates point.
    let dest_w = page_w as f64;
    let dest_h = page_h as f64 + 2.0 * inp.pad;
    let mut out = Vec::new();
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut extremes: Vec<(i32, i32)> = Vec::new();
    let mut candidates = 0;
    for start in 0..w * h {
        if !mask[start] || seen[start] {
            continue;
        }
        // Flood-fill one 8-connected region, keeping the leftmost and rightmost pixel
        // of each row: the hull of those is the hull of the region.
        seen[start] = true;
        stack.push(start);
        extremes.clear();
        let mut rows: Vec<(usize, usize, usize)> = Vec::new();
        let mut count = 0usize;
        while let Some(i) = stack.pop() {
            count += 1;
            let (x, y) = (i % w, i / w);
            rows.push((y, x, x));
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if count < 4 {
            continue;
        }
        candidates += 1;
        if candidates > MAX_CANDIDATES {
            break;
        }
        rows.sort_unstable();
        let mut k = 0;
        while k < rows.len() {
            let y = rows[k].0;
            let mut lo = rows[k].1;
            let mut hi = rows[k].2;
            while k < rows.len() && rows[k].0 == y {
                lo = lo.min(rows[k].1);
                hi = hi.max(rows[k].2);
                k += 1;
            }
            extremes.push((lo as i32, y as i32));
            if hi != lo {
                extremes.push((hi as i32, y as i32));
            }
        }
        let hull = convex_hull(&mut extremes);
        let rect = min_area_rect(&hull);
        if rect.min_side() < MIN_SIZE {
            continue;
        }
        let score = box_score(pred, w, h, &rect.corners());
        if score < BOX_THRESH {
            continue;
        }
        // Unclip: grow by area × ratio / perimeter, as pyclipper's offset of a rectangle.
        let (bw, bh) = (2.0 * rect.a, 2.0 * rect.b);
        let dist = bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
        let grown = rect.grow(dist);
        if grown.min_side() < MIN_SIZE + 2.0 {
            continue;
        }
        let mut quad = grown.corners();
        for p in quad.iter_mut() {
            p[0] = (p[0] / w as f64 * dest_w).round().clamp(0.0, dest_w);
            p[1] = (p[1] / h as f64 * dest_h).round().clamp(0.0, dest_h) - inp.pad;
        }
        if let Some(q) = finish(quad, page_w, page_h) {
            out.push(q);
        }
    }
    out
}

/// Mean probability inside the quadrilateral (the reference's `box_score_fast`).
fn box_score(pred: &[f32], w: usize, h: usize, quad: &[Pt; 4]) -> f32 {
    let q: Vec<Pt> = quad.iter().map(|p| [p[0].trunc(), p[1].trunc()]).collect();
    let clamp = |v: f64, hi: usize| (v.max(0.0) as usize).min(hi - 1);
    let xmin = clamp(
        quad.iter().map(|p| p[0]).fold(f64::MAX, f64::min).floor(),
        w,
    );
    let xmax = clamp(quad.iter().map(|p| p[0]).fold(f64::MIN, f64::max).ceil(), w);
    let ymin = clamp(
        quad.iter().map(|p| p[1]).fold(f64::MAX, f64::min).floor(),
        h,
    );
    let ymax = clamp(quad.iter().map(|p| p[1]).fold(f64::MIN, f64::max).ceil(), h);
    // Orientation of the quad, so that "inside" is the same side of every edge.
    let area2: f64 = (0..4)
        .map(|i| {
            let (a, b) = (q[i], q[(i + 1) % 4]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum();
    let sign = if area2 >= 0.0 { 1.0 } else { -1.0 };
    let (mut sum, mut n) = (0f64, 0u32);
    for y in ymin..=ymax {
        for x in xmin..=xmax {
            let (px, py) = (x as f64, y as f64);
            let inside = (0..4).all(|i| {
                let (a, b) = (q[i], q[(i + 1) % 4]);
                sign * ((b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0])) >= -0.5
            });
            if inside {
                sum += pred[y * w + x] as f64;
                n += 1;
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        (sum / n as f64) as f32
    }
}

/// Orders corners clockwise from the top-left, clips them to the page and drops boxes
/// of 3 pixels or less (the reference's `filter_det_res`).
fn finish(quad: [Pt; 4], page_w: usize, page_h: usize) -> Option<[Pt; 4]> {
    let mut by_x = quad;
    by_x.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (mut left, mut right) = ([by_x[0], by_x[1]], [by_x[2], by_x[3]]);
    left.sort_by(|a, b| a[1].total_cmp(&b[1]));
    right.sort_by(|a, b| a[1].total_cmp(&b[1]));
    let mut q = [left[0], right[0], right[1], left[1]];
    for p in q.iter_mut() {
        p[0] = p[0].clamp(0.0, page_w as f64 - 1.0).trunc();
        p[1] = p[1].clamp(0.0, page_h as f64 - 1.0).trunc();
    }
    let d = |a: Pt, b: Pt| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() as i64;
    if d(q[0], q[1]) <= 3 || d(q[0], q[3]) <= 3 {
        return None;
    }
    Some(q)
}
