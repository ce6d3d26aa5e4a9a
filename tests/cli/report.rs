//! `aipath report`: the page's structure as written and, where Chromium is installed, as a real browser renders it
//! (`--dump-dom`), with screenshots at a laptop's and a phone's size and a printed PDF. Without Chromium the browser
//! half is skipped with a printed note; the written HTML is still checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Env, Refused, TODAY, guide};

/// A start tag: its name and attributes, entities in values decoded.
#[derive(Debug)]
pub(crate) struct Tag {
    pub(crate) name: String,
    pub(crate) attrs: BTreeMap<String, String>,
}

impl Tag {
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    fn has_class(&self, class: &str) -> bool {
        self.get("class")
            .is_some_and(|c| c.split_whitespace().any(|w| w == class))
    }
}

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every start tag of a page: enough of an HTML reader for a page whose text has `<` only as `&lt;`.
pub(crate) fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<') {
        i += at + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| i + e);
        let mut tag = Tag {
            name: html[i..name_end].to_ascii_lowercase(),
            attrs: BTreeMap::new(),
        };
        i = name_end;
        loop {
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                i += 1;
            }
            match bytes.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            let key_end = html[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |e| i + e);
            let key = html[i..key_end].to_ascii_lowercase();
            i = key_end;
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        value = decode(&html[i + 1..end]);
                        i = (end + 1).min(html.len());
                    }
                    _ => {
                        let end = html[i..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(html.len(), |e| i + e);
                        value = decode(&html[i..end]);
                        i = end;
                    }
                }
            }
            tag.attrs.insert(key, value);
        }
        out.push(tag);
    }
    out
}

/// What a page shows, read from its tags.
#[derive(Debug, Default)]
struct Page {
    /// Module id → its box's `data-status`.
    boxes: BTreeMap<String, String>,
    /// How many boxes there are (a module drawn twice would show here).
    box_count: usize,
    /// The ids of the Gantt chart's bars of planned modules.
    plan_bars: Vec<String>,
    /// Phases drawn as a summary, with their size.
    collapsed: BTreeMap<String, String>,
    phase_bars: usize,
    days: Vec<String>,
}

fn read(html: &str) -> Page {
    let mut page = Page::default();
    for tag in tags(html) {
        if let (true, Some(id), Some(status)) = (
            tag.has_class("module"),
            tag.get("data-module"),
            tag.get("data-status"),
        ) {
            page.boxes.insert(id.to_string(), status.to_string());
            page.box_count += 1;
        }
        match (tag.get("data-kind"), tag.get("data-id")) {
            (Some("plan"), Some(id)) => page.plan_bars.push(id.to_string()),
            (Some("phase-plan"), Some(_)) => page.phase_bars += 1,
            _ => {}
        }
        if let (Some(phase), Some(size)) = (tag.get("data-phase"), tag.get("data-collapsed")) {
            page.collapsed.insert(phase.to_string(), size.to_string());
        }
        if tag.name == "rect" && tag.has_class("day") {
            page.days
                .push(tag.get("data-date").unwrap_or_default().to_string());
        }
    }
    page
}

/// Nothing in the page can fetch or run anything: no script, no linked or embedded resource, links only within the
/// page, no `url(` in a style.
fn assert_self_contained(what: &str, html: &str) {
    for tag in tags(html) {
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "base", "frame", "audio",
                "video", "source"
            ]
            .contains(&tag.name.as_str()),
            "{what}: a <{}> element: {tag:?}",
            tag.name
        );
        for (key, value) in &tag.attrs {
            assert!(!key.starts_with("on"), "{what}: an event handler: {tag:?}");
            if [
                "src",
                "href",
                "srcset",
                "action",
                "xlink:href",
                "poster",
                "data",
            ]
            .contains(&key.as_str())
            {
                assert!(
                    value.starts_with('#'),
                    "{what}: {key}={value:?} leaves the page"
                );
            }
            if key == "style" {
                assert!(
                    !value.to_ascii_lowercase().contains("url("),
                    "{what}: {key}={value:?}"
                );
            }
        }
    }
    let styles: String = html
        .split("<style>")
        .skip(1)
        .filter_map(|s| s.split("</style>").next())
        .collect();
    assert!(
        !styles.contains("url("),
        "{what}: a style fetches a resource"
    );
    assert!(
        html.contains("Content-Security-Policy") && html.contains("default-src 'none'"),
        "{what}: no policy forbidding fetches"
    );
}

