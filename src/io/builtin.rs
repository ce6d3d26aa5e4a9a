//! The built-in paths and guides, compiled into the binary by `build.rs`, so aipath runs anywhere with nothing
//! installed. The paths come as YAML and, pre-parsed at build time, as JSON that starts faster.

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
}
