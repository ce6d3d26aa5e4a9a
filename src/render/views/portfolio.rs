//! `aipath portfolio`: what a learner would put on a profile or a CV — the path and its dates, the modules completed
//! with their hours, the projects with their links, one line on each and the skills they show. One view, three
//! formats: markdown for a code-hosting profile page, a self-contained HTML page ([`crate::render::report`] draws
//! it, as it draws the report), and JSON in the shape of the JSON Resume schema's `projects`, `skills` and
//! `education` sections, so other tools can take it.

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::links::LinkRow;
use crate::progress::links::is_web_url;
use crate::render::markdown::{self, text as md};
use crate::render::table::Cell;
use crate::render::text::hours;
use crate::render::{Render, Screen};

/// Which form `portfolio` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Html,
    Json,
}

pub struct PortfolioView {
    pub format: Format,
    pub path: String,
    pub title: String,
    pub today: Date,
    pub version: &'static str,
    /// The day the learner began the path.
    pub started: Option<Date>,
    /// Modules done, of those that count, as `status` counts them.
    pub done: usize,
    pub total: usize,
    /// Every hour logged on the path, as `status` totals it.
    pub hours_total: f64,
    pub modules: Vec<ModuleLine>,
    pub projects: Vec<ProjectLine>,
    pub skills: Vec<SkillLine>,
}

/// A module completed.
#[derive(Serialize)]
pub struct ModuleLine {
    pub id: String,
    pub title: String,
    pub started: Option<Date>,
    pub finished: Option<Date>,
    /// Hours logged to it.
    pub hours: f64,
}

/// A project done or under way, or with links.
#[derive(Serialize)]
pub struct ProjectLine {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    /// The brief's one line on what it builds.
    pub summary: Option<String>,
    pub started: Option<Date>,
    pub finished: Option<Date>,
    pub hours: f64,
    /// The skills its brief says it demonstrates.
    pub skills: Vec<String>,
    /// The titles of the modules it builds on.
    pub builds_on: Vec<String>,
    /// The acceptance criteria ticked, and how many the brief has.
    pub criteria_met: Vec<String>,
    pub criteria_total: usize,
    /// Its links; notes only with `--with-notes`.
    pub links: Vec<LinkRow>,
}

/// An essential skill with what shows it: projects done whose briefs name it, and modules done that teach it.
#[derive(Serialize)]
pub struct SkillLine {
    pub title: String,
    pub group: String,
    pub projects: Vec<String>,
    pub modules: Vec<String>,
}

impl ProjectLine {
    pub fn is_done(&self) -> bool {
        self.status == "done"
    }

    /// "done 2026-01-05 – 2026-02-20", "in progress since 2026-01-05".
    pub fn when(&self) -> String {
        match (self.status, self.started, self.finished) {
            ("done", Some(s), Some(f)) if s != f => format!("done, {s} – {f}"),
            ("done", _, Some(f)) => format!("done {f}"),
            ("in-progress", Some(s), _) => format!("in progress since {s}"),
            (status, ..) => status.replace('-', " "),
        }
    }
}

impl PortfolioView {
    /// The opening line: the path, the dates, how far, how long.
    pub fn intro(&self) -> String {
        let mut out = format!(
            "{} of {} modules done and {} h of study logged",
            self.done,
            self.total,
            hours(self.hours_total)
        );
        if let Some(started) = self.started {
            out = format!("Started {started}; {out}");
        }
        format!("{out}, as of {}.", self.today)
    }
}

/// A link for markdown: an autolink when it is a web URL exactly as `link` stores one (a hand-edited state may hold
/// anything), else its text, escaped; the note after it with `--with-notes`.
fn md_link(link: &LinkRow) -> String {
    let url = if is_web_url(&link.url) {
        format!("<{}>", link.url)
    } else {
        md(&link.url)
    };
    match &link.note {
        Some(note) => format!("{url} ({})", md(note)),
        None => url,
    }
}

fn md_list(items: &[String]) -> String {
    items.iter().map(|i| md(i)).collect::<Vec<_>>().join(", ")
}

