//! The learning-path model — phases, modules, skills, projects, resources, tips — and its validation.
//!
//! A path is data (YAML under `paths/`); this module turns its text into a [`LearningPath`] and checks that it hangs together:
//! unique ids, every referenced module defined, no empty phase, sane week ranges. Pure: no I/O.

mod check;
pub mod ids;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningPath {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub overview: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<String>,
    /// The weekly study effort the path's week ranges assume, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<f64>,
    pub phases: Vec<Phase>,
    pub modules: Vec<ModuleDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ListGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tips: Vec<ListGroup>,
    /// Sections of a source document that have no place above, kept rather than dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ListGroup>,
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    pub weeks: WeekRange,
    /// Present on a phase whose modules are options: the learner chooses `min` to `max` of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choose: Option<Choose>,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekRange {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choose {
    pub min: usize,
    pub max: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleDef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<Skill>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub title: String,
    /// The modules that teach this skill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<Project>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub title: String,
    /// The modules this project builds on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListGroup {
    pub id: String,
    pub title: String,
    pub items: Vec<String>,
}

/// Where each module sits: its definition and its phase.
#[derive(Debug, Clone, Default)]
struct Index {
    modules: HashMap<String, (usize, usize)>,
    projects: HashMap<String, (usize, usize)>,
}

/// One thing wrong with a path, tied to the id it is about so a caller can find its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: String,
    pub message: String,
}

impl Phase {
    /// The phase's module ids in path order.
    pub fn module_ids(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flat_map(|g| g.modules.iter().map(String::as_str))
    }

    pub fn is_choice(&self) -> bool {
        self.choose.is_some()
    }

    /// How many of a choice phase's modules the learner picks, as (min, max): the one place the range is read.
    /// A phase without `choose` takes all its modules, so (1, 1) never decides anything there.
    pub fn choice_range(&self) -> (usize, usize) {
        self.choose.map_or((1, 1), |c| (c.min, c.max))
    }
}

impl LearningPath {
    /// An empty path to be filled in code (by `import`). It is not checked: write it out and read it back.
    pub fn unchecked(id: String, title: String) -> LearningPath {
        LearningPath {
            id,
            title,
            overview: String::new(),
            prerequisites: Vec::new(),
            hours_per_week: None,
            phases: Vec::new(),
            modules: Vec::new(),
            skills: Vec::new(),
            projects: Vec::new(),
            resources: Vec::new(),
            tips: Vec::new(),
            notes: Vec::new(),
            index: Index::default(),
        }
    }

    /// Parses a path from YAML and checks it; the first problem found is the error.
    pub fn from_yaml(text: &str) -> Result<LearningPath, PathError> {
        let mut path: LearningPath = crate::yaml::from_str(text).map_err(PathError::Syntax)?;
        let problems = path.check();
        match problems.into_iter().next() {
            Some(problem) => Err(PathError::Invalid(problem)),
            None => Ok(path),
        }
    }

    /// Parses a path from the JSON the build makes of a built-in path's YAML. `None` when it does not parse or has a
    /// problem: the caller then parses the YAML, whose errors have lines.
    pub fn from_json(text: &str) -> Option<LearningPath> {
        serde_json::from_str::<LearningPath>(text).ok()?.checked()
    }

    /// A path read by other means than [`LearningPath::from_yaml`] (the build's JSON), checked and
    /// indexed the same way; `None` when it has a problem.
    pub fn checked(mut self) -> Option<LearningPath> {
        self.check().is_empty().then_some(self)
    }

    /// Parses without stopping at the first problem: every problem found, for `validate`.
    pub fn from_yaml_all_problems(
        text: &str,
    ) -> Result<(LearningPath, Vec<Problem>), crate::yaml::Error> {
        let mut path: LearningPath = crate::yaml::from_str(text)?;
        let problems = path.check();
        Ok((path, problems))
    }

    pub fn module(&self, id: &str) -> Option<&ModuleDef> {
        self.index.modules.get(id).map(|&(m, _)| &self.modules[m])
    }

    pub fn phase_of(&self, module_id: &str) -> Option<&Phase> {
        self.index
            .modules
            .get(module_id)
            .map(|&(_, p)| &self.phases[p])
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.index
            .projects
            .get(id)
            .map(|&(g, i)| &self.projects[g].items[i])
    }

    /// Every module id in path order: phase by phase, group by group.
    pub fn module_ids(&self) -> impl Iterator<Item = &str> {
        self.phases.iter().flat_map(Phase::module_ids)
    }

    pub fn all_projects(&self) -> impl Iterator<Item = &Project> {
        self.projects.iter().flat_map(|g| g.items.iter())
    }

