//! Command-line helpers shared by the commands: flag values, input files and stdin, output.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use lexopt::{Arg, Parser, ValueExt};
use verified_badge::Timestamp;

use crate::error::Fatal;

/// Largest file or stdin stream read whole (a baked image is at most 16 MiB; an NDJSON batch
/// on stdin can be much larger).
pub const MAX_READ_BYTES: u64 = 512 * 1024 * 1024;

/// The next argument, with lexopt's errors turned into usage errors.
pub fn next<'a>(parser: &'a mut Parser, usage: &'static str) -> Result<Option<Arg<'a>>, Fatal> {
    parser.next().map_err(|e| Fatal::usage(e.to_string(), usage))
}

/// The UTF-8 value of the flag just read.
pub fn value(parser: &mut Parser, flag: &str, usage: &'static str) -> Result<String, Fatal> {
    parser
        .value()
        .map_err(|e| Fatal::usage(e.to_string(), usage))?
        .string()
        .map_err(|_| Fatal::usage(format!("{flag} is not UTF-8"), usage))
}

/// An argument the command does not take.
pub fn unexpected(arg: Arg<'_>, usage: &'static str) -> Fatal {
    Fatal::usage(arg.unexpected().to_string(), usage)
}

/// A positional argument as UTF-8 text (paths stay `OsString` where the command allows).
pub fn text(value: std::ffi::OsString, what: &str, usage: &'static str) -> Result<String, Fatal> {
    value.into_string().map_err(|_| Fatal::usage(format!("{what} is not UTF-8"), usage))
}

/// The bytes of a file, or of stdin for `-`, up to [`MAX_READ_BYTES`].
pub fn read_input(path: &str) -> Result<Vec<u8>, Fatal> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().lock().take(MAX_READ_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_READ_BYTES + 1).read_to_end(&mut bytes))
    };
    let name = if path == "-" { "<stdin>" } else { path };
    result.map_err(|e| Fatal::io(name, e))?;
    if bytes.len() as u64 > MAX_READ_BYTES {
        return Err(Fatal::data(name, format!("larger than {MAX_READ_BYTES} bytes")));
    }
    Ok(bytes)
}

/// Writes `bytes` to the file at `path`, or to stdout for `-`.
pub fn write_output(path: &str, bytes: &[u8]) -> Result<(), Fatal> {
    if path == "-" {
        let mut out = std::io::stdout().lock();
        return out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| Fatal::io("<stdout>", e));
    }
    std::fs::write(Path::new(path), bytes).map_err(|e| Fatal::io(path, e))
}

/// The system clock.
pub fn now() -> Result<Timestamp, Fatal> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Fatal::Other(String::from("the system clock is before 1970")))?;
    Ok(Timestamp(i64::try_from(secs.as_secs()).unwrap_or(i64::MAX)))
}

/// Prints a command's help to stdout.
pub fn help(usage: &str) {
    println!("{usage}");
}
