//! Decoding PNG, JPEG, BMP and TIFF (every frame) to RGB, with the size checked
//! before any pixel is decoded.

use std::io::Cursor;

use image::{ImageFormat, ImageReader};

use crate::geom::Img;
use crate::OcrError;

/// A frame scaled to the working size, and the size it has in the file.
pub(crate) struct Frame {
    /// The pixels OCR works on.
    pub img: Img,
    /// Width and height in the file: boxes are given in these pixels.
    pub orig: (usize, usize),
}

/// Widest or tallest image read, in pixels.
pub const MAX_SIDE: u32 = 20_000;
/// Most pixels of one image or frame.
pub const MAX_PIXELS: u64 = 200_000_000;
/// Most frames of a TIFF read.
pub const MAX_FRAMES: usize = 1_000;
/// Pages are scaled down to this side before OCR: the detector works at 2000 and the
/// recogniser at 48 px per line, so more only costs memory.
const WORK_SIDE: usize = 4_000;

/// Refuses dimensions over the limits, or zero.
pub(crate) fn check_size(w: u32, h: u32) -> Result<(), OcrError> {
    if w == 0 || h == 0 {
        return Err(OcrError::Image(format!(
            "image of {w}×{h} pixels: nothing to read"
        )));
    }
    if w > MAX_SIDE || h > MAX_SIDE || w as u64 * h as u64 > MAX_PIXELS {
        return Err(OcrError::TooLarge(format!(
            "image of {w}×{h} pixels is larger than the OCR limit ({MAX_SIDE} pixels a side, {} megapixels): not read",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Calls `each` with every frame of the image, decoded and scaled to the working size,
/// one at a time (a long TIFF is never held whole).
pub(crate) fn frames(
    bytes: &[u8],
    each: &mut dyn FnMut(Frame) -> Result<(), OcrError>,
) -> Result<(), OcrError> {
    if bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"II+\0")
        || bytes.starts_with(b"MM\0+")
    {
        return tiff_frames(bytes, each);
    }
    if let Some((w, h)) = header_size(bytes) {
        check_size(w, h)?;
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| OcrError::Image(format!("cannot read the image: {e}")))?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Bmp) => {}
        Some(f) => {
            return Err(OcrError::Image(format!(
                "image format {f:?} is not read by OCR (PNG, JPEG, BMP, TIFF are)"
            )))
        }
        None => {
            return Err(OcrError::Image(
                "not an image OCR reads (PNG, JPEG, BMP, TIFF)".into(),
            ))
        }
    }
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| OcrError::Image(format!("corrupt image: {e}")))?;
    check_size(w, h)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| OcrError::Image(format!("cannot read the image: {e}")))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // RGBA at 8 bits per channel of the largest image allowed, plus slack.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(l) => OcrError::TooLarge(format!(
            "image of {w}×{h} pixels needs more memory than the OCR limit allows ({l}): not read"
        )),
        e => OcrError::Image(format!("corrupt image: {e}")),
    })?;
    let rgb = if img.color().has_alpha() {
        let rgba = img.into_rgba8();
        over_white(rgba.width(), rgba.height(), rgba.as_raw(), 4, true)
    } else {
        let rgb = img.into_rgb8();
        Img {
            w: rgb.width() as usize,
            h: rgb.height() as usize,
            px: rgb.into_raw(),
        }
    };
    each(to_work_size(rgb))
}

/// Width and height from the fixed header of a PNG or BMP: refused there, a huge image
/// is refused even when the rest of the file is cut or garbage.
fn header_size(b: &[u8]) -> Option<(u32, u32)> {
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let le = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    if b.len() >= 24 && b.starts_with(b"\x89PNG\r\n\x1a\n") && &b[12..16] == b"IHDR" {
        return Some((be(16), be(20)));
    }
    if b.len() >= 26 && b.starts_with(b"BM") {
        return match le(14) {
            12 => Some((
                u16::from_le_bytes([b[18], b[19]]) as u32,
                u16::from_le_bytes([b[20], b[21]]) as u32,
            )),
            n if n >= 40 => Some((
                (le(18) as i32).unsigned_abs(),
                (le(22) as i32).unsigned_abs(),
            )),
            _ => None,
        };
    }
    None
}

