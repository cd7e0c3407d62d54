//! What can stop a command, and the exit status each gives.

use std::fmt;

/// A problem that ends a command: printed to stderr as `verified-badge: …`.
#[derive(Debug)]
pub enum Fatal {
    /// The command line is wrong; the command's usage follows the message.
    Usage { message: String, usage: &'static str },
    /// A file or stream could not be read or written.
    Io { path: String, error: std::io::Error },
    /// The data was read but cannot be used: an image without a credential, a credential that
    /// cannot be signed, a key file that is not one.
    Data { path: String, message: String },
    /// Anything else that stops the command: a feature not available yet, nothing to do, the
    /// clock or the random number generator failing.
    Other(String),
}

impl Fatal {
    /// A usage error for a command.
    pub fn usage(message: impl Into<String>, usage: &'static str) -> Fatal {
        Fatal::Usage { message: message.into(), usage }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl fmt::Display, error: std::io::Error) -> Fatal {
        Fatal::Io { path: path.to_string(), error }
    }

    /// Unusable data in `path`.
    pub fn data(path: impl fmt::Display, message: impl Into<String>) -> Fatal {
        Fatal::Data { path: path.to_string(), message: message.into() }
    }

    /// The exit status: 1 for unusable data (like an invalid credential), 2 for usage and
    /// I/O errors and everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Fatal::Data { .. } => 1,
            Fatal::Usage { .. } | Fatal::Io { .. } | Fatal::Other(_) => 2,
        }
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Usage { message, usage } => write!(f, "{message}\n\n{usage}"),
            Fatal::Io { path, error } => write!(f, "{path}: {error}"),
            Fatal::Data { path, message } => write!(f, "{path}: {message}"),
            Fatal::Other(message) => f.write_str(message),
        }
    }
}
