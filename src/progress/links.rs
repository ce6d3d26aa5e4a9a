//! Evidence: links from a module or a project to where the work lives (a repository, a demo, a write-up), kept in the
//! item's entry beside its ticks. Pure.
//!
//! A link's URL is untrusted twice over: typed by the learner, and read back from a state file that may come from
//! another machine or another hand. It is checked here when it is added (http or https, a host, no credentials, not
//! too long), and shown everywhere as text only: escaped in HTML and markdown, cleaned of control and bidi characters
//! on a terminal; the HTML portfolio makes it a link only after [`is_web_url`] says yes again.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// An http(s) URL, as [`web_url`] normalised it.
    pub url: String,
    /// What it is, in the learner's words; private unless a portfolio is made `--with-notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day it was added.
    pub added: Date,
}

/// The longest URL kept: longer ones are not links a reader follows, and every view shows the whole of it.
pub const MAX_URL: usize = 2000;
/// The longest note kept, in characters: a line, not a document.
pub const MAX_NOTE: usize = 300;

/// A URL as it is stored: parsed by the WHATWG rules browsers use (the `url` crate), so what is stored is what a
/// browser would open; http or https only (no `javascript:`, `data:` or `file:`), with a host and without a user name
/// or password (a link meant to be shown to others must not carry credentials). The host comes back in its ASCII form
/// (an internationalised name as punycode), so a look-alike domain shows as what it is.
pub fn web_url(typed: &str) -> Result<String, String> {
    let typed = typed.trim();
    if typed.len() > MAX_URL {
        return Err(format!(
            "the URL is {} bytes long; a link may have at most {MAX_URL}",
            typed.len()
        ));
    }
    let url =
        url::Url::parse(typed).map_err(|e| format!("`{}` is not a URL: {e}", shown(typed)))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`{}` is a `{}:` URL; a link must be http or https",
            shown(typed),
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{}` names no host", shown(typed)));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{}` carries a user name or password; give the link without them",
            shown(typed)
        ));
    }
    Ok(url.to_string())
}

/// Whether a stored URL is one [`web_url`] would keep as it is: asked again where a URL becomes a link, since a state
/// file can be edited by hand.
pub fn is_web_url(url: &str) -> bool {
    web_url(url).is_ok_and(|u| u == url)
}

/// A note as it is stored: trimmed, one line, no control characters, at most [`MAX_NOTE`] characters; `None` when
/// empty.
pub fn note(typed: &str) -> Result<Option<String>, String> {
    let note = typed.trim();
    if note.chars().any(char::is_control) {
        return Err("a note is one line of text, without control characters".to_string());
    }
    let count = note.chars().count();
    if count > MAX_NOTE {
        return Err(format!(
            "the note has {count} characters; a note may have at most {MAX_NOTE}"
        ));
    }
    Ok((!note.is_empty()).then(|| note.to_string()))
}

/// A typed URL as quoted in an error: its first 80 characters, control characters shown as `?` (the error goes to a
/// terminal, which cleans it too; the cut keeps a pasted page out of the message).
fn shown(typed: &str) -> String {
    let mut out: String = typed
        .chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if typed.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Adds `link` to `links`, or replaces the note of the link with its URL. Returns whether anything changed.
pub fn add(links: &mut Vec<Link>, link: Link) -> bool {
    match links.iter_mut().find(|l| l.url == link.url) {
        Some(same) if same.note == link.note => false,
        Some(same) => {
            same.note = link.note;
            true
        }
        None => {
            links.push(link);
            true
        }
    }
}

/// Links merged as a set by URL against the base, as ticks are: added on either side is added, removed on either is
/// removed; a link both sides kept takes the side whose note changed from the base (this machine's when both did).
/// In this machine's order, then the other's new ones.
pub fn merge(base: &[Link], local: &[Link], remote: &[Link]) -> Vec<Link> {
    let find = |links: &[Link], url: &str| links.iter().find(|l| l.url == url).cloned();
    let mut out = Vec::new();
    for l in local {
        let b = find(base, &l.url);
        match find(remote, &l.url) {
            Some(r) => out.push(if b.as_ref() == Some(l) { r } else { l.clone() }),
            None if b.is_none() => out.push(l.clone()),
            None => {}
        }
    }
    for r in remote {
        if find(local, &r.url).is_none() && find(base, &r.url).is_none() {
            out.push(r.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn only_web_urls_with_a_host_and_no_credentials_are_kept() {
        assert_eq!(
            web_url(" https://github.com/me/api ").as_deref(),
            Ok("https://github.com/me/api")
        );
        assert_eq!(
            web_url("HTTP://Example.COM").as_deref(),
            Ok("http://example.com/")
        );
        assert_eq!(
            web_url("https://bücher.example/x").as_deref(),
            Ok("https://xn--bcher-kva.example/x")
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.com/",
            "github.com/me/api",
            "https://user:secret@example.com/",
            "https://",
            "",
        ] {
            assert!(web_url(bad).is_err(), "{bad}");
        }
        assert!(web_url(&format!("https://example.com/{}", "a".repeat(MAX_URL))).is_err());
    }

    #[test]
    fn markup_in_a_url_is_escaped_by_the_parser_not_kept_raw() {
        let url = web_url("https://example.com/\"><script>alert(1)</script>").unwrap_or_default();
        assert!(
            !url.contains('"') && !url.contains('<') && !url.contains('>'),
            "{url}"
        );
        assert!(is_web_url(&url));
        assert!(!is_web_url("https://example.com/\"><b>"));
    }

    #[test]
    fn notes_are_one_trimmed_line() {
        assert_eq!(note("  the repo  "), Ok(Some("the repo".to_string())));
        assert_eq!(note("   "), Ok(None));
        assert!(note("two\nlines").is_err());
        assert!(note("bell\u{7}").is_err());
        assert!(note(&"x".repeat(MAX_NOTE + 1)).is_err());
    }

    fn link(url: &str, note: Option<&str>) -> Link {
        Link {
            url: url.to_string(),
            note: note.map(str::to_string),
            added: date(2026, 1, 5),
        }
    }

    #[test]
    fn links_merge_as_a_set_by_url() {
        let base = vec![link("https://a/", None), link("https://b/", None)];
        // This side removed b and added c; the other noted a and added d.
        let local = vec![link("https://a/", None), link("https://c/", None)];
        let remote = vec![
            link("https://a/", Some("demo")),
            link("https://b/", None),
            link("https://d/", None),
        ];
        let urls: Vec<(String, Option<String>)> = merge(&base, &local, &remote)
            .into_iter()
            .map(|l| (l.url, l.note))
            .collect();
        assert_eq!(
            urls,
            [
                ("https://a/".to_string(), Some("demo".to_string())),
                ("https://c/".to_string(), None),
                ("https://d/".to_string(), None),
            ]
        );
        // The same link added on both sides is kept once.
        let both = vec![link("https://e/", None)];
        assert_eq!(merge(&[], &both, &both), both);
    }
}