/// A learner a few weeks into the built-in path: a module done, one in progress with ticks, a specialization chosen,
/// a project done, and a study log.
fn learner(env: &Env) {
    env.ok(&["start", "machine-learning-basics"]);
    env.ok(&["done", "machine-learning-basics"]);
    env.ok(&["start", "math-foundations"]);
    env.ok(&["check", "math-foundations", "1", "2"]);
    env.ok(&["choose", "llm-applications"]);
    env.ok(&["skip", "model-deployment"]);
    env.ok(&["done", "model-monitoring-dashboard"]);
    for (date, hours, module) in [
        ("2025-01-06", "1", "machine-learning-basics"),
        ("2025-11-03", "2", "machine-learning-basics"),
        ("2025-12-29", "1.5", "math-foundations"),
        ("2026-01-04", "3", "math-foundations"),
        ("2026-01-05", "0.5", "math-foundations"),
    ] {
        env.ok(&["log", hours, "--date", date, "--module", module]);
    }
}

/// The statuses `list --json` gives, with a specialization not chosen (and not started) as `unchosen`.
fn expected_boxes(env: &Env, extra: &[&str]) -> BTreeMap<String, String> {
    let mut args = extra.to_vec();
    args.push("list");
    let list = env.json(&args);
    list.as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            let status = row["status"].as_str().unwrap_or_default();
            let unchosen = row["chosen"] == false && status == "todo";
            let shown = if unchosen { "unchosen" } else { status };
            (
                row["id"].as_str().unwrap_or_default().to_string(),
                shown.to_string(),
            )
        })
        .collect()
}

