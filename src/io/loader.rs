//! Loads a course: a path (built-in, or a YAML file on disk) and each module's guide text, read from disk beside the
//! path file or from the built-in guides. Only the guides' front matter is parsed here (see
//! [`crate::guide::front_matter`]), so a broken path or a prerequisite cycle is reported before any command runs;
//! whole guides are parsed by the commands that show them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use super::builtin::{self, BUILTIN_GUIDES, DEFAULT_PATH_ID};
use super::catalog::{self, Source};
use super::input::{ReadError, read_text};
use crate::course::{Course, GuideFile};
use crate::error::{input, located_yaml};
use crate::path::ids::unknown;
use crate::path::{LearningPath, PathError};
use crate::validate::GuideText;

/// Loads the path `selector` names: a path id (built-in or in the data folder's `paths` folder) or a YAML file.
/// `None` is the built-in default.
pub fn load(selector: Option<&str>) -> Result<Course> {
    let selector = selector.unwrap_or(DEFAULT_PATH_ID);
    if !looks_like_file(selector) {
        match catalog::find(selector) {
            Some(source) => return load_source(&source),
            None if !Path::new(selector).exists() => {
                let ids = catalog::ids();
                return Err(unknown(
                    selector,
                    ids.iter().map(String::as_str),
                    "path",
                    "`aipath paths` lists the paths, or give a path YAML file",
                ));
            }
            None => {}
        }
    }
    load_file(Path::new(selector))
}

/// Loads the path a state names: by its id in the catalog, or a path file by its name (`.yaml`), never any other
/// file. A state may come from another machine (or a hand): read as a file name, it could have aipath read any file
/// here and quote its first line in an error.
pub fn load_named(name: &str) -> Result<Course> {
    if crate::path::ids::is_valid_id(name) {
        return match catalog::find(name) {
            Some(source) => load_source(&source),
            None => Err(unknown(
                name,
                catalog::ids().iter().map(String::as_str),
                "path",
                "`aipath paths` lists the paths",
            )),
        };
    }
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return load_file(Path::new(name));
    }
    Err(input(
        "it is neither the id of a path `aipath paths` lists nor a path file (`.yaml`)",
    ))
}

/// Loads a path from where the catalog found it.
pub fn load_source(source: &Source) -> Result<Course> {
    match source {
        Source::BuiltIn { file, text } => {
            let origin = PathBuf::from(format!("built-in paths/{file}"));
            if let Some(path) = builtin::path_json(file).and_then(LearningPath::from_json) {
                return with_guides(path, origin, None);
            }
            from_text(Cow::Borrowed(text), origin, None)
        }
        Source::File(file) => load_file(file),
    }
}

/// Loads a path YAML file; its guides are looked up beside it first.
pub fn load_file(file: &Path) -> Result<Course> {
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let text = read_path_file(file)?;
    from_text(Cow::Owned(text), file.to_path_buf(), Some(dir))
}

/// A path file's text, read as untrusted input (see [`super::input`]).
pub fn read_path_file(file: &Path) -> Result<String> {
    read_text(file, "path file").map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            input(format!("{}: no such path file", file.display()))
        }
        ReadError::Io(e) => anyhow!("{}: cannot read the path file: {e}", file.display()),
        ReadError::Refused(message) => input(message),
    })
}

/// Builds a course from a path's text. `dir` is the folder of a path file, where its guides are looked up first.
pub(super) fn from_text(
    text: Cow<'static, str>,
    origin: PathBuf,
    dir: Option<PathBuf>,
) -> Result<Course> {
    let path = parse_path(&text, &origin)?;
    with_guides(path, origin, dir)
}

/// Parses and checks a path's YAML; the error names `origin` and the line.
pub(super) fn parse_path(text: &str, origin: &Path) -> Result<LearningPath> {
    LearningPath::from_yaml(text).map_err(|e| match e {
        PathError::Syntax(e) => input(located_yaml(origin, &e)),
        PathError::Invalid(problem) => {
            let line = crate::path::line_of_id(text, &problem.id);
            input(format!("{}:{line}: {}", origin.display(), problem.message))
        }
    })
}

/// Finds the guides of a parsed path; the course checks them against it.
fn with_guides(path: LearningPath, origin: PathBuf, dir: Option<PathBuf>) -> Result<Course> {
    let folders = guide_folders(dir.as_deref());
    let mut guides = HashMap::with_capacity(path.modules.len());
    for def in &path.modules {
        let (file, text) = guide_text_in(&def.id, &folders)?;
        let guide = match builtin::front_matter(&def.id, &text) {
            Some(front) => GuideFile::known(file, text, front),
            None => GuideFile::new(file, text)?,
        };
        guides.insert(def.id.clone(), guide);
    }
    with_briefs(Course::new(path, origin, guides)?, &folders)
}

