//! The nine built-in study guides: front matter that matches the path, the sections a guide promises, real-looking
//! resources, a checklist worth ticking, and enough text to learn from.

use aipath::course::Course;
use aipath::guide::{self, Guide};
use pulldown_cmark::{Event, Tag, TagEnd};

const SECTIONS: [&str; 6] = [
    "Overview",
    "Learning objectives",
    "Topics",
    "Resources",
    "Exercises",
    "Checklist",
];

fn library() -> Course {
    aipath::io::loader::load(None)
        .unwrap_or_else(|e| panic!("the built-in path does not load: {e:#}"))
}

/// Each guide's text as it is on disk, by module id.
fn guides(library: &Course) -> Vec<(String, String, Guide)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    library
        .path
        .module_ids()
        .map(|id| {
            let file = root.join("modules").join(id).join("README.md");
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let doc = guide::parse(&text)
                .unwrap_or_else(|e| panic!("{}:{}: {}", file.display(), e.line, e.message));
            (id.to_string(), text, doc)
        })
        .collect()
}

/// The line of a `##` section, and the line of the next one (or the end).
fn section_lines(doc: &Guide, title: &str) -> (usize, usize) {
    let h2: Vec<(usize, &str)> = doc
        .sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| (s.line, s.title.as_str()))
        .collect();
    let i = h2
        .iter()
        .position(|(_, t)| *t == title)
        .unwrap_or_else(|| panic!("no `## {title}`"));
    (h2[i].0, h2.get(i + 1).map_or(usize::MAX, |(l, _)| *l))
}

#[test]
fn every_module_and_project_of_the_path_has_a_guide_folder_and_no_guide_is_left_over() {
    let library = library();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("modules");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut ids: Vec<String> = library
        .path
        .module_ids()
        .chain(library.path.all_projects().map(|p| p.id.as_str()))
        .map(str::to_string)
        .collect();
    ids.sort();
    assert_eq!(folders, ids);
}

/// A project's brief says what to build and when it is done: the path's modules and title in its front matter, skills
/// the path names, the sections a brief promises, and acceptance criteria a reviewer can check.
#[test]
fn every_project_brief_matches_the_path_and_has_criteria_a_reviewer_can_check() {
    let library = library();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("modules");
    let skills: Vec<&str> = library
        .path
        .all_skills()
        .map(|s| s.title.as_str())
        .collect();
    let mut shown: Vec<String> = Vec::new();
    for project in library.path.all_projects() {
        let id = &project.id;
        let text = std::fs::read_to_string(root.join(id).join("README.md"))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let doc = guide::parse(&text).unwrap_or_else(|e| panic!("{id}:{}: {}", e.line, e.message));
        assert_eq!(doc.front.id.as_deref(), Some(id.as_str()), "{id}");
        assert_eq!(
            doc.front.title.as_deref(),
            Some(project.title.as_str()),
            "{id}"
        );
        assert_eq!(doc.front.prerequisites, project.modules, "{id}");
        let hours = doc.front.hours.unwrap_or(0.0);
        assert!((16.0..=60.0).contains(&hours), "{id}: hours {hours}");
        assert!(doc.front.skills.len() >= 3, "{id}: skills");
        // The portfolio's one line on the project.
        let summary = doc.front.summary.clone().unwrap_or_default();
        assert!(
            (60..=160).contains(&summary.len()),
            "{id}: summary {summary:?}"
        );
        for skill in &doc.front.skills {
            assert!(skills.contains(&skill.as_str()), "{id}: skill `{skill}`");
            shown.push(skill.clone());
        }
        let h2: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| s.level == 2)
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            h2,
            ["Goal", "Scope", "Checklist", "Stretch goals", "Builds on"],
            "{id}"
        );
        assert!(doc.checklist.len() >= 6, "{id}: checklist");
        for item in &doc.checklist {
            // `Label: what a reviewer finds`, the label being what the plan shows as a week's focus.
            let (label, rest) = item
                .text
                .split_once(": ")
                .unwrap_or_else(|| panic!("{id}: `{}` has no label", item.text));
            assert!(label.len() <= 24 && rest.len() >= 40, "{id}: {}", item.text);
        }
        assert!(
            doc.checklist.iter().any(|c| c.text.starts_with("README")),
            "{id}: a README criterion"
        );
    }
    // Every essential skill is shown by some project: `skills` can name one for each.
    for skill in skills {
        assert!(
            shown.iter().any(|s| s == skill),
            "no project demonstrates `{skill}`"
        );
    }
}

