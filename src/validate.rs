//! Checking a path and its guides without stopping at the first problem: every problem, each with its file and line.
//!
//! Pure: the caller hands over the path's text and two lookups (a module's guide, whether a relative link's target
//! exists), so this runs the same on built-in and on-disk paths, and in tests without files.

use std::fmt;

use serde::Serialize;

use jiff::civil::Date;

use crate::course::check::{effort_problems, front_matter_problems, key_line, prerequisite_cycle};
use crate::dates::add_days;
use crate::error::yaml_location;
use crate::guide::checklist::label;
use crate::guide::{self, FrontMatter, Guide};
use crate::path::{LearningPath, line_of_id};
use crate::plan::{Pace, share};

/// One problem, printed as `FILE:LINE: message` (or `FILE:LINE:COLUMN: message`) so editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
    /// Worth fixing but not wrong (a guide not reviewed for a year, a checklist item without a short label):
    /// printed as `warning:`, and `validate` still succeeds.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warning: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.warning { "warning: " } else { "" };
        match self.column {
            Some(column) => write!(
                f,
                "{}:{}:{column}: {level}{}",
                self.file, self.line, self.message
            ),
            None => write!(f, "{}:{}: {level}{}", self.file, self.line, self.message),
        }
    }
}

/// How much was looked at, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub paths: usize,
    pub guides: usize,
    pub links: usize,
}

/// A module's guide as found: the file as named in messages, and its text.
pub struct GuideText {
    pub file: String,
    pub text: String,
}

/// What the checker needs from the outside.
pub struct Lookups<'a> {
    /// A module's guide, or the message saying where it was looked for.
    pub guide: &'a dyn Fn(&str) -> Result<GuideText, String>,
    /// Whether a relative link (without its `#fragment`) from a guide file names something that exists.
    pub link_exists: &'a dyn Fn(&str, &str) -> bool,
    /// Today, to tell how long ago a guide was reviewed; `None` leaves that unchecked.
    pub today: Option<Date>,
}

/// Checks one path: its YAML (schema, ids, week ranges, references), then every module's guide (found, parsed,
/// front matter consistent with the path, links well-formed), then prerequisite cycles.
pub fn check_path(
    file: &str,
    text: &str,
    lookups: &Lookups,
    checked: &mut Checked,
) -> Vec<Finding> {
    checked.paths += 1;
    let (path, problems) = match LearningPath::from_yaml_all_problems(text) {
        Ok(parsed) => parsed,
        Err(e) => return vec![syntax_finding(file, &e)],
    };
    // serde gives no positions for values: a finding about the path is put on the line of the id it names.
    let at_id = |id: &str, message: String| Finding {
        file: file.to_string(),
        line: line_of_id(text, id),
        column: None,
        message,
        warning: false,
    };
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|problem| at_id(&problem.id, problem.message))
        .collect();

    let mut fronts: Vec<(String, FrontMatter)> = Vec::new();
    for def in &path.modules {
        match (lookups.guide)(&def.id) {
            Ok(guide) => {
                let problems = |front: &FrontMatter, text: &str| {
                    front_matter_problems(&def.id, front, &path, text)
                };
                let (found, front) = guide_findings(&guide, &problems, lookups, checked);
                findings.extend(found);
                fronts.extend(front.map(|f| (def.id.clone(), f)));
            }
            Err(message) => findings.push(at_id(&def.id, message)),
        }
    }
    // A project's brief is optional (a path may name projects it does not describe); one that is there is checked as
    // a guide is, its front matter against the project.
    for project in path.all_projects() {
        if let Ok(brief) = (lookups.guide)(&project.id) {
            let problems = |front: &FrontMatter, text: &str| {
                crate::course::check::brief_problems(project, front, &path, text)
            };
            findings.extend(guide_findings(&brief, &problems, lookups, checked).0);
        }
    }
    if let Some((id, message)) = cycle_problem(&path, &fronts) {
        findings.push(at_id(&id, message));
    }
    let hours = |id: &str| {
        fronts
            .iter()
            .find(|(m, _)| m == id)
            .and_then(|(_, f)| f.hours)
    };
    for (phase, message) in effort_problems(&path, &hours)
        .into_iter()
        .chain(pace_problems(&path, &hours))
    {
        findings.push(at_id(&phase, message));
    }
    findings
}

/// A path that does not parse as a path gives this one finding: nothing after it could be trusted.
fn syntax_finding(file: &str, e: &crate::yaml::Error) -> Finding {
    let (position, message) = yaml_location(e);
    let (line, column) = position.map_or((1, None), |(l, c)| (l, Some(c)));
    Finding {
        file: file.to_string(),
        line,
        column,
        message,
        warning: false,
    }
}

