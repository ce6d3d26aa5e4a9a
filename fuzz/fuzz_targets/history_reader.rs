//! Another machine's history: the events it has that ours lacks, from any bytes, against a history of our own.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const OURS: &[u8] = b"{\"id\":\"019b8c1e-3a60-7c4e-9d2a-5f1e0c7b8a91\",\"at\":\"2026-01-05T10:00:00+00:00\",\"kind\":\"change\",\"command\":\"aipath log 1\"}\n";

fuzz_target!(|data: &[u8]| {
    let _ = aipath::history::lines::new_events(Path::new("remote"), data, OURS);
    let _ = aipath::history::lines::new_events(Path::new("local"), OURS, data);
    let _ = aipath::history::lines::ids_in(data);
});
