//! A guide's resources: the links listed under its `## Resources` heading, each with its title, its authors or
//! publisher (the text after the dash, up to the first full stop) and its address. Pure.

use serde::Serialize;

use super::Guide;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    pub title: String,
    /// Who wrote or publishes it, as the guide names them; empty when the guide does not say.
    pub author: String,
    pub url: String,
}

/// The resources of a parsed guide whose markdown is `text`.
pub fn resources(guide: &Guide, text: &str) -> Vec<Resource> {
    let Some((at, section)) = guide
        .sections
        .iter()
        .enumerate()
        .find(|(_, s)| s.title.trim().eq_ignore_ascii_case("resources"))
    else {
        return Vec::new();
    };
    // The section runs to the next heading of its level or above.
    let end = guide.sections[at + 1..]
        .iter()
        .find(|s| s.level <= section.level)
        .map_or(usize::MAX, |s| s.line);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Resource> = Vec::new();
    let mut last_line = 0;
    for link in guide
        .links
        .iter()
        .filter(|l| l.line > section.line && l.line < end)
    {
        // One resource per list item: a second link on the same line is part of its description.
        if link.line == last_line {
            continue;
        }
        last_line = link.line;
        let line = lines.get(link.line - 1).copied().unwrap_or_default();
        out.push(Resource {
            title: link.text.clone(),
            author: author(line),
            url: link.url.clone(),
        });
    }
    out
}

/// `- [Title](url) — Jane Doe and Ann Roe, Publisher. What it is.` gives `Jane Doe and Ann Roe, Publisher`.
fn author(line: &str) -> String {
    let Some((_, after)) = line.split_once(" — ").or_else(|| line.split_once(" - ")) else {
        return String::new();
    };
    // Up to the first full stop that ends a sentence (initials such as `A. Aldo` keep going).
    let mut end = after.len();
    for (i, _) in after.match_indices(". ") {
        let word = after[..i].rsplit(' ').next().unwrap_or_default();
        if word.chars().count() > 1 {
            end = i;
            break;
        }
    }
    after[..end].trim_end_matches('.').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::parse;

    const GUIDE: &str = "---\nhours: 1\n---\n\n# T\n\n## Resources\n\n\
        - [Mathematics for Machine Learning](https://mml-book.github.io/) — Marc Peter Deisenroth, A. Aldo Faisal and \
        Cheng Soon Ong, Cambridge University Press. Free book.\n\
        - [NumPy](https://numpy.org/doc/stable/) — NumPy developers. See also [SciPy](https://scipy.org/).\n\
        - [Bare](https://example.org/x)\n\n## Exercises\n\n- [Not a resource](https://example.org/y)\n";

    #[test]
    fn the_links_under_resources_with_their_authors() {
        let guide = parse(GUIDE).unwrap_or_else(|e| panic!("{e:?}"));
        let got = resources(&guide, GUIDE);
        let short: Vec<(&str, &str)> = got
            .iter()
            .map(|r| (r.title.as_str(), r.author.as_str()))
            .collect();
        assert_eq!(
            short,
            [
                (
                    "Mathematics for Machine Learning",
                    "Marc Peter Deisenroth, A. Aldo Faisal and Cheng Soon Ong, Cambridge University Press"
                ),
                ("NumPy", "NumPy developers"),
                ("Bare", ""),
            ]
        );
        assert_eq!(got[1].url, "https://numpy.org/doc/stable/");
    }
}