/// The front-matter check a guide is held to: a module's ([`front_matter_problems`]) or a brief's
/// ([`crate::course::check::brief_problems`]); each problem with its line in the text.
type FrontProblems<'a> = &'a dyn Fn(&FrontMatter, &str) -> Vec<(usize, String)>;

/// One module's guide (or project's brief): whether it parses, its front matter against the path (`front_problems`),
/// its links. With the guide's front matter when it parsed, for the cycle check.
fn guide_findings(
    guide: &GuideText,
    front_problems: FrontProblems,
    lookups: &Lookups,
    checked: &mut Checked,
) -> (Vec<Finding>, Option<FrontMatter>) {
    checked.guides += 1;
    let doc = match guide::parse(&guide.text) {
        Ok(doc) => doc,
        Err(e) => {
            let finding = Finding {
                file: guide.file.clone(),
                line: e.line,
                column: e.column,
                message: e.message,
                warning: false,
            };
            return (vec![finding], None);
        }
    };
    let mut findings: Vec<Finding> = front_problems(&doc.front, &guide.text)
        .into_iter()
        .map(|(line, message)| Finding {
            file: guide.file.clone(),
            line,
            column: None,
            message,
            warning: false,
        })
        .collect();
    findings.extend(link_findings(guide, &doc, lookups, checked));
    findings.extend(content_warnings(guide, &doc, lookups.today));
    (findings, Some(doc.front))
}

/// What keeps a guide useful without being wrong: a short label on every checklist item (a week's focus in the plan
/// is that label), and a review within the last year, so a reader can tell how current it is.
fn content_warnings(guide: &GuideText, doc: &Guide, today: Option<Date>) -> Vec<Finding> {
    let warn = |line: usize, message: String| Finding {
        file: guide.file.clone(),
        line,
        column: None,
        message,
        warning: true,
    };
    let mut out: Vec<Finding> = doc
        .checklist
        .iter()
        .filter(|item| label(&item.text).is_none())
        .map(|item| {
            warn(
                item.line,
                "checklist item has no short label: write it as `Label: text`, the label at most 40 characters \
                 (the plan shows the label as a week's focus)"
                    .to_string(),
            )
        })
        .collect();
    let stale = match (doc.front.reviewed, today) {
        (Some(reviewed), Some(today)) => add_days(reviewed, 365).is_some_and(|due| due < today),
        _ => false,
    };
    if let (true, Some(reviewed)) = (stale, doc.front.reviewed) {
        out.push(warn(
            key_line(&guide.text, "reviewed"),
            format!(
                "the guide was last reviewed on {reviewed}, more than a year ago: check it against current \
                 documentation and update `reviewed`"
            ),
        ));
    }
    out
}

/// The first prerequisite cycle among the parsed guides: the module it starts at, and the message.
fn cycle_problem(
    path: &LearningPath,
    fronts: &[(String, FrontMatter)],
) -> Option<(String, String)> {
    let prerequisites = |id: &str| -> &[String] {
        fronts
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, f)| f.prerequisites.as_slice())
            .unwrap_or_default()
    };
    let cycle = prerequisite_cycle(path, prerequisites)?;
    let names: Vec<String> = cycle.iter().map(|c| format!("`{c}`")).collect();
    let message = format!(
        "module `{}` is its own prerequisite through {}",
        cycle[0],
        names.join(" -> ")
    );
    Some((cycle[0].clone(), message))
}

fn link_findings(
    guide: &GuideText,
    doc: &Guide,
    lookups: &Lookups,
    checked: &mut Checked,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for link in &doc.links {
        checked.links += 1;
        let problem = match link_kind(&link.url) {
            LinkKind::Absolute => None,
            LinkKind::Fragment => None,
            LinkKind::Relative(target) => (!(lookups.link_exists)(&guide.file, target))
                .then(|| format!("link `{}` names `{target}`, which does not exist", link.url)),
            LinkKind::Malformed(why) => {
                Some(format!("link `{}` is not well-formed: {why}", link.url))
            }
        };
        if let Some(message) = problem {
            findings.push(Finding {
                file: guide.file.clone(),
                line: link.line,
                column: None,
                message,
                warning: false,
            });
        }
    }
    findings
}

