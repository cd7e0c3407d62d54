//! RDF Dataset Canonicalization, [RDFC-1.0](https://www.w3.org/TR/rdf-canon/): gives the blank
//! nodes of a dataset canonical labels `c14n0`, `c14n1`, … and writes it as sorted canonical
//! N-Quads, so the same dataset always hashes the same.
//!
//! ## How it runs
//! 1. Blank nodes get dense indices in order of first appearance; duplicate quads are dropped
//!    (the input is a set).
//! 2. Each blank node gets its *first-degree hash* (§4.6), computed once. Nodes whose hash is
//!    unique get canonical labels in hash order (§4.4.3 step 4).
//! 3. The others go through *Hash N-Degree Quads* (§4.8), which tries every permutation of
//!    same-hash neighbours and recurses: exponential on "poison" graphs (§6 Security). Work is
//!    counted against [`Options::max_work`] (one unit a call; a permutation costs one unit, plus
//!    one for each issued identifier it copies and each node it places), and recursion deeper
//!    than [`Options::max_depth`] is refused, so such graphs end in
//!    [`CanonError::TooComplex`] with time and memory linear in the input plus the budget.
//!    Typical credentials have no such node and spend nothing.
//! 4. The quads are written with canonical labels and sorted by UTF-8 bytes (code point order).

use std::collections::BTreeMap;
use std::fmt;

#[cfg(feature = "rdfc-sha384")]
use sha2::Sha384;
use sha2::{Digest, Sha256};

use super::fnv::FnvMap;
use super::nquads::{write_quad_with, Slot};
use super::rdf::Quad;
use super::sort::sort_by;

/// Default work budget (see [`Options::max_work`]).
///
/// The hardest positive tests of the W3C suite (test044–046, "poison – evil") need 23 220
/// units, the OB3 and vc-di-eddsa credential vectors need none, and the poison clique
/// (test074) needs over 10⁹. 100 000 leaves four times the headroom and refuses the clique
/// in about 3 ms natively: time grows linearly with work, about 30 ns a unit.
pub const DEFAULT_MAX_WORK: u32 = 100_000;

/// Default limit on nested Hash N-Degree Quads calls, which keeps the stack bounded
/// (a chain of look-alike blank nodes recurses once per link).
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// The hash function of RDFC-1.0 (SHA-256 unless a proof suite asks for another).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-256, the default.
    #[default]
    Sha256,
    /// SHA-384 (feature `rdfc-sha384`, on by default and off in the WASM package: no proof
    /// suite verified here uses it).
    #[cfg(feature = "rdfc-sha384")]
    Sha384,
}

/// Parameters of a canonicalization run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The hash function.
    pub hash: HashAlgorithm,
    /// Work budget for Hash N-Degree Quads: one unit a call; a permutation costs one unit,
    /// plus one for each issued identifier it copies and each blank node it places.
    pub max_work: u32,
    /// Most nested Hash N-Degree Quads calls.
    pub max_depth: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            hash: HashAlgorithm::Sha256,
            max_work: DEFAULT_MAX_WORK,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl Options {
    /// These options with another hash function.
    pub fn with_hash(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self
    }

    /// These options with another work budget.
    pub fn with_max_work(mut self, max_work: u32) -> Self {
        self.max_work = max_work;
        self
    }

    /// These options with another recursion limit.
    pub fn with_max_depth(mut self, max_depth: u32) -> Self {
        self.max_depth = max_depth;
        self
    }
}

/// Why a dataset could not be canonicalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CanonError {
    /// Telling the blank nodes apart needs more work or deeper recursion than the limits
    /// allow: a "poison" graph, or one with long runs of look-alike blank nodes.
    TooComplex,
}

impl CanonError {
    /// The stable code of this error, e.g. `canon.too_complex`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooComplex => "canon.too_complex",
        }
    }
}

impl fmt::Display for CanonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooComplex => {
                f.write_str("canon.too_complex: the dataset exceeds the RDFC-1.0 work limit")
            }
        }
    }
}

impl std::error::Error for CanonError {}