#[test]
fn front_matter_matches_the_path() {
    let library = library();
    for (id, _, doc) in guides(&library) {
        let def = library.path.module(&id);
        assert_eq!(doc.front.id.as_deref(), Some(id.as_str()), "{id}: id");
        assert_eq!(doc.front.title, def.map(|d| d.title.clone()), "{id}: title");
        let hours = doc.front.hours.unwrap_or(0.0);
        assert!(
            (10.0..=400.0).contains(&hours),
            "{id}: hours {hours} outside 10..=400"
        );
        for p in &doc.front.prerequisites {
            assert!(
                p != &id && library.path.module(p).is_some(),
                "{id}: prerequisite `{p}` is not another module of the path"
            );
        }
    }
}

#[test]
fn every_guide_has_the_six_sections_in_order_and_one_heading_per_topic() {
    let library = library();
    for (id, _, doc) in guides(&library) {
        assert_eq!(
            doc.section_titles(1),
            [doc.title.as_str()],
            "{id}: one `#` title"
        );
        assert_eq!(doc.section_titles(2), SECTIONS, "{id}: `##` sections");
        let (topics, resources) = section_lines(&doc, "Topics");
        let under_topics: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| s.level == 3 && s.line > topics && s.line < resources)
            .map(|s| s.title.as_str())
            .collect();
        let expected = library
            .path
            .module(&id)
            .map(|d| d.topics.clone())
            .unwrap_or_default();
        assert_eq!(under_topics, expected, "{id}: `###` under Topics");
        assert!(
            !doc.sections
                .iter()
                .any(|s| s.level == 3 && (s.line < topics || s.line > resources)),
            "{id}: a `###` outside Topics"
        );
    }
}

#[test]
fn resources_are_at_least_four_well_formed_links_each_naming_its_author_or_publisher() {
    let library = library();
    for (id, text, doc) in guides(&library) {
        let (start, end) = section_lines(&doc, "Resources");
        let links: Vec<_> = doc
            .links
            .iter()
            .filter(|l| l.line > start && l.line < end)
            .collect();
        assert!(links.len() >= 4, "{id}: {} resource links", links.len());
        for link in &links {
            if let Err(why) = well_formed(&link.url) {
                panic!("{id}:{}: `{}`: {why}", link.line, link.url);
            }
            assert!(
                !link.text.trim().is_empty(),
                "{id}:{}: empty link text",
                link.line
            );
        }
        // Every resource is one list item: `- [Title](https://…) — Author or publisher. What it is for.`
        let items: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(n, l)| *n > start && *n < end && l.starts_with("- "))
            .collect();
        assert_eq!(items.len(), links.len(), "{id}: one link per resource item");
        for (n, line) in items {
            let after_link = line
                .strip_prefix("- [")
                .and_then(|rest| rest.split_once("](https://"))
                .and_then(|(_, rest)| rest.split_once(") — "))
                .map(|(_, by)| by);
            let by = after_link.unwrap_or_else(|| {
                panic!("{id}:{n}: not `- [Title](https://…) — Author. …`: {line}")
            });
            let author = by.split(". ").next().unwrap_or_default();
            assert!(
                author.chars().any(char::is_alphabetic),
                "{id}:{n}: no author or publisher: {line}"
            );
        }
        let mut urls: Vec<&str> = doc.links.iter().map(|l| l.url.as_str()).collect();
        urls.sort();
        let count = urls.len();
        urls.dedup();
        assert_eq!(urls.len(), count, "{id}: a link appears twice");
    }
}

