//! gezi-ocr reads text from scans and photos for gezi-extract (work in progress).