/// The modules `plan --json` gives weeks ahead to, each once.
fn planned_modules(env: &Env, extra: &[&str]) -> BTreeSet<String> {
    let mut args = extra.to_vec();
    args.push("plan");
    let plan = env.json(&args);
    plan["weeks"]
        .as_array()
        .into_iter()
        .flatten()
        // A past week's modules are those finished in it.
        .filter(|w| w["past"] == false)
        .flat_map(|w| w["modules"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m.as_str().map(str::to_string))
        .collect()
}

/// The checks a page must pass, on the written HTML and on the DOM a browser made of it.
fn assert_page(what: &str, html: &str, env: &Env, extra: &[&str]) {
    assert_self_contained(what, html);
    let page = read(html);
    let expected = expected_boxes(env, extra);
    assert_eq!(page.box_count, expected.len(), "{what}: one box per module");
    assert_eq!(
        page.boxes, expected,
        "{what}: each box with its module's status"
    );
    let planned = planned_modules(env, extra);
    let bars: BTreeSet<String> = page.plan_bars.iter().cloned().collect();
    assert_eq!(
        page.plan_bars.len(),
        bars.len(),
        "{what}: a module with two bars"
    );
    assert_eq!(bars, planned, "{what}: one Gantt bar per planned module");
    assert!(
        matches!(page.days.len(), 364 | 365),
        "{what}: {} day squares",
        page.days.len()
    );
    assert_eq!(page.days.last().map(String::as_str), Some(TODAY), "{what}");
    let unique: BTreeSet<&String> = page.days.iter().collect();
    assert_eq!(unique.len(), page.days.len(), "{what}: a day drawn twice");
}

#[test]
fn the_page_shows_every_module_every_planned_module_and_a_year_of_days() {
    let env = Env::new();
    learner(&env);
    let out = env.ok(&["report"]);
    assert!(
        out.starts_with("Wrote aipath-report.html (")
            && out.ends_with(" KB): open it in a browser, or use `aipath report --open`.\n"),
        "{out}"
    );
    let file = env.path().join("aipath-report.html");
    let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_page("the written page", &html, &env, &[]);

    // The header's numbers are `status`'s.
    let status = env.json(&["status"]);
    let (done, total) = (&status["overall"]["done"], &status["overall"]["total"]);
    assert!(
        html.contains(&format!("{done} of {total} modules done")),
        "{done}/{total}"
    );
    assert!(html.contains(&format!("{}%", status["overall"]["percent"])));
    let logged = status["hours_total"].as_f64().unwrap_or_default();
    assert!(html.contains(&format!("{logged} h")), "{logged}");
    assert!(
        html.contains("Current streak: <b>2 days</b>"),
        "the streak `status` gives"
    );
    // The footer says how it was made.
    assert!(html.contains("<code>aipath report</code>"), "footer");

    // `-o -` writes the same page to stdout.
    let stdout = env.ok(&["report", "-o", "-"]);
    assert!(
        stdout
            == html.replace(
                "<code>aipath report</code>",
                "<code>aipath report -o -</code>"
            ),
        "`-o -` wrote another page"
    );

    match Browser::find() {
        None => eprintln!(
            "report: SKIPPED the browser checks: no Chromium found (Debian: apt-get install chromium); \
             the written HTML was checked"
        ),
        Some(browser) => {
            let dom = browser.dom(env.path(), &file);
            assert_page("the page in Chromium", &dom, &env, &[]);
            for (size, name) in [((1280, 800), "wide.png"), ((390, 844), "narrow.png")] {
                let png = env.path().join(name);
                browser.screenshot(env.path(), &file, size, &png);
                assert_eq!(png_size(&png), Some(size), "{name}");
            }
            let pdf = env.path().join("report.pdf");
            browser.pdf(env.path(), &file, &pdf);
            let bytes = std::fs::read(&pdf).expect("read the file");
            assert!(bytes.starts_with(b"%PDF-"), "no PDF printed");
        }
    }
}

/// A path file is third-party input: markup, quotes and control characters in every title stay text.
const HOSTILE: &str = r#"id: hostile
title: "Evil <script>alert(1)</script> \" onload=\"x\" 'q' \e]0;owned\a"
phases:
  - id: one
    title: "<img src=x onerror=alert(2)>\e[2J"
    weeks: { min: 2, max: 4 }
    groups:
      - title: "</style><script>alert(3)</script>"
        modules: [alpha, beta]
modules:
  - id: alpha
    title: "Alpha\" data-status=\"done\" <b>bold</b>"
  - id: beta
    title: "Beta\u0000\u0008\u009b2J"
skills:
  - id: s
    title: "<svg onload=alert(4)>"
    items:
      - { title: "</title><script>alert(5)</script>", modules: [alpha] }
projects:
  - id: p
    title: P
    items:
      - { id: proj, title: "<a href=\"https://evil.example\">x</a>", modules: [beta] }
"#;

#[test]
fn a_hostile_path_s_text_stays_text() {
    let env = Env::new();
    let file = env.course(
        HOSTILE,
        &[("alpha", guide("alpha", "")), ("beta", guide("beta", ""))],
    );
    env.ok(&["--path", &file, "start", "alpha"]);
    env.ok(&["--path", &file, "log", "1", "--module", "alpha"]);
    let html = env.ok(&["--path", &file, "report", "-o", "-"]);
    assert_self_contained("the hostile page", &html);
    for raw in [
        "<script",
        "<img",
        "<svg onload",
        "<b>bold",
        "<a href=\"https",
        "onload=\"x\"",
    ] {
        assert!(!html.contains(raw), "{raw} reached the page as markup");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    for c in html.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "a control character {c:?} reached the page"
        );
    }
    assert!(
        html.contains("^[]0;owned^G"),
        "escapes are shown, as in the terminal"
    );
    let page = read(&html);
    let statuses: Vec<(&str, &str)> = page
        .boxes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(statuses, [("alpha", "in-progress"), ("beta", "todo")]);

    if let Some(browser) = Browser::find() {
        let page_file = env.path().join("hostile.html");
        std::fs::write(&page_file, &html).unwrap_or_else(|e| panic!("{e}"));
        let dom = browser.dom(env.path(), &page_file);
        assert_self_contained("the hostile page in Chromium", &dom);
        let names: BTreeSet<String> = tags(&dom).into_iter().map(|t| t.name).collect();
        assert!(
            !names.contains("script") && !names.contains("img"),
            "{names:?}"
        );
        assert!(
            dom.contains("&lt;b&gt;bold&lt;/b&gt;"),
            "the module's markup stays text"
        );
        let title = dom
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or_default();
        assert!(title.starts_with("Evil &lt;script&gt;"), "{title}");
    }
}