/// The canonical N-Quads of `quads` (SHA-256, default limits): sorted, each line ending `\n`.
pub fn canonicalize(quads: &[Quad<'_>]) -> Result<String, CanonError> {
    canonicalize_with(quads, &Options::default())
}

/// [`canonicalize`] with another work budget (see [`Options::max_work`]).
pub fn canonicalize_with_limit(quads: &[Quad<'_>], max_work: u32) -> Result<String, CanonError> {
    canonicalize_with(quads, &Options::default().with_max_work(max_work))
}

/// The canonical N-Quads of `quads` under `options`.
pub fn canonicalize_with(quads: &[Quad<'_>], options: &Options) -> Result<String, CanonError> {
    let state = State::issue(quads, options)?;
    Ok(state.serialize())
}

/// The issued identifiers map (§4.4.3 step 7): each input blank node label with its canonical
/// label (`c14n0`, …), in order of issue.
pub fn issued_identifiers(
    quads: &[Quad<'_>],
    options: &Options,
) -> Result<Vec<(String, String)>, CanonError> {
    let state = State::issue(quads, options)?;
    let mut by_issue: Vec<(u32, &str)> = state
        .canonical
        .iter()
        .zip(&state.labels)
        .filter_map(|(id, label)| id.map(|id| (id, *label)))
        .collect();
    sort_by(&mut by_issue, Ord::cmp);
    Ok(by_issue
        .into_iter()
        .map(|(id, label)| {
            let mut canonical = String::from("c14n");
            push_decimal(&mut canonical, id);
            (label.to_owned(), canonical)
        })
        .collect())
}

/// A quad with the indices of its blank nodes.
struct Entry<'q> {
    quad: &'q Quad<'q>,
    subject: Option<usize>,
    object: Option<usize>,
    graph: Option<usize>,
}

impl Entry<'_> {
    fn node(&self, slot: Slot) -> Option<usize> {
        match slot {
            Slot::Subject => self.subject,
            Slot::Object => self.object,
            Slot::Graph => self.graph,
        }
    }
}

/// The canonicalization state (§4.2) over blank-node indices.
struct State<'q> {
    options: Options,
    entries: Vec<Entry<'q>>,
    /// Per blank node: its input label.
    labels: Vec<&'q str>,
    /// Per blank node: the entries it appears in.
    node_entries: Vec<Vec<usize>>,
    /// Per blank node: its first-degree hash.
    first_degree: Vec<String>,
    /// Per blank node: its canonical number, once issued.
    canonical: Vec<Option<u32>>,
    next_canonical: u32,
    work: u32,
}

impl<'q> State<'q> {
    /// Runs the algorithm up to the issued identifiers map (§4.4.3 steps 1–5).
    fn issue(quads: &'q [Quad<'q>], options: &Options) -> Result<Self, CanonError> {
        let mut state = Self::index(quads, options);
        // A lone blank node is `c14n0` whatever its hash: the hashes only order blank nodes
        // (step 4 issues it first). A proof configuration has exactly one.
        if state.labels.len() == 1 {
            state.issue_canonical(0);
            return Ok(state);
        }
        let mut buffer = String::new();
        let mut lines = Vec::new();
        let mut by_hash: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for node in 0..state.labels.len() {
            let hash = state.hash_first_degree(node, &mut buffer, &mut lines);
            state.first_degree.push(hash.clone());
            by_hash.entry(hash).or_default().push(node);
        }
        // Step 4: unique hashes, in hash order.
        let mut shared = Vec::new();
        for nodes in by_hash.into_values() {
            match nodes.as_slice() {
                [node] => state.issue_canonical(*node),
                _ => shared.push(nodes),
            }
        }
        // Step 5: the rest, group by group in hash order.
        for nodes in shared {
            let mut results = Vec::with_capacity(nodes.len());
            for node in nodes {
                if state.canonical.get(node).copied().flatten().is_some() {
                    continue;
                }
                let mut issuer = Issuer::default();
                issuer.issue(node);
                results.push(state.hash_n_degree(node, issuer, 0)?);
            }
            sort_by(&mut results, |a, b| a.0.cmp(&b.0));
            for (_, issuer) in results {
                for node in issuer.issued {
                    state.issue_canonical(node);
                }
            }
        }
        Ok(state)
    }

    /// Drops duplicate quads and numbers blank nodes in order of first appearance.
    fn index(quads: &'q [Quad<'q>], options: &Options) -> Self {
        let mut state = State {
            options: *options,
            entries: Vec::with_capacity(quads.len()),
            labels: Vec::new(),
            node_entries: Vec::new(),
            first_degree: Vec::new(),
            canonical: Vec::new(),
            next_canonical: 0,
            work: 0,
        };
        let mut ids: FnvMap<&'q str, usize> = FnvMap::default();
        for quad in unique(quads) {
            let entry_index = state.entries.len();
            let mut node = |label: Option<&'q str>| {
                let label = label?;
                let id = *ids.entry(label).or_insert_with(|| {
                    state.labels.push(label);
                    state.node_entries.push(Vec::new());
                    state.labels.len().saturating_sub(1)
                });
                if let Some(list) = state.node_entries.get_mut(id) {
                    // A node in two slots of one quad lists that quad once.
                    if list.last() != Some(&entry_index) {
                        list.push(entry_index);
                    }
                }
                Some(id)
            };
            let subject = node(quad.subject.blank_label());
            let object = node(quad.object.blank_label());
            let graph = node(quad.graph.blank_label());
            state.entries.push(Entry { quad, subject, object, graph });
        }
        state.canonical = vec![None; state.labels.len()];
        state.first_degree.reserve(state.labels.len());
        state
    }

    /// Hash First Degree Quads (§4.6): the node's quads with itself as `_:a`, any other blank
    /// node as `_:z`, sorted and hashed. `buffer` and `lines` are reused scratch space.
    fn hash_first_degree(
        &self,
        node: usize,
        buffer: &mut String,
        lines: &mut Vec<(usize, usize)>,
    ) -> String {
        buffer.clear();
        lines.clear();
        for entry in self.node_entries.get(node).into_iter().flatten() {
            let Some(entry) = self.entries.get(*entry) else { continue };
            let start = buffer.len();
            write_quad_with(buffer, entry.quad, |out, slot, _| {
                out.push_str(if entry.node(slot) == Some(node) { "_:a" } else { "_:z" });
            });
            lines.push((start, buffer.len()));
        }
        sort_lines(buffer, lines);
        let mut hasher = Hasher::new(self.options.hash);
        for &(start, end) in lines.iter() {
            hasher.update(buffer.get(start..end).unwrap_or_default());
        }
        hasher.finish()
    }

    /// Hash Related Blank Node (§4.7).
    fn hash_related(
        &self,
        related: usize,
        entry: &Entry<'_>,
        issuer: &Issuer,
        slot: Slot,
    ) -> String {
        let mut hasher = Hasher::new(self.options.hash);
        hasher.update(match slot {
            Slot::Subject => "s",
            Slot::Object => "o",
            Slot::Graph => "g",
        });
        if slot != Slot::Graph {
            hasher.update("<");
            hasher.update(&entry.quad.predicate);
            hasher.update(">");
        }
        let mut label = String::new();
        if let Some(id) = self.canonical.get(related).copied().flatten() {
            label.push_str("_:c14n");
            push_decimal(&mut label, id);
        } else if let Some(id) = issuer.get(related) {
            label.push_str("_:b");
            push_decimal(&mut label, id);
        } else {
            label.push_str(self.first_degree.get(related).map_or("", String::as_str));
        }
        hasher.update(&label);
        hasher.finish()
    }

    /// Hash N-Degree Quads (§4.8): the node's hash and the issuer that reached it.
    fn hash_n_degree(
        &mut self,
        node: usize,
        mut issuer: Issuer,
        depth: u32,
    ) -> Result<(String, Issuer), CanonError> {
        if depth >= self.options.max_depth {
            return Err(CanonError::TooComplex);
        }
        self.spend(1)?;
        // Steps 1–3: related blank nodes grouped by their related hash, in hash order.
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for entry in self.node_entries.get(node).into_iter().flatten() {
            let Some(entry) = self.entries.get(*entry) else { continue };
            for slot in [Slot::Subject, Slot::Object, Slot::Graph] {
                if let Some(related) = entry.node(slot).filter(|&related| related != node) {
                    let hash = self.hash_related(related, entry, &issuer, slot);
                    groups.entry(hash).or_default().push(related);
                }
            }
        }
        // Step 5.
        let mut data = Hasher::new(self.options.hash);
        for (hash, mut list) in groups {
            data.update(&hash);
            let mut chosen_path = String::new();
            let mut chosen_issuer = None;
            // Equal permutations give equal paths, so only distinct ones are tried.
            sort_by(&mut list, Ord::cmp);
            loop {
                // A permutation copies the issuer and places each node of the list.
                self.spend(issuer.issued.len().saturating_add(list.len()).saturating_add(1))?;
                if let Some((path, issuer_copy)) =
                    self.try_permutation(&list, &issuer, &chosen_path, depth)?
                {
                    if chosen_path.is_empty() || path < chosen_path {
                        chosen_path = path;
                        chosen_issuer = Some(issuer_copy);
                    }
                }
                if !next_permutation(&mut list) {
                    break;
                }
            }
            data.update(&chosen_path);
            if let Some(chosen) = chosen_issuer {
                issuer = chosen;
            }
        }
        Ok((data.finish(), issuer))
    }

    /// §4.8.3 step 5.4.4 for one permutation: its path and issuer, or `None` once the path
    /// can no longer beat `chosen_path`.
    fn try_permutation(
        &mut self,
        permutation: &[usize],
        issuer: &Issuer,
        chosen_path: &str,
        depth: u32,
    ) -> Result<Option<(String, Issuer)>, CanonError> {
        let worse = |path: &str| {
            !chosen_path.is_empty() && path.len() >= chosen_path.len() && path > chosen_path
        };
        let mut issuer_copy = issuer.clone();
        let mut path = String::new();
        let mut recursion = Vec::new();
        for &related in permutation {
            if let Some(id) = self.canonical.get(related).copied().flatten() {
                path.push_str("_:c14n");
                push_decimal(&mut path, id);
            } else {
                if issuer_copy.get(related).is_none() {
                    recursion.push(related);
                }
                path.push_str("_:b");
                push_decimal(&mut path, issuer_copy.issue(related));
            }
            if worse(&path) {
                return Ok(None);
            }
        }
        for related in recursion {
            let id = issuer_copy.issue(related);
            let (hash, next_issuer) = self.hash_n_degree(related, issuer_copy, depth.saturating_add(1))?;
            issuer_copy = next_issuer;
            path.push_str("_:b");
            push_decimal(&mut path, id);
            path.push('<');
            path.push_str(&hash);
            path.push('>');
            if worse(&path) {
                return Ok(None);
            }
        }
        Ok(Some((path, issuer_copy)))
    }

    /// Charges `units` of work, failing once the budget is exceeded.
    fn spend(&mut self, units: usize) -> Result<(), CanonError> {
        let units = u32::try_from(units).unwrap_or(u32::MAX);
        self.work = self.work.saturating_add(units);
        if self.work > self.options.max_work {
            return Err(CanonError::TooComplex);
        }
        Ok(())
    }

    fn issue_canonical(&mut self, node: usize) {
        if let Some(slot @ None) = self.canonical.get_mut(node) {
            *slot = Some(self.next_canonical);
            // One per blank node, so far below u32::MAX for any input under the size limits.
            self.next_canonical = self.next_canonical.saturating_add(1);
        }
    }

    /// §4.4.3 step 6: every quad with canonical labels, sorted, as one string.
    fn serialize(&self) -> String {
        let mut buffer = String::new();
        let mut lines = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let start = buffer.len();
            write_quad_with(&mut buffer, entry.quad, |out, slot, _| {
                out.push_str("_:c14n");
                let id =
                    entry.node(slot).and_then(|node| self.canonical.get(node).copied().flatten());
                push_decimal(out, id.unwrap_or_default());
            });
            lines.push((start, buffer.len()));
        }
        sort_lines(&buffer, &mut lines);
        // Quads that differ only in how they were built (say `xsd:string` spelt out) are one
        // statement once written.
        lines.dedup_by(|a, b| buffer.get(a.0..a.1) == buffer.get(b.0..b.1));
        let mut out = String::with_capacity(buffer.len());
        for &(start, end) in &lines {
            out.push_str(buffer.get(start..end).unwrap_or_default());
        }
        out
    }
}

