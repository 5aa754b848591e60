//! Rich Text Format.

use crate::{Cx, DocPath, Input, Unread};

pub(crate) fn read(_cx: &mut Cx<'_>, _doc: &DocPath, _input: Input) -> Result<(), Unread> {
    Err(Unread::not_read("RTF: not read yet"))
}