#[test]
fn the_file_is_replaced_and_a_missing_folder_is_an_input_error() {
    let env = Env::new();
    let file = env.path().join("journey.html");
    std::fs::write(&file, "old").unwrap_or_else(|e| panic!("{e}"));
    let out = env.ok(&["report", "-o", "journey.html"]);
    assert!(out.starts_with("Wrote journey.html ("), "{out}");
    let html = std::fs::read_to_string(&file).expect("read the file");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html:.40}");
    assert!(
        html.contains("<code>aipath report -o journey.html</code>"),
        "footer"
    );

    assert_eq!(
        env.refused(&["report", "-o", "nowhere/journey.html"], 2),
        Refused::new(
            "nowhere/journey.html: the folder nowhere does not exist",
            &["create it or give another `-o FILE`"]
        )
    );
    assert!(!env.path().join("nowhere").exists());
    let leftovers: Vec<String> = env
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn json_and_open_with_stdout_are_refused() {
    let env = Env::new();
    let err = env.fails(&["report", "--json"], 2);
    assert_eq!(
        err,
        "aipath: error: `--json` does not apply to `aipath report`: it writes an HTML page\n"
    );
    let err = env.fails(&["report", "-o", "-", "--open"], 2);
    assert!(err.contains("`--open` opens the file"), "{err}");
    assert!(!env.path().join("aipath-report.html").exists());
}

/// A folder holding a fake `xdg-open` that records its arguments one per line, for `--open`.
#[cfg(target_os = "linux")]
fn fake_opener(env: &Env) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    let script = bin.join("xdg-open");
    let log = env.path().join("opened.txt");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
            log.display()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    bin
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_file_to_the_system_opener_as_one_argument() {
    let env = Env::new();
    let bin = fake_opener(&env);
    // A name a shell would expand: the opener must get it as it is, and nothing must run.
    let name = "my report $(touch pwned).html";
    let out = env
        .cmd(&["report", "-o", name, "--open"])
        .env("PATH", &bin)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("opened it with the system's browser"),
        "{stdout}"
    );
    let opened = std::fs::read_to_string(env.path().join("opened.txt")).expect("the opener ran");
    let expected = std::fs::canonicalize(env.path().join(name)).expect("the report");
    assert_eq!(opened, format!("{}\n", expected.display()));
    assert!(!env.path().join("pwned").exists(), "a shell ran the name");
}

#[cfg(target_os = "linux")]
#[test]
fn a_missing_opener_is_an_error_that_says_where_the_page_is() {
    let env = Env::new();
    let empty = env.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let out = env
        .cmd(&["report", "--open"])
        .env("PATH", &empty)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        Refused::of(&String::from_utf8_lossy(&out.stderr)),
        Refused::new(
            "wrote aipath-report.html, but cannot open it: `xdg-open` is not installed",
            &["open the file in a browser"]
        )
    );
    assert!(env.path().join("aipath-report.html").is_file());
}

/// A path with a phase too large to draw box by box, and a small one.
fn crowded(env: &Env) -> String {
    let big: Vec<String> = (1..=45).map(|i| format!("m{i:02}")).collect();
    let small = ["a", "b", "c"];
    let defs: String = big
        .iter()
        .map(String::as_str)
        .chain(small)
        .map(|id| format!("  - {{ id: {id}, title: Module {id} }}\n"))
        .collect();
    let yaml = format!(
        "id: crowded\ntitle: Crowded\nphases:\n  - id: small\n    title: Small\n    weeks: {{ min: 3, max: 3 }}\n    \
         groups: [{{ modules: [a, b, c] }}]\n  - id: big\n    title: Big\n    weeks: {{ min: 45, max: 45 }}\n    \
         groups: [{{ modules: [{}] }}]\nmodules:\n{defs}",
        big.join(", ")
    );
    let guides: Vec<(String, String)> = big
        .iter()
        .map(String::as_str)
        .chain(small)
        .map(|id| (id.to_string(), guide(id, "")))
        .collect();
    let refs: Vec<(&str, &String)> = guides.iter().map(|(id, g)| (id.as_str(), g)).collect();
    env.course(yaml, &refs)
}

