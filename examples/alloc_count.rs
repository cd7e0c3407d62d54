//! Heap allocations of one warm verification (README "Numbers"): every allocation and
//! reallocation counted by a wrapping global allocator, over a verification that follows a first
//! one (which fills the context caches).
//!
//! `cargo run --release --example alloc_count [CREDENTIAL]` (default: the bench's OB 3.0
//! `eddsa-rdfc-2022` credential, `target/bench/ob3-rdfc.json`, written by `cargo xtask bench`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting calls and bytes asked for.
struct Counting;

static CALLS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        CALLS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        CALLS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/bench/ob3-rdfc.json".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path} (run `cargo xtask bench` once, or name a credential)");
        std::process::exit(2);
    };
    let Ok(now) = verified_badge::Timestamp::parse("2025-06-01T00:00:00Z") else { return };
    let options = verified_badge::VerifyOptions::new(now);
    let first = verified_badge::verify(verified_badge::Input::Text(&text), &options);
    let (calls, bytes) = (CALLS.load(Relaxed), BYTES.load(Relaxed));
    let warm = verified_badge::verify(verified_badge::Input::Text(&text), &options);
    let (calls, bytes) = (CALLS.load(Relaxed) - calls, BYTES.load(Relaxed) - bytes);
    println!("{path}: {:?} (first {:?}); a warm verification made {calls} allocations of {bytes} bytes in all", warm.outcome, first.outcome);
}
