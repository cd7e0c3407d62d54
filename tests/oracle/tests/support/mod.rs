//! Helpers of the differential test.
pub mod oracle;