/// The quads without repeats of those with a blank node, in input order. Only those are
/// compared: the hashes read them, and a repeated quad without one writes a line the same as
/// its first, which [`State::serialize`] drops (a credential's document has three times as
/// many of them to sort).
fn unique<'q>(quads: &'q [Quad<'q>]) -> impl Iterator<Item = &'q Quad<'q>> {
    let mut order: Vec<usize> = (0..quads.len()).filter(|&i| quads.get(i).is_some_and(has_blank)).collect();
    sort_by(&mut order, |&a, &b| quads.get(a).cmp(&quads.get(b)).then(a.cmp(&b)));
    let mut repeat = vec![false; quads.len()];
    for pair in order.windows(2) {
        if let [a, b] = *pair {
            if quads.get(a) == quads.get(b) {
                if let Some(flag) = repeat.get_mut(b) {
                    *flag = true;
                }
            }
        }
    }
    quads.iter().zip(repeat).filter(|(_, repeat)| !repeat).map(|(quad, _)| quad)
}

fn has_blank(quad: &Quad<'_>) -> bool {
    quad.subject.blank_label().is_some() || quad.object.blank_label().is_some() || quad.graph.blank_label().is_some()
}

/// Sorts line ranges of `buffer` by their text, in code point (UTF-8 byte) order.
fn sort_lines(buffer: &str, lines: &mut [(usize, usize)]) {
    sort_by(lines, |&(a0, a1), &(b0, b1)| {
        // Bytes, not `str` slices: the same order (UTF-8 sorts as code points) without
        // checking character boundaries on every comparison.
        let bytes = buffer.as_bytes();
        cmp_bytes(bytes.get(a0..a1).unwrap_or_default(), bytes.get(b0..b1).unwrap_or_default())
    });
}

