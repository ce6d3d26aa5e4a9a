//! The built-in path holds the whole source document, item by item.
//!
//! `paths/software-developer-to-ai-engineer.md` is the document the path was made from. This walks it line by line
//! and checks that every heading, item and sub-item has its place in the YAML, so nothing can go missing.

use aipath::path::LearningPath;

const DOCUMENT: &str = include_str!("../../paths/software-developer-to-ai-engineer.md");
const YAML: &str = include_str!("../../paths/software-developer-to-ai-engineer.yaml");

/// A line of the document, classified.
#[derive(Debug, PartialEq)]
enum Line<'a> {
    H2(&'a str),
    H3(&'a str),
    /// A top-level item: `1. text`, `- text`, or `1. [text](link)`, with the link's target.
    Item(&'a str, Option<&'a str>),
    /// An indented `- text` under an item.
    SubItem(&'a str),
    Text(&'a str),
}

fn classify(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with("# ") {
        return None;
    }
    if let Some(h) = trimmed.strip_prefix("### ") {
        return Some(Line::H3(h));
    }
    if let Some(h) = trimmed.strip_prefix("## ") {
        return Some(Line::H2(h));
    }
    let indented = line.starts_with("  ");
    let body = trimmed.strip_prefix("- ").or_else(|| {
        trimmed
            .split_once(". ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, b)| b)
    });
    match body {
        Some(b) if indented => Some(Line::SubItem(b)),
        Some(b) => match b.strip_prefix('[').and_then(|r| r.split_once("](")) {
            Some((text, rest)) => Some(Line::Item(text, rest.strip_suffix(')'))),
            None => Some(Line::Item(b, None)),
        },
        None => Some(Line::Text(trimmed)),
    }
}

fn path() -> LearningPath {
    LearningPath::from_yaml(YAML)
        .unwrap_or_else(|e| panic!("the built-in path does not load: {e:?}"))
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one check per part of the source document, in its order"
)]
fn every_item_of_the_source_document_is_in_the_path() {
    let path = path();
    let lines: Vec<Line> = DOCUMENT.lines().filter_map(classify).collect();
    let mut section = "";
    let mut group = "";
    let mut item = "";
    let mut checked = 0;
    let mut phase_index = 0usize;
    let mut group_index = 0usize;
    let mut module_ids: Vec<String> = Vec::new();

    for line in &lines {
        match *line {
            Line::H2(h) => {
                section = h;
                group = "";
                if let Some((title, weeks)) = h
                    .rsplit_once(" (")
                    .and_then(|(t, w)| Some((t, w.strip_suffix(" weeks)")?)))
                {
                    // A phase: "Title (Choose 1-2) (6-8 weeks)".
                    let phase = &path.phases[phase_index];
                    let (min, max) = weeks.split_once('-').unwrap_or_default();
                    let range = (min.parse::<u32>().ok(), max.parse::<u32>().ok());
                    assert_eq!(
                        range,
                        (Some(phase.weeks.min), Some(phase.weeks.max)),
                        "weeks of `{h}`"
                    );
                    let (title, choose) = match title.rsplit_once(" (Choose ") {
                        Some((t, c)) => (t, Some(c.trim_end_matches(')'))),
                        None => (title, None),
                    };
                    assert_eq!(phase.title, title, "phase title");
                    let expected = phase.choose.map(|c| format!("{}-{}", c.min, c.max));
                    assert_eq!(choose.map(str::to_string), expected, "choose of `{h}`");
                    phase_index += 1;
                    group_index = 0;
                } else {
                    let known = [
                        "Overview",
                        "Prerequisites",
                        "Essential Skills",
                        "Recommended Projects",
                        "Resources",
                    ];
                    assert!(
                        known.contains(&h),
                        "a section the path has no place for: `{h}`"
                    );
                }
                checked += 1;
            }
            Line::H3(h) => {
                group = h;
                if phase_index > 0 && section.ends_with("weeks)") {
                    let phase = &path.phases[phase_index - 1];
                    let titled: Vec<&str> = phase
                        .groups
                        .iter()
                        .filter_map(|g| g.title.as_deref())
                        .collect();
                    assert_eq!(
                        titled.get(group_index).copied(),
                        Some(h),
                        "group of `{}`",
                        phase.id
                    );
                    group_index += 1;
                } else {
                    let found = match section {
                        "Essential Skills" => path.skills.iter().any(|g| g.title == h),
                        "Recommended Projects" => path.projects.iter().any(|g| g.title == h),
                        // "Transition Tips" is the heading of the path's `tips`.
                        "Resources" => {
                            h == "Transition Tips" || path.resources.iter().any(|g| g.title == h)
                        }
                        other => panic!("unexpected section `{other}`"),
                    };
                    assert!(found, "group `{h}` of `{section}`");
                }
                checked += 1;
            }
            Line::Text(t) => {
                assert_eq!(section, "Overview", "stray text `{t}`");
                assert_eq!(
                    path.overview.split_whitespace().collect::<Vec<_>>(),
                    t.split_whitespace().collect::<Vec<_>>()
                );
                checked += 1;
            }
            Line::Item(text, link) => {
                item = text;
                let found = match (section, group) {
                    ("Prerequisites", _) => path.prerequisites.iter().any(|p| p == text),
                    ("Essential Skills", g) => path
                        .skills
                        .iter()
                        .filter(|s| s.title == g)
                        .flat_map(|s| &s.items)
                        .any(|s| s.title == text),
                    ("Recommended Projects", g) => path
                        .projects
                        .iter()
                        .filter(|s| s.title == g)
                        .flat_map(|s| &s.items)
                        .any(|s| s.title == text),
                    ("Resources", "Transition Tips") => path.tips.iter().any(|t| t.title == text),
                    ("Resources", g) => path
                        .resources
                        .iter()
                        .filter(|s| s.title == g)
                        .flat_map(|s| &s.items)
                        .any(|s| s == text),
                    (_, _) => {
                        // A module: its link names its id.
                        let id = link
                            .and_then(|l| l.strip_prefix("../modules/"))
                            .and_then(|l| l.strip_suffix("/README.md"))
                            .unwrap_or_else(|| {
                                panic!("module item `{text}` without a module link")
                            });
                        module_ids.push(id.to_string());
                        let phase = &path.phases[phase_index - 1];
                        let in_phase = phase.module_ids().any(|m| m == id);
                        let in_group = group.is_empty()
                            || phase.groups.iter().any(|g| {
                                g.title.as_deref() == Some(group)
                                    && g.modules.iter().any(|m| m == id)
                            });
                        in_phase && in_group && path.module(id).is_some_and(|m| m.title == text)
                    }
                };
                assert!(found, "item `{text}` of `{section}` / `{group}`");
                checked += 1;
            }
            Line::SubItem(text) => {
                let found = match section {
                    "Resources" => path
                        .tips
                        .iter()
                        .filter(|t| t.title == item)
                        .flat_map(|t| &t.items)
                        .any(|t| t == text),
                    _ => {
                        let id = module_ids.last().cloned().unwrap_or_default();
                        path.module(&id)
                            .is_some_and(|m| m.topics.iter().any(|t| t == text))
                    }
                };
                assert!(found, "sub-item `{text}` of `{item}`");
                checked += 1;
            }
        }
    }
    assert_eq!(phase_index, 3, "three phases");
    assert_eq!(
        module_ids,
        [
            "machine-learning-basics",
            "math-foundations",
            "deep-learning-foundations",
            "mlops-basics",
            "model-deployment",
            "model-training-tuning",
            "llm-applications",
            "computer-vision",
            "nlp-transformers"
        ]
    );
    // Every classified line was matched: the count guards against the walker silently skipping lines.
    assert_eq!(checked, lines.len());
    assert!(checked > 100, "{checked}");
}

#[test]
fn the_path_has_no_more_than_the_document_says() {
    let path = path();
    let topics: Vec<usize> = path.modules.iter().map(|m| m.topics.len()).collect();
    assert_eq!(topics, [4, 4, 4, 4, 4, 4, 4, 4, 3]);
    assert_eq!(path.prerequisites.len(), 4);
    assert_eq!(
        path.skills
            .iter()
            .map(|s| s.items.len())
            .collect::<Vec<_>>(),
        [4, 4, 4]
    );
    assert_eq!(
        path.projects
            .iter()
            .map(|s| s.items.len())
            .collect::<Vec<_>>(),
        [3, 3, 3]
    );
    assert_eq!(
        path.resources
            .iter()
            .map(|s| s.items.len())
            .collect::<Vec<_>>(),
        [4, 4, 4]
    );
    assert_eq!(
        path.tips.iter().map(|s| s.items.len()).collect::<Vec<_>>(),
        [3, 3, 3]
    );
    let ids: Vec<&str> = path.phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["foundations", "engineering", "specializations"]);
    let engineering: Vec<Option<&str>> = path.phases[1]
        .groups
        .iter()
        .map(|g| g.title.as_deref())
        .collect();
    assert_eq!(
        engineering,
        [
            Some("Infrastructure & Deployment"),
            Some("Development & Production")
        ]
    );
}
