//! Canonical forms and JSON-LD contexts: RFC 8785 JCS, the bundled contexts, the RDF data
//! model with N-Quads, and RDF Dataset Canonicalization (RDFC-1.0).

pub mod jcs;
pub mod contexts;
pub mod rdf;
pub mod nquads;
pub mod rdfc;
pub mod jsonld;
mod fnv;
mod sort;
