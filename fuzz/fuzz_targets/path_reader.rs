//! The path reader on any text: the YAML reader holds it to its budgets as it parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aipath::path::LearningPath::from_yaml(text);
});