#[test]
fn every_guide_has_a_checklist_of_at_least_six_items_under_checklist() {
    let library = library();
    for (id, _, doc) in guides(&library) {
        let (start, _) = section_lines(&doc, "Checklist");
        assert!(
            doc.checklist.len() >= 6,
            "{id}: {} items",
            doc.checklist.len()
        );
        for item in &doc.checklist {
            assert!(
                item.line > start,
                "{id}:{}: a task item outside Checklist",
                item.line
            );
            assert!(
                !item.checked_in_source,
                "{id}:{}: ticked in the source",
                item.line
            );
            assert!(
                item.text.split_whitespace().count() >= 5,
                "{id}:{}: too short",
                item.line
            );
        }
        let mut texts: Vec<&str> = doc.checklist.iter().map(|c| c.text.as_str()).collect();
        texts.sort();
        texts.dedup();
        assert_eq!(
            texts.len(),
            doc.checklist.len(),
            "{id}: two items with one text"
        );
    }
}

#[test]
fn every_guide_has_at_least_700_words_of_prose() {
    let library = library();
    for (id, text, _) in guides(&library) {
        let words = prose_words(&text);
        assert!(words >= 700, "{id}: {words} words");
    }
}

/// Words outside the front matter and code blocks.
fn prose_words(text: &str) -> usize {
    let mut skip = 0usize;
    let mut words = 0;
    for event in guide::parser(text) {
        match event {
            Event::Start(Tag::MetadataBlock(_) | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::MetadataBlock(_) | TagEnd::CodeBlock) => skip -= 1,
            Event::Text(t) if skip == 0 => words += t.split_whitespace().count(),
            Event::Code(_) if skip == 0 => words += 1,
            _ => {}
        }
    }
    words
}

/// A careful check that an address is an absolute `https` URL a browser would open as written: a real host name
/// (labels of letters, digits and hyphens, a letter-only top-level domain, no placeholder), and a path, query and
/// fragment of URL characters with well-formed percent escapes.
fn well_formed(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").ok_or("not https")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err(format!("host `{host}` is not a domain name"));
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Err(format!("host label `{label}`"));
        }
    }
    let tld = labels.last().copied().unwrap_or_default();
    if tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(format!("top-level domain `{tld}`"));
    }
    let placeholder = ["example.com", "example.org", "example.net", "localhost"];
    if placeholder
        .iter()
        .any(|p| host == *p || host.ends_with(&format!(".{p}")))
    {
        return Err("a placeholder host".into());
    }
    let bytes = tail.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c == '%' {
            let hex = tail.get(i + 1..i + 3).unwrap_or_default();
            if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                return Err(format!("bad percent escape at {i}"));
            }
            i += 3;
            continue;
        }
        let allowed = c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?#".contains(c);
        if !allowed {
            return Err(format!("character `{c}` must be escaped"));
        }
        i += 1;
    }
    if tail.matches('#').count() > 1 {
        return Err("two fragments".into());
    }
    Ok(())
}

#[test]
fn the_url_check_refuses_what_it_should() {
    assert_eq!(
        well_formed("https://scikit-learn.org/stable/user_guide.html"),
        Ok(())
    );
    assert_eq!(well_formed("https://arxiv.org/abs/1706.03762"), Ok(()));
    assert_eq!(
        well_formed("https://en.wikipedia.org/wiki/A%2FB_testing#x"),
        Ok(())
    );
    for (bad, why) in [
        ("http://scikit-learn.org/", "not https"),
        (
            "https://localhost/x",
            "host `localhost` is not a domain name",
        ),
        ("https://docs.example.com/x", "a placeholder host"),
        ("https://nodot/x", "host `nodot` is not a domain name"),
        ("https://bad_host.org/", "host label `bad_host`"),
        ("https://host.org/a b", "character ` ` must be escaped"),
        ("https://host.org/%zz", "bad percent escape at 1"),
        ("https://host.org/a#b#c", "two fragments"),
        ("https://host.123/", "top-level domain `123`"),
        ("/relative/path", "not https"),
    ] {
        assert_eq!(well_formed(bad), Err(why.to_string()), "{bad}");
    }
}
