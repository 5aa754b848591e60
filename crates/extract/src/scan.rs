//! Scans: images and PDF pages without a text layer, read by an OCR engine that the
//! caller provides (gezi-ocr implements [`Ocr`]; this crate does not depend on it).

use std::time::Duration;

use crate::{Cx, DocPath, Input, Lines, Place, TextPiece, Unread};

/// A line of text read from an image, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    /// The text, boxes on one visual line joined by a space.
    pub text: String,
    /// `x0, y0, x1, y1` in pixels of the image.
    pub bbox: [u32; 4],
    /// The recogniser's confidence (0..1).
    pub confidence: f32,
}

/// The lines of one page or frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrPage {
    /// Lines in reading order (top to bottom, then left to right).
    pub lines: Vec<OcrLine>,
}

/// An OCR engine: reads text from encoded images.
pub trait Ocr: Send + Sync {
    /// Reads every page of an encoded image (PNG, JPEG, BMP, TIFF with every frame),
    /// within `time_left`. The error is a reason for a person, without image content.
    fn read(&self, image: &[u8], time_left: Duration) -> Result<Vec<OcrPage>, String>;
}

/// An image file or member: OCR when an engine is given, else "not read".
pub(crate) fn read_image(cx: &mut Cx<'_>, _doc: &DocPath, input: Input) -> Result<(), Unread> {
    let Some(ocr) = cx.opts.ocr.clone() else {
        return Err(Unread::not_read(
            "image only, not read: run gezi scan with --ocr to read scans and photos",
        ));
    };
    let bytes = input.into_bytes(&mut cx.budget)?;
    let pages = ocr
        .read(&bytes, cx.budget.time_left())
        .map_err(|e| Unread::error(format!("OCR could not read this image: {e}")))?;
    for (i, page) in pages.iter().enumerate() {
        emit_page(cx, i as u32 + 1, page);
        cx.budget.check_time()?;
    }
    Ok(())
}

/// Hands the lines of one OCR'd page to the sink, one line of text per OCR line, with
/// their boxes.
pub(crate) fn emit_page(cx: &mut Cx<'_>, page: u32, lines: &OcrPage) {
    let mut text = String::new();
    let mut boxes = Vec::with_capacity(lines.lines.len());
    for l in &lines.lines {
        // A line's own newlines would shift every box after it.
        text.push_str(&l.text.replace(['\n', '\r'], " "));
        text.push('\n');
        boxes.push(l.bbox);
    }
    let piece = TextPiece {
        text: &text,
        owned: 0..text.len(),
        offset: 0,
        place: Place::Scan { page },
        lines: Lines::Counted {
            line: 1,
            column: Some(1),
        },
        boxes: &boxes,
        replaced: 0,
    };
    cx.sink.text(&piece);
}
