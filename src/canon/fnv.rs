//! FNV-1a for the engine's hash maps: their keys are short (terms, blank node labels, ids),
//! where SipHash's setup dominates, and none is chosen by the input alone — terms come from
//! contexts and labels from our own numbering, each bounded by the engine's limits.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The FNV-1a 64-bit hasher.
#[derive(Default)]
pub(crate) struct Fnv(u64);

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

impl Fnv {
    /// The state to go on from: the offset basis before anything was written.
    fn state(&self) -> u64 {
        if self.0 == 0 { OFFSET_BASIS } else { self.0 }
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.state();
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(PRIME);
        }
        self.0 = h;
    }
    // `str` hashes end with one more byte (0xff): here, not through a slice and `write`.
    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.state() ^ u64::from(byte)).wrapping_mul(PRIME);
    }
}

/// A `HashMap` hashed with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
