//! The merge of two machines' states against a base, each read from a part of the input as a state file: whatever
//! the three hold, the merge answers, and what it gives is a state aipath writes and reads back.
#![no_main]

use std::path::Path;

use aipath::sync::merge::{Side, merge};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let file = Path::new("state.yaml");
    let mut read = || {
        parts
            .next()
            .and_then(|bytes| aipath::io::store::decode(file, bytes).ok())
            .map(|d| d.state)
            .unwrap_or_default()
    };
    let (base, local, remote) = (read(), read(), read());
    let mut merged = merge(
        &base,
        Side {
            state: &local,
            only: &[],
        },
        Side {
            state: &remote,
            only: &[],
        },
    )
    .state;
    // The merge stops (in merge_files) on a day both machines filled past 24 hours; anything else must read back.
    if merged.overfull_day().is_some() {
        return;
    }
    merged.settle();
    let text = aipath::io::store::encode(&merged).expect("a merged state encodes");
    let again =
        aipath::io::store::decode(file, text.as_bytes()).expect("a merged state reads back");
    assert_eq!(again.state, merged);
});
