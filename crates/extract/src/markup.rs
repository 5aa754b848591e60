//! HTML and XML: their text, without markup, scripts or styles.

use crate::{Cx, DocPath, Format, Input, Unread};

pub(crate) fn read(_cx: &mut Cx<'_>, _doc: &DocPath, format: Format, _input: Input) -> Result<(), Unread> {
    Err(Unread::not_read(format!("{format}: not read yet")))
}