#[derive(Debug, PartialEq, Eq)]
enum LinkKind<'a> {
    /// `scheme:…` with what the scheme needs.
    Absolute,
    /// `#section`: a place in the same guide.
    Fragment,
    /// A relative reference; the target without its `#fragment` or `?query`.
    Relative(&'a str),
    Malformed(&'static str),
}

/// Classifies a link by RFC 3986's shapes: a scheme (a letter, then letters, digits, `+`, `-`, `.`) and a colon
/// make it absolute; web schemes also need `//` and a host. Hand-written because these few rules are all that is
/// needed, and a URL crate would add far more than it checks here.
fn link_kind(url: &str) -> LinkKind<'_> {
    if url.trim().is_empty() {
        return LinkKind::Malformed("it is empty");
    }
    if url.chars().any(char::is_whitespace) {
        return LinkKind::Malformed("it contains a space");
    }
    if let Some((scheme, rest)) = url.split_once(':') {
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            let web = matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "ftp" | "ftps"
            );
            if web {
                let host = rest
                    .strip_prefix("//")
                    .map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
                return match host {
                    Some(h) if !h.is_empty() && !h.starts_with(':') => LinkKind::Absolute,
                    _ => LinkKind::Malformed("a web link needs `//` and a host after the scheme"),
                };
            }
            return if rest.is_empty() {
                LinkKind::Malformed("nothing follows the scheme")
            } else {
                LinkKind::Absolute
            };
        }
    }
    if url.starts_with("//") {
        return LinkKind::Malformed("give the scheme (`https:`)");
    }
    if url.starts_with('#') {
        return LinkKind::Fragment;
    }
    let target = url.split(['#', '?']).next().unwrap_or_default();
    LinkKind::Relative(target)
}