/// Adds the projects' briefs to a course: `modules/<project-id>/README.md`, looked up as a module's guide is. Ids
/// are unique across modules and projects, so the one folder holds both, and a path file's own folder can override
/// a built-in brief as it overrides a built-in guide. A project without a brief is allowed (a path of one's own may
/// name projects and describe none): `show` then says so.
fn with_briefs(course: Course, folders: &[(PathBuf, bool)]) -> Result<Course> {
    let mut briefs = HashMap::new();
    for project in course.path.all_projects() {
        let id = &project.id;
        let on_disk = folders
            .iter()
            .any(|(folder, exists)| *exists && folder.join(id).join("README.md").is_file());
        if !on_disk && builtin::guide(id).is_none() {
            continue;
        }
        let (file, text) = guide_text_in(id, folders)?;
        let brief = match builtin::front_matter(id, &text) {
            Some(front) => GuideFile::known(file, text, front),
            None => GuideFile::new(file, text)?,
        };
        briefs.insert(id.clone(), brief);
    }
    course.with_briefs(briefs)
}

/// The folders a path file's guides may be in, each with whether it exists: a path file beside a `modules` folder,
/// or in a `paths` folder beside one. Asked once per path, not once per module: a large path's guides all live in
/// one of them.
pub(super) fn guide_folders(dir: Option<&Path>) -> Vec<(PathBuf, bool)> {
    dir.iter()
        .flat_map(|d| [d.join("modules"), d.join("..").join("modules")])
        .map(|folder| {
            let exists = folder.is_dir();
            (folder, exists)
        })
        .collect()
}

/// Finds a module's guide: `modules/<id>/README.md` in `dir` (a path file's folder), then in its parent, then
/// among the built-in guides. Returns the file as shown in messages and the text, unparsed.
pub fn guide_text(id: &str, dir: Option<&Path>) -> Result<(PathBuf, Cow<'static, str>)> {
    guide_text_in(id, &guide_folders(dir))
}

/// A module's guide as `validate` checks it: found where the loader would find it, or the message saying where it
/// was looked for.
pub fn found_guide(id: &str, dir: Option<&Path>) -> std::result::Result<GuideText, String> {
    guide_text(id, dir)
        .map(|(file, text)| GuideText {
            file: file.display().to_string(),
            text: text.into_owned(),
        })
        .map_err(|e| format!("{e:#}"))
}

fn guide_error(file: &Path, e: ReadError) -> anyhow::Error {
    match e {
        ReadError::Io(e) => anyhow!("{}: cannot read the guide: {e}", file.display()),
        ReadError::Refused(message) => input(message),
    }
}

/// A module's guide: in the first of `folders` that has one, else the built-in one.
pub(super) fn guide_text_in(
    id: &str,
    folders: &[(PathBuf, bool)],
) -> Result<(PathBuf, Cow<'static, str>)> {
    let mut looked = Vec::new();
    for (folder, exists) in folders {
        let file = folder.join(id).join("README.md");
        if !exists {
            looked.push(file);
            continue;
        }
        match read_text(&file, "guide") {
            Ok(text) => return Ok((file, Cow::Owned(text))),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => looked.push(file),
            Err(e) => return Err(guide_error(&file, e)),
        }
    }
    if let Some(text) = builtin::guide(id) {
        return Ok((
            PathBuf::from(format!("{BUILTIN_GUIDES}/{id}/README.md")),
            Cow::Borrowed(text),
        ));
    }
    let looked: Vec<String> = looked.iter().map(|f| f.display().to_string()).collect();
    Err(input(format!(
        "module `{id}` has no guide: looked for {}{}",
        if looked.is_empty() {
            format!("built-in modules/{id}/README.md")
        } else {
            looked.join(" and ")
        },
        if !folders.is_empty() {
            " (and among the built-in guides)"
        } else {
            ""
        }
    )))
}

fn looks_like_file(selector: &str) -> bool {
    selector.contains(std::path::MAIN_SEPARATOR)
        || selector.contains('/')
        || selector.ends_with(".yaml")
        || selector.ends_with(".yml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_default_loads_with_all_nine_guides_and_nine_briefs() {
        let course = load(None).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(course.path.id, DEFAULT_PATH_ID);
        assert_eq!(course.path.modules.len(), 9);
        let projects: Vec<&str> = course.path.all_projects().map(|p| p.id.as_str()).collect();
        assert_eq!(projects.len(), 9);
        for m in course.path.module_ids().chain(projects) {
            let doc = course.doc(m).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(doc.title, course.title(m));
        }
    }

    #[test]
    fn an_unknown_path_id_suggests_the_closest() {
        let err = load(Some("software-developer-to-ai"))
            .err()
            .map(|e| crate::error::Report::of(&e));
        assert_eq!(
            err.map(|r| (r.message, r.hints)),
            Some((
                "unknown path `software-developer-to-ai`".to_string(),
                vec![
                    "did you mean `software-developer-to-ai-engineer`?".to_string(),
                    "`aipath paths` lists the paths, or give a path YAML file".to_string()
                ]
            ))
        );
    }
}
