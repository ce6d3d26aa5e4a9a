//! A module guide's markdown: front matter, sections, checklist and resources, from any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aipath::guide::parse(text);
});
