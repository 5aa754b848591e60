//! Pixels and shapes: an RGB image with the resizes and crops the models need, convex
//! hulls and minimum-area rectangles (what OpenCV does in the reference pipeline).

/// An RGB image, 3 bytes a pixel, row by row.
#[derive(Clone)]
pub(crate) struct Img {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

/// A point in pixels (x, y), y down.
pub(crate) type Pt = [f64; 2];

impl Img {
    /// The pixel at integer coordinates, clamped to the border.
    #[inline]
    fn at(&self, x: isize, y: isize) -> [f32; 3] {
        let x = x.clamp(0, self.w as isize - 1) as usize;
        let y = y.clamp(0, self.h as isize - 1) as usize;
        let i = (y * self.w + x) * 3;
        [
            self.px[i] as f32,
            self.px[i + 1] as f32,
            self.px[i + 2] as f32,
        ]
    }

    /// Bilinear sample at pixel-centre coordinates, the border replicated.
    #[inline]
    pub fn sample(&self, x: f64, y: f64) -> [f32; 3] {
        let x0 = x.floor();
        let y0 = y.floor();
        let fx = (x - x0) as f32;
        let fy = (y - y0) as f32;
        let (xi, yi) = (x0 as isize, y0 as isize);
        let a = self.at(xi, yi);
        let b = self.at(xi + 1, yi);
        let c = self.at(xi, yi + 1);
        let d = self.at(xi + 1, yi + 1);
        let mut out = [0f32; 3];
        for k in 0..3 {
            let top = a[k] + (b[k] - a[k]) * fx;
            let bot = c[k] + (d[k] - c[k]) * fx;
            out[k] = top + (bot - top) * fy;
        }
        out
    }

    /// Bilinear resize with OpenCV's half-pixel convention.
    pub fn resize(&self, w: usize, h: usize) -> Img {
        let sx = self.w as f64 / w as f64;
        let sy = self.h as f64 / h as f64;
        let mut px = Vec::with_capacity(w * h * 3);
        for y in 0..h {
            let fy = (y as f64 + 0.5) * sy - 0.5;
            for x in 0..w {
                let p = self.sample((x as f64 + 0.5) * sx - 0.5, fy);
                px.extend(p.iter().map(|v| (v + 0.5) as u8));
            }
        }
        Img { w, h, px }
    }

    /// Downscale that averages: whole blocks first, then bilinear for the rest (plain
    /// bilinear skips pixels and loses thin strokes).
    pub fn resize_area(&self, w: usize, h: usize) -> Img {
        let k = (self.w / w.max(1)).min(self.h / h.max(1)).max(1);
        if k == 1 {
            return self.resize(w, h);
        }
        let (bw, bh) = (self.w / k, self.h / k);
        let mut px = Vec::with_capacity(bw * bh * 3);
        let n = (k * k) as u32;
        for by in 0..bh {
            for bx in 0..bw {
                let mut s = [0u32; 3];
                for y in by * k..by * k + k {
                    let row = &self.px[(y * self.w + bx * k) * 3..(y * self.w + bx * k + k) * 3];
                    for p in row.chunks_exact(3) {
                        s[0] += p[0] as u32;
                        s[1] += p[1] as u32;
                        s[2] += p[2] as u32;
                    }
                }
                px.extend(s.iter().map(|v| (v / n) as u8));
            }
        }
        let blocks = Img { w: bw, h: bh, px };
        if (bw, bh) == (w, h) {
            blocks
        } else {
            blocks.resize(w, h)
        }
    }