/// Byte order of `a` and `b`, eight bytes a step: lines share long prefixes (a subject and a
/// predicate's namespace), which the byte-wise `memcmp` of this build walks one at a time.
fn cmp_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (mut a, mut b) = (a, b);
    while let (Some((x, a_rest)), Some((y, b_rest))) = (a.split_first_chunk::<8>(), b.split_first_chunk::<8>()) {
        if x != y {
            return u64::from_be_bytes(*x).cmp(&u64::from_be_bytes(*y));
        }
        (a, b) = (a_rest, b_rest);
    }
    a.cmp(b)
}

/// Rearranges `list` into the next permutation in lexicographic order; `false` after the last.
fn next_permutation(list: &mut [usize]) -> bool {
    let Some(pivot) = list.windows(2).rposition(|pair| matches!(pair, [a, b] if a < b)) else {
        return false;
    };
    let Some(&value) = list.get(pivot) else { return false };
    let Some(successor) = list.iter().rposition(|&x| x > value) else { return false };
    list.swap(pivot, successor);
    if let Some(tail) = list.get_mut(pivot.saturating_add(1)..) {
        tail.reverse();
    }
    true
}

/// A temporary identifier issuer (§4.5) for prefix `_:b`: the nodes in order of issue, and
/// past [`Issuer::SCAN`] nodes an index, so lookups stay O(1) on large graphs.
#[derive(Clone, Default)]
struct Issuer {
    issued: Vec<usize>,
    index: FnvMap<usize, u32>,
}

