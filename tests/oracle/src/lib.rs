//! Nothing here: the differential test is `tests/differential.rs`.