    /// The quadrilateral `p` (top-left, top-right, bottom-right, bottom-left) cut out and
    /// straightened; turned a quarter to the left when much taller than wide (a vertical
    /// line of text), as the reference pipeline does.
    pub fn crop_quad(&self, p: &[Pt; 4]) -> Img {
        let d = |a: Pt, b: Pt| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        let w = (d(p[0], p[1]).max(d(p[2], p[3])) as usize).max(1);
        let h = (d(p[0], p[3]).max(d(p[1], p[2])) as usize).max(1);
        let mut px = Vec::with_capacity(w * h * 3);
        for y in 0..h {
            let v = y as f64 / h as f64;
            for x in 0..w {
                let u = x as f64 / w as f64;
                // Bilinear map of the quad: exact for the rectangles the detector gives.
                let sx = (1.0 - u) * (1.0 - v) * p[0][0]
                    + u * (1.0 - v) * p[1][0]
                    + u * v * p[2][0]
                    + (1.0 - u) * v * p[3][0];
                let sy = (1.0 - u) * (1.0 - v) * p[0][1]
                    + u * (1.0 - v) * p[1][1]
                    + u * v * p[2][1]
                    + (1.0 - u) * v * p[3][1];
                let s = self.sample(sx, sy);
                px.extend(s.iter().map(|v| (v + 0.5) as u8));
            }
        }
        let img = Img { w, h, px };
        if h as f64 / w as f64 >= 1.5 {
            img.rot90_ccw()
        } else {
            img
        }
    }

    /// A quarter turn to the left (numpy's `rot90`).
    pub fn rot90_ccw(&self) -> Img {
        let (w, h) = (self.h, self.w);
        let mut px = vec![0u8; w * h * 3];
        for y in 0..h {
            for x in 0..w {
                // Row y of the result is column (old width - 1 - y) of the source.
                let (sx, sy) = (self.w - 1 - y, x);
                let s = (sy * self.w + sx) * 3;
                let t = (y * w + x) * 3;
                px[t..t + 3].copy_from_slice(&self.px[s..s + 3]);
            }
        }
        Img { w, h, px }
    }

    /// A half turn.
    pub fn rot180(&self) -> Img {
        let mut px = Vec::with_capacity(self.px.len());
        for p in self.px.chunks_exact(3).rev() {
            px.extend_from_slice(p);
        }
        Img {
            w: self.w,
            h: self.h,
            px,
        }
    }
}

/// A rotated rectangle: centre, unit vector along one side, half lengths along it and
/// along its normal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RotRect {
    pub c: Pt,
    pub u: Pt,
    pub a: f64,
    pub b: f64,
}

impl RotRect {
    pub fn min_side(&self) -> f64 {
        2.0 * self.a.min(self.b)
    }

    /// The same rectangle, each side pushed out by `d`.
    pub fn grow(&self, d: f64) -> RotRect {
        RotRect {
            a: self.a + d,
            b: self.b + d,
            ..*self
        }
    }

    /// Corners ordered as the reference `get_mini_boxes` does: left-top, right-top,
    /// right-bottom, left-bottom.
    pub fn corners(&self) -> [Pt; 4] {
        let v = [-self.u[1], self.u[0]];
        let mut p: Vec<Pt> = [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)]
            .iter()
            .map(|(s, t)| {
                [
                    self.c[0] + s * self.a * self.u[0] + t * self.b * v[0],
                    self.c[1] + s * self.a * self.u[1] + t * self.b * v[1],
                ]
            })
            .collect();
        p.sort_by(|a, b| a[0].total_cmp(&b[0]));
        let (i1, i4) = if p[1][1] > p[0][1] { (0, 1) } else { (1, 0) };
        let (i2, i3) = if p[3][1] > p[2][1] { (2, 3) } else { (3, 2) };
        [p[i1], p[i2], p[i3], p[i4]]
    }
}