impl Issuer {
    /// Up to this many nodes a linear scan beats hashing.
    const SCAN: usize = 32;

    fn get(&self, node: usize) -> Option<u32> {
        if self.issued.len() <= Self::SCAN {
            let position = self.issued.iter().position(|&n| n == node)?;
            u32::try_from(position).ok()
        } else {
            self.index.get(&node).copied()
        }
    }

    fn issue(&mut self, node: usize) -> u32 {
        if let Some(id) = self.get(node) {
            return id;
        }
        let id = u32::try_from(self.issued.len()).unwrap_or(u32::MAX);
        self.issued.push(node);
        if self.issued.len() > Self::SCAN {
            if self.index.is_empty() {
                self.index.extend(self.issued.iter().zip(0..).map(|(&n, i)| (n, i)));
            } else {
                self.index.insert(node, id);
            }
        }
        id
    }
}

/// The chosen hash function, fed piece by piece, giving lower-case hex.
enum Hasher {
    Sha256(Sha256),
    #[cfg(feature = "rdfc-sha384")]
    Sha384(Sha384),
}

impl Hasher {
    fn new(algorithm: HashAlgorithm) -> Self {
        match algorithm {
            HashAlgorithm::Sha256 => Self::Sha256(Sha256::new()),
            #[cfg(feature = "rdfc-sha384")]
            HashAlgorithm::Sha384 => Self::Sha384(Sha384::new()),
        }
    }

    fn update(&mut self, text: &str) {
        match self {
            Self::Sha256(hasher) => hasher.update(text.as_bytes()),
            #[cfg(feature = "rdfc-sha384")]
            Self::Sha384(hasher) => hasher.update(text.as_bytes()),
        }
    }

    fn finish(self) -> String {
        match self {
            Self::Sha256(hasher) => hex(&hasher.finalize()),
            #[cfg(feature = "rdfc-sha384")]
            Self::Sha384(hasher) => hex(&hasher.finalize()),
        }
    }
}

