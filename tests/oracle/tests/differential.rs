//! Differential test (placeholder while the oracle compiles).
mod support;