impl PortfolioView {
    /// Markdown that reads well on a code-hosting profile page: headings, a line per fact, a table of modules.
    pub fn markdown(&self) -> String {
        let mut out = format!("## {}\n\n{}\n", md(&self.title), md(&self.intro()));
        if !self.projects.is_empty() {
            out.push_str("\n### Projects\n");
        }
        for p in &self.projects {
            out.push_str(&format!("\n#### {}\n\n", md(&p.title)));
            if let Some(summary) = &p.summary {
                out.push_str(&format!("{}\n\n", md(summary)));
            }
            let mut when = md(&p.when());
            if p.hours > 0.0 {
                when.push_str(&format!(", {} h", hours(p.hours)));
            }
            out.push_str(&format!("- **Status:** {when}\n"));
            if !p.skills.is_empty() {
                out.push_str(&format!("- **Skills:** {}\n", md_list(&p.skills)));
            }
            if !p.builds_on.is_empty() {
                out.push_str(&format!("- **Builds on:** {}\n", md_list(&p.builds_on)));
            }
            if p.criteria_total > 0 {
                out.push_str(&format!(
                    "- **Acceptance criteria met:** {} of {}\n",
                    p.criteria_met.len(),
                    p.criteria_total
                ));
            }
            if !p.links.is_empty() {
                let links: Vec<String> = p.links.iter().map(md_link).collect();
                out.push_str(&format!("- **Links:** {}\n", links.join(", ")));
            }
        }
        if !self.modules.is_empty() {
            out.push_str("\n### Modules completed\n\n");
            let rows: Vec<Vec<Cell>> = self
                .modules
                .iter()
                .map(|m| {
                    vec![
                        Cell::from(m.title.clone()),
                        Cell::from(m.finished.map_or(String::new(), |d| d.to_string())),
                        Cell::from(hours(m.hours)),
                    ]
                })
                .collect();
            out.push_str(&markdown::table(&["Module", "Finished", "Hours"], &rows));
        }
        let shown: Vec<&SkillLine> = self
            .skills
            .iter()
            .filter(|s| !s.projects.is_empty() || !s.modules.is_empty())
            .collect();
        if !shown.is_empty() {
            out.push_str("\n### Skills\n\n");
        }
        for s in shown {
            let mut parts = Vec::new();
            if !s.projects.is_empty() {
                parts.push(format!("shown in {}", md_list(&s.projects)));
            }
            if !s.modules.is_empty() {
                parts.push(format!("studied in {}", md_list(&s.modules)));
            }
            out.push_str(&format!("- **{}**: {}\n", md(&s.title), parts.join("; ")));
        }
        out.push_str(&format!(
            "\n<sub>Tracked with aipath {}: the learning path \"{}\".</sub>\n",
            self.version,
            md(&self.title)
        ));
        out
    }
}

impl Render for PortfolioView {
    fn render(&self, _: Screen) -> String {
        match self.format {
            Format::Markdown => self.markdown(),
            Format::Html => crate::render::report::portfolio_page(self),
            Format::Json => crate::render::json(self).unwrap_or_default() + "\n",
        }
    }
}

/// The JSON form: the JSON Resume schema's sections (<https://jsonresume.org/schema>), camelCase and dates as the
/// schema writes them, so a résumé tool can merge it into a whole résumé. A project's `url` is its first link, its
/// `highlights` the acceptance criteria met, its `keywords` the skills it shows; a skill's `keywords` are the
/// projects and modules that show it; the path is one `education` entry whose `courses` are the modules completed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Resume<'a> {
    projects: Vec<ResumeProject<'a>>,
    skills: Vec<ResumeSkill<'a>>,
    education: Vec<ResumeEducation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResumeProject<'a> {
    name: &'a str,
    description: Option<&'a str>,
    highlights: &'a [String],
    keywords: &'a [String],
    start_date: Option<Date>,
    end_date: Option<Date>,
    url: Option<&'a str>,
    /// The learner's links beyond the first, with notes under `--with-notes`: not a JSON Resume field, which
    /// resume tools ignore.
    links: &'a [LinkRow],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResumeSkill<'a> {
    name: &'a str,
    keywords: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResumeEducation<'a> {
    institution: &'static str,
    area: &'a str,
    study_type: &'static str,
    start_date: Option<Date>,
    courses: Vec<String>,
}

impl Serialize for PortfolioView {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Resume {
            projects: self
                .projects
                .iter()
                .map(|p| ResumeProject {
                    name: &p.title,
                    description: p.summary.as_deref(),
                    highlights: &p.criteria_met,
                    keywords: &p.skills,
                    start_date: p.started,
                    end_date: p.finished,
                    url: p
                        .links
                        .iter()
                        .map(|l| l.url.as_str())
                        .find(|u| is_web_url(u)),
                    links: &p.links,
                })
                .collect(),
            skills: self
                .skills
                .iter()
                .filter(|s| !s.projects.is_empty() || !s.modules.is_empty())
                .map(|s| ResumeSkill {
                    name: &s.title,
                    keywords: s
                        .projects
                        .iter()
                        .chain(&s.modules)
                        .map(String::as_str)
                        .collect(),
                })
                .collect(),
            education: vec![ResumeEducation {
                institution: "Self-directed learning path (aipath)",
                area: &self.title,
                study_type: "Learning path",
                start_date: self.started,
                courses: self
                    .modules
                    .iter()
                    .map(|m| format!("{} ({} h)", m.title, hours(m.hours)))
                    .collect(),
            }],
        }
        .serialize(serializer)
    }
}