// Both write ASCII digits as bytes and hand them over as one `&str`: `String::push` of a
// `char` UTF-8 encodes it on every call in this size-optimized build.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0F] {
            out.push(DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'));
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start = start.saturating_sub(1);
        if let Some(digit) = digits.get_mut(start) {
            // `n % 10` is a single digit, so this stays within b'0'..=b'9'.
            *digit = b'0'.saturating_add((n % 10) as u8);
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::nquads::parse;

    fn canon(text: &str) -> Result<String, CanonError> {
        canonicalize(&parse(text).unwrap())
    }

    #[test]
    fn relabels_and_sorts() {
        let text = "_:x <urn:p> \"b\" .\n_:y <urn:p> \"a\" .\n_:x <urn:q> _:y .\n";
        assert_eq!(
            canon(text).unwrap(),
            "_:c14n0 <urn:p> \"a\" .\n_:c14n1 <urn:p> \"b\" .\n_:c14n1 <urn:q> _:c14n0 .\n"
        );
    }

    #[test]
    fn drops_duplicates() {
        let text = "<urn:s> <urn:p> _:a .\n<urn:s> <urn:p> _:a .\n";
        assert_eq!(canon(text).unwrap(), "<urn:s> <urn:p> _:c14n0 .\n");
        // A repeat left in would change `_:x`'s first-degree hash, and here the labels (checked:
        // the output differs without the dedup); a repeat without blank nodes is dropped too.
        let set = "_:x <urn:p> \"a2\" .\n_:y <urn:p> \"b2\" .\n<urn:s> <urn:p> \"c\" .\n";
        let repeated = format!("{set}_:x <urn:p> \"a2\" .\n<urn:s> <urn:p> \"c\" .\n");
        assert_eq!(canon(&repeated).unwrap(), canon(set).unwrap());
        assert_eq!(canon(set).unwrap().lines().count(), 3);
    }

    #[test]
    fn a_spelt_out_xsd_string_is_one_statement() {
        use crate::canon::rdf::{GraphName, Literal, LiteralKind, Object, Subject, XSD_STRING};
        let quad = |kind| {
            let literal = Literal { value: "v".into(), kind };
            Quad::new(
                Subject::Iri("urn:s".into()),
                "urn:p",
                Object::Literal(literal),
                GraphName::Default,
            )
        };
        let quads = [quad(LiteralKind::String), quad(LiteralKind::Typed(XSD_STRING.into()))];
        assert_eq!(canonicalize(&quads).unwrap(), "<urn:s> <urn:p> \"v\" .\n");
    }

    #[test]
    fn symmetric_nodes_need_n_degree_and_spend_work() {
        let text = "_:a <urn:p> _:b .\n_:b <urn:p> _:a .\n";
        let quads = parse(text).unwrap();
        assert_eq!(canonicalize_with_limit(&quads, 0), Err(CanonError::TooComplex));
        assert_eq!(
            canonicalize(&quads).unwrap(),
            "_:c14n0 <urn:p> _:c14n1 .\n_:c14n1 <urn:p> _:c14n0 .\n"
        );
    }

    #[test]
    fn long_chains_hit_the_depth_limit() {
        // Look-alike interior links: each Hash N-Degree call recurses along the chain.
        let mut text = String::new();
        for i in 0..80 {
            text.push_str(&format!("_:n{i} <urn:next> _:n{} .\n", i + 1));
        }
        let quads = parse(&text).unwrap();
        let options = Options::default().with_max_work(u32::MAX);
        assert_eq!(canonicalize_with(&quads, &options), Err(CanonError::TooComplex));
        let options = options.with_max_depth(100);
        assert!(canonicalize_with(&quads, &options).is_ok());
    }

    #[test]
    fn decimal_and_permutations() {
        let mut s = String::new();
        for n in [0, 7, 10, 4_294_967_295] {
            push_decimal(&mut s, n);
            s.push(' ');
        }
        assert_eq!(s, "0 7 10 4294967295 ");
        let mut list = vec![1, 1, 2];
        let mut seen = vec![list.clone()];
        while next_permutation(&mut list) {
            seen.push(list.clone());
        }
        assert_eq!(seen, [[1, 1, 2], [1, 2, 1], [2, 1, 1]]);
        assert_eq!(CanonError::TooComplex.code(), "canon.too_complex");
    }
}
