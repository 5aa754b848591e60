//! Mail: eml, mbox and Outlook .msg; headers, bodies in every charset, attachments.

use crate::{Cx, DocPath, Format, Input, Unread};

pub(crate) fn read(_cx: &mut Cx<'_>, _doc: &DocPath, format: Format, _input: Input) -> Result<(), Unread> {
    Err(Unread::not_read(format!("{format} mail: not read yet")))
}
