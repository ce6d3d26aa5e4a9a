//! The path reader on any text, through the same budgets a path file meets before it is parsed.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if aipath::io::input::yaml_within_budget(Path::new("path.yaml"), "path file", text).is_ok() {
        let _ = aipath::path::LearningPath::from_yaml(text);
    }
});
