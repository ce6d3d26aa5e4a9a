//! Ids for what a document names: a title's slug, a module's id from its link, and numbering that keeps the ids
//! of one list unique. Pure.

use std::collections::HashSet;

use crate::import::outline::Item;

/// The module a link names: `…/modules/<id>/…`, else the folder of a `<id>/README.md`.
pub fn module_id(item: &Item) -> Option<String> {
    let (url, _) = item.link.as_ref()?;
    let url = url.split(['#', '?']).next().unwrap_or_default();
    let parts: Vec<&str> = url.split('/').filter(|p| !p.is_empty()).collect();
    if let Some(at) = parts.iter().position(|p| *p == "modules")
        && let Some(id) = parts.get(at + 1)
    {
        return Some(id.to_string());
    }
    match parts.as_slice() {
        [.., id, readme] if readme.eq_ignore_ascii_case("readme.md") && *id != ".." => {
            Some(id.to_string())
        }
        _ => None,
    }
}

/// Modules an item (or its nested items) links to.
pub fn module_links(item: &Item) -> Vec<String> {
    let mut ids: Vec<String> = module_id(item).into_iter().collect();
    for child in &item.children {
        for id in module_links(child) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Makes ids unique within one list by numbering repeats (`tools`, `tools-2`).
pub fn dedupe_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = HashSet::new();
    for id in ids {
        let base = id.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            *id = format!("{base}-{n}");
            n += 1;
        }
    }
}

/// A title as an id: lowercase ASCII letters and digits, runs of anything else one `-`. A slash between single
/// letters joins them (`A/B Testing` → `ab-testing`) and elsewhere separates words (`AI/ML` → `ai-ml`); an
/// apostrophe joins (`Learner's` → `learners`).
pub fn slug(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let run_len = |from: usize, step: isize| {
        let mut n = 0;
        let mut i = from as isize;
        while i >= 0 && (i as usize) < chars.len() && chars[i as usize].is_ascii_alphanumeric() {
            n += 1;
            i += step;
        }
        n
    };
    let mut out = String::new();
    let mut pending_dash = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // joins
        } else if c == '/' && i > 0 && run_len(i - 1, -1) == 1 && run_len(i + 1, 1) == 1 {
            // A/B
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("A/B Testing Framework"), "ab-testing-framework");
        assert_eq!(slug("Core AI/ML Foundations"), "core-ai-ml-foundations");
        assert_eq!(slug("Model Training & Tuning"), "model-training-tuning");
        assert_eq!(slug("LLM-powered Application"), "llm-powered-application");
        assert_eq!(slug("  Learner's Notes!  "), "learners-notes");
        assert_eq!(
            slug("Cloud Services (AWS/GCP/Azure)"),
            "cloud-services-aws-gcp-azure"
        );
    }
}
