//! PDF: the text layer through poppler's pdftotext, pages without one through OCR.

use crate::{Cx, DocPath, Input, Unread};

pub(crate) fn read(_cx: &mut Cx<'_>, _doc: &DocPath, _input: Input) -> Result<(), Unread> {
    Err(Unread::not_read("PDF: not read yet"))
}
