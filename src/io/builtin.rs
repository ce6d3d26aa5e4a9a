//! The built-in paths and guides, compiled into the binary by `build.rs`, so aipath runs anywhere with nothing
//! installed. The paths come as YAML and, pre-parsed at build time, as JSON that starts faster.

use crate::guide::FrontMatter;

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// How the built-in guides' folder is named in messages: `built-in modules/<id>/README.md`.
pub const BUILTIN_GUIDES: &str = "built-in modules";

/// The path used when neither `--path` nor the state names one.
pub const DEFAULT_PATH_ID: &str = "software-developer-to-ai-engineer";

/// A built-in path's JSON form, made by build.rs from its YAML so start-up skips the YAML parser.
pub fn path_json(file: &str) -> Option<&'static str> {
    BUILTIN_PATHS
        .iter()
        .zip(BUILTIN_PATHS_JSON)
        .find(|((name, _), _)| *name == file)
        .map(|(_, &json)| json)
}

/// The front matter of a built-in guide's text, pre-parsed by build.rs: `Some` only when `text` is that very guide
/// text (not a file of the same name beside a path) and its JSON reads back.
pub fn front_matter(id: &str, text: &str) -> Option<FrontMatter> {
    let (_, json) = BUILTIN_MODULES
        .iter()
        .zip(BUILTIN_FRONT_JSON)
        .find(|((m, builtin), _)| *m == id && std::ptr::eq(*builtin, text))?;
    serde_json::from_str(json).ok()
}

/// A built-in module guide's markdown.
pub fn guide(id: &str) -> Option<&'static str> {
    BUILTIN_MODULES
        .iter()
        .find(|(m, _)| *m == id)
        .map(|&(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::LearningPath;

    /// The JSON the build makes of each built-in path must be the path its YAML says, or it is not used at all.
    #[test]
    fn each_builtin_path_reads_the_same_from_its_json_as_from_its_yaml() {
        assert_eq!(BUILTIN_PATHS.len(), BUILTIN_PATHS_JSON.len());
        for ((name, yaml), json) in BUILTIN_PATHS.iter().zip(BUILTIN_PATHS_JSON) {
            let from_yaml =
                LearningPath::from_yaml(yaml).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let from_json =
                LearningPath::from_json(json).unwrap_or_else(|| panic!("{name}: no JSON"));
            let as_value =
                |p: &LearningPath| serde_json::to_value(p).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(as_value(&from_json), as_value(&from_yaml), "{name}");
            for id in from_yaml.module_ids() {
                assert_eq!(
                    from_json.phase_of(id).map(|p| &p.id),
                    from_yaml.phase_of(id).map(|p| &p.id)
                );
            }
        }
    }

    /// The front matter the build pre-parsed is what the guide reader reads from each guide's text.
    #[test]
    fn each_builtin_guide_has_the_same_front_matter_from_the_build_as_from_its_text() {
        assert_eq!(BUILTIN_MODULES.len(), BUILTIN_FRONT_JSON.len());
        for (id, text) in BUILTIN_MODULES {
            let parsed = crate::guide::front_matter(text).unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert_eq!(front_matter(id, text), Some(parsed), "{id}");
            // Only the built-in text itself: an equal copy, as read from a file, is parsed as usual.
            let copy = String::from(*text);
            assert_eq!(front_matter(id, &copy), None, "{id}");
        }
    }
}