/// Convex hull (Andrew's monotone chain), counter-clockwise in y-up terms.
pub(crate) fn convex_hull(pts: &mut [(i32, i32)]) -> Vec<Pt> {
    pts.sort_unstable();
    if pts.len() < 3 {
        return pts.iter().map(|&(x, y)| [x as f64, y as f64]).collect();
    }
    let cross = |o: (i32, i32), a: (i32, i32), b: (i32, i32)| {
        (a.0 - o.0) as i64 * (b.1 - o.1) as i64 - (a.1 - o.1) as i64 * (b.0 - o.0) as i64
    };
    let mut hull: Vec<(i32, i32)> = Vec::with_capacity(pts.len() + 1);
    for &p in pts.iter() {
        while hull.len() >= 2 && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0 {
            hull.pop();
        }
        hull.push(p);
    }
    let lower = hull.len() + 1;
    for &p in pts.iter().rev().skip(1) {
        while hull.len() >= lower && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0 {
            hull.pop();
        }
        hull.push(p);
    }
    hull.pop();
    hull.iter().map(|&(x, y)| [x as f64, y as f64]).collect()
}

/// The rectangle of least area around a convex polygon (one side lies on a hull edge).
pub(crate) fn min_area_rect(hull: &[Pt]) -> RotRect {
    if hull.is_empty() {
        return RotRect {
            c: [0.0, 0.0],
            u: [1.0, 0.0],
            a: 0.0,
            b: 0.0,
        };
    }
    let mut best: Option<(f64, RotRect)> = None;
    let n = hull.len();
    for i in 0..n.max(1) {
        let p = hull[i];
        let q = hull[(i + 1) % n];
        let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
        let len = (dx * dx + dy * dy).sqrt();
        let u = if len > 0.0 {
            [dx / len, dy / len]
        } else {
            [1.0, 0.0]
        };
        let v = [-u[1], u[0]];
        let (mut lo_u, mut hi_u, mut lo_v, mut hi_v) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for r in hull {
            let pu = r[0] * u[0] + r[1] * u[1];
            let pv = r[0] * v[0] + r[1] * v[1];
            lo_u = lo_u.min(pu);
            hi_u = hi_u.max(pu);
            lo_v = lo_v.min(pv);
            hi_v = hi_v.max(pv);
        }
        let area = (hi_u - lo_u) * (hi_v - lo_v);
        if best.as_ref().is_none_or(|(a, _)| area < *a) {
            let (cu, cv) = ((lo_u + hi_u) / 2.0, (lo_v + hi_v) / 2.0);
            best = Some((
                area,
                RotRect {
                    c: [cu * u[0] + cv * v[0], cu * u[1] + cv * v[1]],
                    u,
                    a: (hi_u - lo_u) / 2.0,
                    b: (hi_v - lo_v) / 2.0,
                },
            ));
        }
    }
    best.map(|(_, r)| r).unwrap_or(RotRect {
        c: hull[0],
        u: [1.0, 0.0],
        a: 0.0,
        b: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_rect_of_a_tilted_square() {
        let mut pts = vec![(0, 5), (5, 0), (10, 5), (5, 10), (5, 5)];
        let hull = convex_hull(&mut pts);
        assert_eq!(hull.len(), 4);
        let r = min_area_rect(&hull);
        assert!((r.a * r.b * 4.0 - 50.0).abs() < 1e-6);
        assert!((r.c[0] - 5.0).abs() < 1e-9 && (r.c[1] - 5.0).abs() < 1e-9);
    }

    #[test]
    fn corners_are_ordered() {
        let r = RotRect {
            c: [10.0, 5.0],
            u: [1.0, 0.0],
            a: 8.0,
            b: 2.0,
        };
        let p = r.corners();
        assert_eq!(p, [[2.0, 3.0], [18.0, 3.0], [18.0, 7.0], [2.0, 7.0]]);
    }

    #[test]
    fn rotations() {
        let img = Img {
            w: 2,
            h: 1,
            px: vec![1, 1, 1, 2, 2, 2],
        };
        let r = img.rot90_ccw();
        assert_eq!((r.w, r.h), (1, 2));
        // The right pixel goes up.
        assert_eq!(r.px, vec![2, 2, 2, 1, 1, 1]);
        assert_eq!(img.rot180().px, vec![2, 2, 2, 1, 1, 1]);
    }
}
