//! The state reader on any bytes: a value or a located refusal, never a crash, a hang or a runaway allocation. A
//! state it reads is written and read back to the same state.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("state.yaml");
    if let Ok(decoded) = aipath::io::store::decode(file, data) {
        let text = aipath::io::store::encode(&decoded.state).expect("a state read encodes");
        let again =
            aipath::io::store::decode(file, text.as_bytes()).expect("a state written reads back");
        assert_eq!(again.state, decoded.state);
    }
});