/// Pixels with `n` channels (gray, gray+alpha, RGB, RGBA) to RGB; alpha over white
/// (transparent pixels are often black underneath).
fn over_white(w: u32, h: u32, px: &[u8], n: usize, alpha: bool) -> Img {
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for p in px.chunks_exact(n) {
        let (rgb, a) = match n {
            1 => ([p[0]; 3], 255),
            2 => ([p[0]; 3], p[1]),
            3 => ([p[0], p[1], p[2]], 255),
            _ => ([p[0], p[1], p[2]], p[3]),
        };
        let a = if alpha { a as u32 } else { 255 };
        for c in rgb {
            out.push(((c as u32 * a + 255 * (255 - a)) / 255) as u8);
        }
    }
    Img {
        w: w as usize,
        h: h as usize,
        px: out,
    }
}

fn tiff_frames(
    bytes: &[u8],
    each: &mut dyn FnMut(Frame) -> Result<(), OcrError>,
) -> Result<(), OcrError> {
    use tiff::decoder::{Decoder, Limits};
    let corrupt = |e: tiff::TiffError| match e {
        tiff::TiffError::LimitsExceeded => OcrError::TooLarge(
            "TIFF frame needs more memory than the OCR limit allows: not read".into(),
        ),
        e => OcrError::Image(format!("corrupt TIFF: {e}")),
    };
    let mut limits = Limits::default();
    limits.decoding_buffer_size = (MAX_PIXELS * 4) as usize;
    limits.intermediate_buffer_size = 256 << 20;
    let mut dec = Decoder::new(Cursor::new(bytes))
        .map_err(corrupt)?
        .with_limits(limits);
    let mut frame = 0usize;
    loop {
        frame += 1;
        if frame > MAX_FRAMES {
            return Err(OcrError::TooLarge(format!(
                "TIFF with more than {MAX_FRAMES} frames: the first {MAX_FRAMES} were read, the rest not"
            )));
        }
        let (w, h) = dec.dimensions().map_err(corrupt)?;
        check_size(w, h)?;
        let color = dec.colortype().map_err(corrupt)?;
        let data = dec.read_image().map_err(corrupt)?;
        let img = tiff_to_rgb(w, h, color, data).ok_or_else(|| {
            OcrError::Image(format!(
                "TIFF frame {frame} has a colour type OCR does not read ({color:?})"
            ))
        })?;
        each(to_work_size(img))?;
        if !dec.more_images() {
            return Ok(());
        }
        dec.next_image().map_err(corrupt)?;
    }
}

/// A decoded TIFF frame to RGB; `None` for colour types not handled (Lab, multiband…).
fn tiff_to_rgb(
    w: u32,
    h: u32,
    color: tiff::ColorType,
    data: tiff::decoder::DecodingResult,
) -> Option<Img> {
    use tiff::decoder::DecodingResult as D;
    use tiff::ColorType as C;
    let (wu, hu) = (w as usize, h as usize);
    // Samples as 8 bits, whatever their width.
    let bytes: Vec<u8> = match data {
        D::U8(v) => v,
        D::U16(v) => v.into_iter().map(|s| (s >> 8) as u8).collect(),
        D::U32(v) => v.into_iter().map(|s| (s >> 24) as u8).collect(),
        D::F32(v) => v
            .into_iter()
            .map(|s| (s.clamp(0.0, 1.0) * 255.0) as u8)
            .collect(),
        _ => return None,
    };
    match color {
        C::Gray(bits) if bits < 8 => {
            // Packed rows of `bits`-bit samples, each row starting on a byte.
            let bits = bits as usize;
            let stride = (wu * bits).div_ceil(8);
            if bytes.len() < stride * hu {
                return None;
            }
            let max = (1u32 << bits) - 1;
            let mut px = Vec::with_capacity(wu * hu * 3);
            for y in 0..hu {
                let row = &bytes[y * stride..(y + 1) * stride];
                for x in 0..wu {
                    let bit = x * bits;
                    let v = (row[bit / 8] >> (8 - bits - bit % 8)) as u32 & max;
                    let g = (v * 255 / max) as u8;
                    px.extend_from_slice(&[g, g, g]);
                }
            }
            Some(Img { w: wu, h: hu, px })
        }
        C::YCbCr(_) => {
            if bytes.len() < wu * hu * 3 {
                return None;
            }
            let mut px = Vec::with_capacity(wu * hu * 3);
            for p in bytes[..wu * hu * 3].chunks_exact(3) {
                let (y, cb, cr) = (p[0] as f32, p[1] as f32 - 128.0, p[2] as f32 - 128.0);
                px.push((y + 1.402 * cr).clamp(0.0, 255.0) as u8);
                px.push((y - 0.344_136 * cb - 0.714_136 * cr).clamp(0.0, 255.0) as u8);
                px.push((y + 1.772 * cb).clamp(0.0, 255.0) as u8);
            }
            Some(Img { w: wu, h: hu, px })
        }
        C::Gray(_) | C::GrayA(_) | C::RGB(_) | C::RGBA(_) => {
            let n = match color {
                C::Gray(_) => 1,
                C::GrayA(_) => 2,
                C::RGBA(_) => 4,
                _ => 3,
            };
            if bytes.len() < wu * hu * n {
                return None;
            }
            Some(over_white(w, h, &bytes[..wu * hu * n], n, n == 2 || n == 4))
        }
        C::CMYK(_) => {
            if bytes.len() < wu * hu * 4 {
                return None;
            }
            let mut px = Vec::with_capacity(wu * hu * 3);
            for p in bytes[..wu * hu * 4].chunks_exact(4) {
                let k = 255 - p[3] as u32;
                for c in &p[..3] {
                    px.push(((255 - *c as u32) * k / 255) as u8);
                }
            }
            Some(Img { w: wu, h: hu, px })
        }
        _ => None,
    }
}

