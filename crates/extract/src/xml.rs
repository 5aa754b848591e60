//! Shared XML reading for office parts and XML files: quick-xml with entities never
//! expanded, DTDs refused, depth and size bounded.