#[test]
fn a_phase_too_large_to_read_box_by_box_is_summarized() {
    let env = Env::new();
    let file = crowded(&env);
    env.ok(&["--path", &file, "done", "m01"]);
    env.ok(&["--path", &file, "start", "m02"]);
    let html = env.ok(&["--path", &file, "report", "-o", "-"]);
    let page = read(&html);
    assert_eq!(
        page.collapsed,
        BTreeMap::from([("big".to_string(), "45".to_string())])
    );
    assert_eq!(
        page.boxes.keys().map(String::as_str).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    assert_eq!(page.plan_bars, ["a", "b", "c"]);
    assert_eq!(page.phase_bars, 1, "the large phase's weeks as one bar");
    assert!(
        html.contains("45 modules: too many to draw one by one"),
        "summary"
    );
    assert!(
        html.contains("✓ 1 done") && html.contains("◐ 1 in progress") && html.contains("○ 43 todo")
    );
}

/// Reads a PNG's width and height from its header.
fn png_size(file: &Path) -> Option<(u32, u32)> {
    let bytes = std::fs::read(file).ok()?;
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let word = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

/// Headless Chromium, as Debian's `chromium` package installs it, or the program `AIPATH_CHROMIUM` names.
pub(crate) struct Browser {
    program: PathBuf,
}

impl Browser {
    pub(crate) fn find() -> Option<Browser> {
        // Set to a program, it is the browser; set to nothing, there is none (to try the skip).
        if let Some(program) = std::env::var_os("AIPATH_CHROMIUM") {
            return (!program.is_empty()).then(|| Browser {
                program: program.into(),
            });
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| {
                [
                    "chromium",
                    "chromium-browser",
                    "google-chrome",
                    "google-chrome-stable",
                ]
                .map(|name| dir.join(name))
            })
            .find(|p| p.is_file())
            .map(|program| Browser { program })
    }

    /// Runs Chromium headless on `page` with `args`, in a profile of its own under `dir`; returns stdout, having
    /// checked that the page logged nothing to the console (no error, no fetch the page's policy refused).
    fn run(&self, dir: &Path, page: &Path, args: &[String]) -> String {
        // One browser at a time: each is several processes, and the suite runs on two cores beside timed tests.
        static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let profile = tempfile::TempDir::new_in(dir).unwrap_or_else(|e| panic!("{e}"));
        let mut cmd = Command::new(&self.program);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.program.display()));
        let output = wait_at_most(child, Duration::from_secs(120));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "chromium {args:?} failed: {stderr}"
        );
        let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(
            console.is_empty(),
            "the page logged to the console: {console:#?}"
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub(crate) fn dom(&self, dir: &Path, page: &Path) -> String {
        self.run(dir, page, &["--dump-dom".to_string()])
    }

    fn screenshot(&self, dir: &Path, page: &Path, (w, h): (u32, u32), png: &Path) {
        self.run(
            dir,
            page,
            &[
                format!("--window-size={w},{h}"),
                format!("--screenshot={}", png.display()),
            ],
        );
    }

    fn pdf(&self, dir: &Path, page: &Path, pdf: &Path) {
        self.run(
            dir,
            page,
            &[
                "--no-pdf-header-footer".to_string(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        );
    }
}

/// Waits for a child, killing it past `limit`: a browser that hangs must fail the test, not stall the suite.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    let (mut stdout, mut stderr) = (child.stdout.take(), child.stderr.take());
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut buf);
        }
        buf
    });
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("chromium ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    std::process::Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}