/// Scales a page down so its longer side is at most [`WORK_SIDE`]; boxes are scaled
/// back to the pixels of the file.
pub(crate) fn to_work_size(img: Img) -> Frame {
    let orig = (img.w, img.h);
    let side = img.w.max(img.h);
    if side <= WORK_SIDE {
        return Frame { img, orig };
    }
    let s = WORK_SIDE as f64 / side as f64;
    let w = ((img.w as f64 * s).round() as usize).max(1);
    let h = ((img.h as f64 * s).round() as usize).max(1);
    Frame {
        img: img.resize_area(w, h),
        orig,
    }
}

#[cfg(test)]
mod tests {
    use crate::OcrEngine;

    /// A small page in each format, as encoded by the `image` crate.
    fn samples() -> Vec<(&'static str, Vec<u8>)> {
        let img = image::RgbImage::from_fn(64, 48, |x, y| {
            let v = if (x / 8 + y / 8) % 2 == 0 { 20 } else { 230 };
            image::Rgb([v, v, (x * 4) as u8])
        });
        let mut out = Vec::new();
        for (name, f) in [
            ("png", image::ImageFormat::Png),
            ("jpeg", image::ImageFormat::Jpeg),
            ("bmp", image::ImageFormat::Bmp),
            ("tiff", image::ImageFormat::Tiff),
        ] {
            let mut buf = std::io::Cursor::new(Vec::new());
            image::DynamicImage::ImageRgb8(img.clone())
                .write_to(&mut buf, f)
                .expect("encode");
            out.push((name, buf.into_inner()));
        }
        out
    }

    #[test]
    fn every_format_decodes() {
        for (name, bytes) in samples() {
            assert_eq!(
                OcrEngine::image_frames(&bytes).expect(name),
                vec![(64, 48)],
                "{name}"
            );
        }
    }

    /// Thousands of damaged files: cut, bytes changed, header fields made huge. Each
    /// gives frames or an error; none panics or allocates without bound.
    #[test]
    fn damaged_images_never_panic() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (name, bytes) in samples() {
            for cut in (0..bytes.len()).step_by(bytes.len() / 50 + 1) {
                let _ = OcrEngine::image_frames(&bytes[..cut]);
            }
            for _ in 0..600 {
                let mut b = bytes.clone();
                for _ in 0..1 + next() % 4 {
                    let i = (next() as usize) % b.len().min(200);
                    b[i] = match next() % 3 {
                        0 => 0xFF,
                        1 => 0,
                        _ => next() as u8,
                    };
                }
                match OcrEngine::image_frames(&b) {
                    Ok(frames) => assert!(frames.iter().all(|&(w, h)| w > 0 && h > 0), "{name}"),
                    Err(e) => assert!(!e.to_string().is_empty()),
                }
            }
        }
    }
}
