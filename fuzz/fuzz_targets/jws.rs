#![no_main]
// Calls the same entry point that the corpus replay test (tests/fuzz_replay.rs) uses.
libfuzzer_sys::fuzz_target!(|data: &[u8]| verified_badge::fuzzing::jws(data));