/// The ways the default pace's plan disagrees with the weekly effort the path states (`hours_per_week`; nothing to
/// check without it). At [`Pace::default`] each phase lasts its middle length, and the plan shares those weeks between
/// the phase's modules in proportion to their hours, in whole weeks ([`share`], the plan's own rule). A module whose
/// share asks more hours a week than the path states is squeezed; a phase whose hours fall a week or more short of its
/// weeks at that effort leaves the learner idle. A choice phase is checked for every allowed choice, in the path's
/// order, as the plan would lay it out; only a full choice (`choose.max` options) must fill the weeks, since a learner
/// who picks fewer fills them with the optional extras.
pub fn pace_problems(
    path: &LearningPath,
    hours: &dyn Fn(&str) -> Option<f64>,
) -> Vec<(String, String)> {
    let Some(per_week) = path.hours_per_week.filter(|h| h.is_finite() && *h > 0.0) else {
        return Vec::new();
    };
    let pace = Pace::default();
    let mut problems = Vec::new();
    for phase in &path.phases {
        let weeks = pace.weeks(phase.weeks);
        let ids: Vec<&str> = phase.module_ids().collect();
        let (min, max) = phase
            .choose
            .map_or((ids.len(), ids.len()), |c| (c.min, c.max));
        // Every allowed choice, as a bit set over the phase's modules; a phase is a few modules, so this stays small.
        let choices = (1u32..(1u32 << ids.len().min(16)))
            .filter(|set| (min..=max).contains(&(set.count_ones() as usize)));
        for set in choices {
            let chosen: Vec<&str> = (0..ids.len())
                .filter(|i| set & (1 << i) != 0)
                .map(|i| ids[i])
                .collect();
            let each: Vec<f64> = chosen.iter().map(|m| hours(m).unwrap_or(0.0)).collect();
            for ((module, h), w) in chosen.iter().zip(&each).zip(share(weeks, &each)) {
                let load = h / f64::from(w);
                if load > per_week + 1e-9 {
                    problems.push((
                        phase.id.clone(),
                        format!(
                            "at the default {} pace the plan gives `{module}` {w} of the {weeks} weeks of phase \
                             `{}`, which asks {load:.1} h a week for its {h} h, more than the path's {per_week} h",
                            pace.as_str(),
                            phase.id
                        ),
                    ));
                }
            }
            let total: f64 = each.iter().sum();
            if chosen.len() == max && total < f64::from(weeks.saturating_sub(1)) * per_week {
                problems.push((
                    phase.id.clone(),
                    format!(
                        "at the default {} pace the {} of phase `{}` take {total} h in its {weeks} weeks, \
                         {:.1} h a week: a week or more short of the path's {per_week} h a week",
                        pace.as_str(),
                        if phase.choose.is_some() { "chosen guides" } else { "guides" },
                        phase.id,
                        total / f64::from(weeks)
                    ),
                ));
            }
        }
    }
    // A module squeezed in several choices is one problem.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|p| seen.insert(p.clone()));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "id: p
title: P
phases:
  - id: one
    title: One
    weeks: { min: 1, max: 2 }
    groups: [{ modules: [a, b] }]
modules:
  - id: a
    title: A
  - id: b
    title: B
";

    fn guide(id: &str, body: &str) -> String {
        format!("---\nid: {id}\nhours: 5\n---\n# {id}\n\n{body}\n")
    }

    fn run(path: &str, guides: &[(&str, String)]) -> Vec<String> {
        let find = |id: &str| {
            guides
                .iter()
                .find(|(g, _)| *g == id)
                .map(|(g, text)| GuideText {
                    file: format!("modules/{g}/README.md"),
                    text: text.clone(),
                })
                .ok_or_else(|| format!("module `{id}` has no guide"))
        };
        let exists = |_: &str, target: &str| target == "../a/README.md";
        let lookups = Lookups {
            guide: &find,
            link_exists: &exists,
            today: None,
        };
        let mut checked = Checked::default();
        check_path("p.yaml", path, &lookups, &mut checked)
            .iter()
            .map(Finding::to_string)
            .collect()
    }

    #[test]
    fn a_sound_path_has_no_findings() {
        let guides = [
            ("a", guide("a", "")),
            ("b", guide("b", "[A](../a/README.md)")),
        ];
        assert_eq!(run(PATH, &guides), Vec::<String>::new());
    }

    #[test]
    fn a_missing_guide_is_reported_at_the_module_line() {
        assert_eq!(
            run(PATH, &[("a", guide("a", ""))]),
            ["p.yaml:11: module `b` has no guide"]
        );
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = PATH
            .replace("{ min: 1, max: 2 }", "{ min: 3, max: 2 }")
            .replace("[a, b]", "[a, b, ghost]");
        let guides = [("a", guide("a", "")), ("b", guide("b", ""))];
        assert_eq!(
            run(&text, &guides),
            [
                "p.yaml:4: phase `one` has the week range 3-2: it needs 1 <= min <= max",
                "p.yaml:7: phase `one` names module `ghost`, which is not defined under `modules`"
            ]
        );
    }

    #[test]
    fn a_yaml_syntax_error_has_line_and_column() {
        let found = run("id: p\nphases: [\n", &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("p.yaml:2:9: unclosed bracket"),
            "{found:?}"
        );
    }

    #[test]
    fn guide_problems_name_the_guide_file_and_line() {
        let guides = [
            ("a", guide("a", "").replace("id: a", "id: z")),
            (
                "b",
                guide(
                    "b",
                    "[ok](https://example.org/x)\n\n[gone](../c/README.md)\n\n[bad](https//example.org)\n\n[nohost](https:///x)",
                ),
            ),
        ];
        assert_eq!(
            run(PATH, &guides),
            [
                "modules/a/README.md:2: front matter says `id: z`, but the guide is for module `a`",
                "modules/b/README.md:9: link `../c/README.md` names `../c/README.md`, which does not exist",
                "modules/b/README.md:11: link `https//example.org` names `https//example.org`, which does not exist",
                "modules/b/README.md:13: link `https:///x` is not well-formed: a web link needs `//` and a host after the scheme",
            ]
        );
    }

    #[test]
    fn a_prerequisite_cycle_is_reported_at_its_first_module() {
        let guides = [
            (
                "a",
                guide("a", "").replace("hours: 5", "hours: 5\nprerequisites: [b]"),
            ),
            (
                "b",
                guide("b", "").replace("hours: 5", "hours: 5\nprerequisites: [a]"),
            ),
        ];
        assert_eq!(
            run(PATH, &guides),
            ["p.yaml:9: module `a` is its own prerequisite through `a` -> `b` -> `a`"]
        );
    }

    #[test]
    fn links_are_classified() {
        assert_eq!(link_kind("https://example.org/a?b#c"), LinkKind::Absolute);
        assert_eq!(link_kind("mailto:someone@example.org"), LinkKind::Absolute);
        assert_eq!(link_kind("#overview"), LinkKind::Fragment);
        assert_eq!(
            link_kind("../x/README.md#top"),
            LinkKind::Relative("../x/README.md")
        );
        assert!(matches!(
            link_kind("http:example.org"),
            LinkKind::Malformed(_)
        ));
        assert!(matches!(link_kind("//example.org"), LinkKind::Malformed(_)));
        assert!(matches!(link_kind("a b.md"), LinkKind::Malformed(_)));
        assert!(matches!(link_kind(""), LinkKind::Malformed(_)));
    }
}