    pub fn all_skills(&self) -> impl Iterator<Item = &Skill> {
        self.skills.iter().flat_map(|g| g.items.iter())
    }

    /// The phase whose modules are options (the specializations), if the path has one.
    pub fn choice_phase(&self) -> Option<&Phase> {
        self.phases.iter().find(|p| p.is_choice())
    }
}

/// The 1-based line where `id` is defined in a path's YAML (`id: <id>`), or else first named; 1 when not found.
/// serde gives no positions for values, and a message that names the line is worth this search.
pub fn line_of_id(text: &str, id: &str) -> usize {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let names = |line: &str| {
        line.match_indices(id).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + id.len()..].chars().next();
            !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
        })
    };
    let lines: Vec<&str> = text.lines().collect();
    let defines = |line: &&str| {
        let t = line
            .trim_start()
            .trim_start_matches("- ")
            .trim_start_matches("{ ");
        t.strip_prefix("id:").is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.strip_prefix(id)
                .is_some_and(|r| !r.starts_with(is_id_char))
        })
    };
    if id.is_empty() {
        return 1;
    }
    lines
        .iter()
        .position(defines)
        .or_else(|| lines.iter().position(|l| names(l)))
        .map_or(1, |i| i + 1)
}

#[derive(Debug)]
pub enum PathError {
    Syntax(crate::yaml::Error),
    Invalid(Problem),
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "
id: small
title: Small
phases:
  - id: one
    title: One
    weeks: { min: 2, max: 4 }
    groups: [{ modules: [a, b] }]
  - id: two
    title: Two
    weeks: { min: 1, max: 1 }
    choose: { min: 1, max: 1 }
    groups: [{ modules: [c, d] }]
modules:
  - { id: a, title: A }
  - { id: b, title: B }
  - { id: c, title: C }
  - { id: d, title: D }
";

    fn problem_of(text: &str) -> Problem {
        match LearningPath::from_yaml(text) {
            Err(PathError::Invalid(p)) => p,
            other => panic!("expected a problem, got {other:?}"),
        }
    }

    #[test]
    fn a_sound_path_loads_with_its_index() {
        let path = LearningPath::from_yaml(SMALL).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(path.module_ids().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
        assert_eq!(path.phase_of("c").map(|p| p.id.as_str()), Some("two"));
        assert_eq!(path.choice_phase().map(|p| p.id.as_str()), Some("two"));
    }

    #[test]
    fn a_module_named_but_not_defined_is_reported_by_id() {
        let p = problem_of(&SMALL.replace("modules: [a, b]", "modules: [a, b, ghost]"));
        assert_eq!(p.id, "ghost");
        assert!(p.message.contains("not defined"), "{}", p.message);
    }

    #[test]
    fn a_duplicate_module_is_reported() {
        let p = problem_of(&SMALL.replace("- { id: b, title: B }", "- { id: a, title: B }"));
        assert_eq!(p.id, "a");
        assert_eq!(p.message, "module `a` is defined twice");
    }

    #[test]
    fn an_empty_phase_is_reported() {
        let text = SMALL.replace("groups: [{ modules: [c, d] }]", "groups: [{ modules: [] }]");
        let text = text.replace("    choose: { min: 1, max: 1 }\n", "");
        let p = problem_of(&text);
        assert_eq!(
            (p.id.as_str(), p.message.as_str()),
            ("two", "phase `two` has no modules")
        );
        let (_, all) =
            LearningPath::from_yaml_all_problems(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            all.iter().any(|p| p.message == "module `c` is in no phase"),
            "{all:?}"
        );
    }

    #[test]
    fn an_inverted_week_range_is_reported() {
        let p = problem_of(&SMALL.replace("{ min: 2, max: 4 }", "{ min: 5, max: 4 }"));
        assert_eq!(p.id, "one");
        assert!(p.message.contains("5-4"), "{}", p.message);
    }

    #[test]
    fn a_syntax_error_has_a_location() {
        match LearningPath::from_yaml("id: [unclosed\n") {
            Err(PathError::Syntax(e)) => assert!(e.location.is_some()),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn line_of_id_finds_the_definition_then_any_mention() {
        assert_eq!(line_of_id(SMALL, "c"), 17);
        assert_eq!(line_of_id(SMALL, "two"), 9);
        assert_eq!(
            line_of_id(&SMALL.replace("[a, b]", "[a, b, ghost]"), "ghost"),
            8
        );
        assert_eq!(line_of_id(SMALL, "nowhere"), 1);
    }

    #[test]
    fn unknown_fields_are_refused_rather_than_ignored() {
        assert!(matches!(
            LearningPath::from_yaml(&SMALL.replace("title: Small", "title: Small\ntitel: typo")),
            Err(PathError::Syntax(_))
        ));
    }
}
