//! Projects as a learner works through them: a brief to read, a checklist to tick, hours to log, weeks in the plan.

use crate::support::Env;

const API: &str = "scalable-ml-api-service";

/// The weeks the plan gives `id`, read from `plan --json`.
fn plan_weeks(env: &Env, id: &str) -> Vec<(String, String)> {
    env.json(&["plan"])["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["modules"].as_array().unwrap().iter().any(|m| m == id))
        .map(|w| {
            (
                w["phase"].as_str().unwrap().to_string(),
                w["start"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_project_is_shown_ticked_logged_and_planned_as_a_module_is() {
    let env = Env::new();
    let brief = env.ok(&["show", "scalable-ml", "--no-pager"]);
    assert!(brief.contains("Scalable ML API Service"), "{brief}");
    assert!(brief.contains("Stretch goals"), "{brief}");
    assert!(
        brief.contains("Status: todo. Checklist: 0 of 8 checked. Tick an item with `aipath check scalable-ml-api-service <number>`."),
        "{brief}"
    );
    let shown = env.json(&["show", API]);
    assert_eq!(shown["kind"], "project");
    assert_eq!(shown["front_matter"]["hours"], 32.0);
    assert_eq!(
        shown["front_matter"]["prerequisites"],
        serde_json::json!(["machine-learning-basics", "model-deployment"])
    );
    assert!(
        shown["front_matter"]["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Scalability Patterns")
    );

    // Not taken up yet: no weeks of its own, only a milestone.
    assert!(plan_weeks(&env, API).is_empty());
    env.ok(&["start", API]);
    // 32 hours at the engineering phase's 14 a week: three weeks, at the end of that phase, where model-deployment
    // (the last module it builds on) is.
    let weeks = plan_weeks(&env, API);
    assert_eq!(weeks.len(), 3, "{weeks:?}");
    assert!(
        weeks.iter().all(|(phase, _)| phase == "engineering"),
        "{weeks:?}"
    );
    let first = weeks[0].1.clone();
    // `next` and the dashboard speak of it as they do of a module in progress.
    let next = env.json(&["next"]);
    let step = next["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == API)
        .cloned()
        .unwrap();
    assert_eq!(
        (step["weeks"].as_u64(), step["command"].as_str()),
        (Some(3), Some("aipath done scalable-ml-api-service"))
    );
    let dashboard = env.json(&[]);
    assert_eq!(dashboard["studying"][0]["id"], API);
    assert_eq!(dashboard["studying"][0]["checklist"]["total"], 8);

    // Hours logged to it come off its weeks, as a module's do.
    env.ok(&["log", "6", "-m", "scalable"]);
    env.ok(&["log", "6", "-m", "scalable", "--date", "2026-01-04"]);
    assert_eq!(plan_weeks(&env, API).len(), 2);
    assert_eq!(plan_weeks(&env, API)[0].1, first);

    let out = env.ok(&["check", "scalable", "1", "load test"]);
    assert!(out.contains("Checklist: 2 of 8 checked."), "{out}");
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 2);
    env.ok(&["uncheck", API, "1"]);
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 1);
    env.ok(&["undo"]);
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 2);

    // Done: its weeks leave the plan, and the plan is ahead by them.
    env.ok(&["done", API]);
    assert!(plan_weeks(&env, API).is_empty());
    let state = env.state_json();
    assert_eq!(
        state["paths"]["software-developer-to-ai-engineer"]["projects"]["scalable-ml-api-service"]
            ["status"],
        "done",
        "{state}"
    );
}

#[test]
fn a_bad_project_or_item_exits_two_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["start", API]);
    let before = env.state_bytes();
    let err = env.fails(&["check", "scalable-ml-api-servic", "99"], 2);
    assert!(err.contains("item"), "{err}");
    let err = env.fails(&["show", "scalable-ml-api-servise"], 2);
    assert!(
        err.contains("did you mean `scalable-ml-api-service`?"),
        "{err}"
    );
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn a_link_is_added_listed_removed_and_undone() {
    let env = Env::new();
    let out = env.ok(&[
        "link",
        "scalable",
        "https://github.com/me/ml-api",
        "--note",
        "service, tests and load test",
    ]);
    assert_eq!(
        out,
        "Linked `scalable-ml-api-service` to https://github.com/me/ml-api\n\
         Scalable ML API Service (scalable-ml-api-service):\n  \
         1. https://github.com/me/ml-api - service, tests and load test (added 2026-01-05)\n"
    );
    // The same link again changes nothing; a new note replaces the old.
    let again = env.json(&[
        "link",
        API,
        "https://github.com/me/ml-api",
        "--note",
        "service, tests and load test",
    ]);
    assert_eq!(again["change"]["changed"], false);
    env.ok(&["link", "math", "https://example.com/notes"]);
    let all = env.json(&["link"]);
    let ids: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["math-foundations", API]);
    let projects = env.json(&["projects"]);
    assert_eq!(
        projects["groups"][0]["projects"][0]["links"][0]["url"],
        "https://github.com/me/ml-api"
    );
    let shown = env.ok(&["show", API, "--no-pager"]);
    assert!(
        shown.ends_with(
            "Links:\n  1. https://github.com/me/ml-api - service, tests and load test\n"
        ),
        "{shown}"
    );

    let history = env.ok(&["history", "--limit", "2"]);
    assert!(
        history.contains("linked math-foundations to 1 URL"),
        "{history}"
    );
    env.ok(&["unlink", API, "1"]);
    assert!(
        env.json(&["link", API])["items"][0]["links"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        env.ok(&["history", "--limit", "1"])
            .contains("removed 1 link from scalable-ml-api-service")
    );
    env.ok(&["undo"]);
    assert_eq!(
        env.json(&["link", API])["items"][0]["links"][0]["note"],
        "service, tests and load test"
    );
    // undo <id> reverses the item's last change, a link as well as a tick.
    env.ok(&["undo", "math"]);
    assert_eq!(env.json(&["link"])["items"].as_array().unwrap().len(), 1);
}

#[test]
fn a_link_that_is_not_http_or_a_bad_note_exits_two_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["link", API, "https://github.com/me/ml-api"]);
    let before = env.state_bytes();
    for (args, says) in [
        (
            vec!["link", API, "javascript:alert(1)"],
            "a link must be http or https",
        ),
        (
            vec!["link", API, "data:text/html,<script>x</script>"],
            "a link must be http or https",
        ),
        (
            vec!["link", API, "file:///etc/passwd"],
            "a link must be http or https",
        ),
        (vec!["link", API, "github.com/me/api"], "is not a URL"),
        (
            vec!["link", API, "https://me:pw@github.com/"],
            "user name or password",
        ),
        (
            vec!["link", API, "https://x.example/", "--note", "two\nlines"],
            "one line of text",
        ),
        (
            vec![
                "link",
                API,
                "https://x.example/",
                "--note",
                "\u{1b}]0;owned\u{7}",
            ],
            "one line of text",
        ),
        (
            vec!["link", "no-such-project", "https://x.example/"],
            "unknown module or project",
        ),
        (vec!["unlink", API, "2"], "has no link number 2"),
        (
            vec!["unlink", "math", "1"],
            "`math-foundations` has no links",
        ),
    ] {
        let err = env.fails(&args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{args:?}: {err:?}");
        assert_eq!(env.state_bytes(), before, "{args:?}");
    }
}

#[test]
fn markup_and_terminal_controls_in_links_reach_no_terminal_raw() {
    let env = Env::new();
    // Typed markup is percent-encoded by the URL parser: nothing of it is kept as markup.
    env.ok(&[
        "link",
        API,
        "https://example.com/\"><script>alert(1)</script>",
    ]);
    let listed = env.ok(&["link", API]);
    assert!(
        listed.contains("https://example.com/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"),
        "{listed}"
    );
    // A state written by another hand may hold anything: escapes, bidi overrides, a URL of any scheme.
    env.write_state(
        "version: 4\npaths:\n  software-developer-to-ai-engineer:\n    projects:\n      scalable-ml-api-service:\n        \
         links:\n        - url: \"javascript:alert(1)\"\n          note: \"\\e[2J\\e]0;owned\\a\\u202Eevil\"\n          \
         added: 2026-01-05\n",
    );
    for args in [
        vec!["link"],
        vec!["link", API],
        vec!["show", API, "--no-pager"],
        vec!["projects"],
    ] {
        let out = env.ok(&args);
        assert!(out.contains("javascript:alert(1)"), "{args:?}: {out}");
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(bad), "{args:?}: {out:?}");
        }
    }
}

/// A learner who finished a project with evidence: two modules done, the project done with ticks and two links.
fn finished_a_project(env: &Env) {
    env.ok(&["done", "machine-learning-basics", "model-deployment"]);
    env.ok(&["log", "5", "-m", "machine"]);
    env.ok(&["start", API]);
    env.ok(&["log", "6", "-m", API]);
    env.ok(&["check", API, "1", "2", "3"]);
    env.ok(&[
        "link",
        API,
        "https://github.com/me/ml-api",
        "--note",
        "private thoughts",
    ]);
    env.ok(&["link", API, "https://me.example/blog/ml-api"]);
    env.ok(&["done", API]);
}

#[test]
fn skills_name_the_projects_that_prove_them_or_the_one_that_would() {
    let env = Env::new();
    let skills = env.json(&["skills"]);
    let all: Vec<&serde_json::Value> = skills["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["skills"].as_array().unwrap())
        .collect();
    // Every skill has a project that would prove it, and none is proven yet.
    for s in &all {
        assert_eq!(s["proven"], false, "{s}");
        assert!(s["suggested"].is_string(), "{s}");
    }
    // Before any evidence the table is the map it was.
    assert!(!env.ok(&["skills"]).contains("Proof"));

    finished_a_project(&env);
    let skills = env.json(&["skills"]);
    let scalability = skills["groups"][0]["skills"][1].clone();
    assert_eq!(scalability["title"], "Scalability Patterns");
    assert_eq!(scalability["proven"], true);
    assert_eq!(scalability["suggested"], serde_json::Value::Null);
    let proof = &scalability["projects"][0];
    assert_eq!(proof["id"], API);
    assert_eq!(proof["links"][1]["url"], "https://me.example/blog/ml-api");
    let table = env.ok(&["skills"]);
    assert!(table.contains("Proof"), "{table}");
    assert!(table.contains("https://github.com/me/ml-api"), "{table}");
    assert!(
        table.contains("would be: auto-scaling-ml-system"),
        "{table}"
    );
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "the three formats side by side, each checked for the same facts"
)]
fn the_portfolio_in_markdown_json_and_html_says_the_same_and_keeps_notes_private() {
    let env = Env::new();
    finished_a_project(&env);
    let before = env.state_bytes();
    let md = env.ok(&["portfolio"]);
    assert!(
        md.starts_with(
            "## Software Developer to AI Engineer\n\nStarted 2026-01-05; 2 of 7 modules done and 11 h of study \
             logged, as of 2026-01-05.\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("#### Scalable ML API Service\n\nA trained model served behind"),
        "{md}"
    );
    assert!(
        md.contains("- **Acceptance criteria met:** 3 of 8\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "- **Links:** <https://github.com/me/ml-api>, <https://me.example/blog/ml-api>\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Machine Learning Basics | 2026-01-05 | 5 |"),
        "{md}"
    );
    assert!(!md.contains("private thoughts"), "{md}");
    assert!(
        env.ok(&["portfolio", "--with-notes"])
            .contains("<https://github.com/me/ml-api> (private thoughts)")
    );

    // JSON Resume: the same project, hours and links.
    let resume = env.json(&["portfolio"]);
    assert_eq!(
        resume,
        serde_json::from_str::<serde_json::Value>(&env.ok(&["portfolio", "--format", "json"]))
            .unwrap()
    );
    let project = &resume["projects"][0];
    assert_eq!(project["name"], "Scalable ML API Service");
    assert_eq!(project["url"], "https://github.com/me/ml-api");
    assert_eq!(project["startDate"], "2026-01-05");
    assert_eq!(project["highlights"].as_array().unwrap().len(), 3);
    assert_eq!(project["links"][0]["note"], serde_json::Value::Null);
    assert!(
        resume["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Latency Reduction"
                && s["keywords"][0] == "Scalable ML API Service")
    );
    assert_eq!(
        resume["education"][0]["courses"][0],
        "Machine Learning Basics (5 h)"
    );
    assert_eq!(
        env.json(&["portfolio", "--with-notes"])["projects"][0]["links"][0]["note"],
        "private thoughts"
    );

    // HTML to a file: written once, whole; the reading changed nothing else.
    let out = env.ok(&["portfolio", "--format", "html", "-o", "p.html"]);
    assert!(out.starts_with("Wrote p.html ("), "{out}");
    let html = std::fs::read_to_string(env.path().join("p.html")).unwrap();
    assert_safe_page("the portfolio", &html);
    assert!(
        html.contains(
            "<a href=\"https://github.com/me/ml-api\" rel=\"nofollow noopener noreferrer\">"
        ),
        "{html}"
    );
    assert_eq!(env.state_bytes(), before);
    let err = env.fails(&["portfolio", "-o", "no/such/folder/p.md"], 2);
    assert!(err.contains("does not exist"), "{err}");

    // The report carries the same section.
    let report = env.ok(&["report", "-o", "-"]);
    assert!(
        report.contains("id=\"portfolio\""),
        "the report has a portfolio section"
    );
    assert!(report.contains("3 of 8 acceptance criteria met"));
    assert_safe_page("the report", &report);
}

/// No script, no element that fetches, no handler; links only to http(s) pages, through `<a>`.
fn assert_safe_page(what: &str, html: &str) {
    for tag in crate::report::tags(html) {
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "base", "frame", "form"
            ]
            .contains(&tag.name.as_str()),
            "{what}: a <{}> element",
            tag.name
        );
        for (key, value) in &tag.attrs {
            assert!(!key.starts_with("on"), "{what}: a handler {key}");
            if [
                "src",
                "href",
                "action",
                "srcset",
                "xlink:href",
                "data",
                "poster",
            ]
            .contains(&key.as_str())
            {
                let web = tag.name == "a" && key == "href" && value.starts_with("https://");
                assert!(value.starts_with('#') || web, "{what}: {key}={value:?}");
            }
        }
    }
    assert!(html.contains("default-src 'none'"), "{what}: no policy");
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one hostile state, checked in each of the four outputs in turn"
)]
fn a_hostile_title_note_and_url_stay_text_in_every_format() {
    let env = Env::new();
    // A path of one's own whose project title is markup, and a state edited by hand with a hostile note and a URL
    // of any scheme.
    let yaml = "id: mini\ntitle: \"Mini <script>alert(1)</script>\"\nphases:\n  - id: one\n    title: One\n    \
                weeks: { min: 1, max: 2 }\n    groups: [{ modules: [alpha] }]\nmodules:\n  - { id: alpha, title: Alpha }\n\
                projects:\n  - id: demos\n    title: Demos\n    items:\n      - id: evil\n        \
                title: \"[click](javascript:alert(1)) <img src=x onerror=alert(1)> \\e]0;owned\\a\\u202E\"\n        \
                modules: [alpha]\n";
    let guide = "---\nhours: 10\n---\n\n# Alpha\n\n## Checklist\n\n- [ ] One: a thing\n";
    let path = env.course(yaml, &[("alpha", guide)]);
    env.ok(&["--path", &path, "start", "evil"]);
    env.ok(&["--path", &path, "link", "evil", "https://example.com/ok"]);
    let mut state = env.state_json();
    state["paths"]["mini"]["projects"]["evil"]["links"]
        .as_array_mut()
        .expect("the project's links")
        .insert(
            0,
            serde_json::json!({
                "url": "javascript:alert(1)",
                "note": "<b>x</b> [y](javascript:z) \u{1b}[2J\u{202e}",
                "added": "2026-01-05"
            }),
        );
    env.write_state(&serde_json::to_string_pretty(&state).expect("JSON"));

    let md = env.ok(&["--path", &path, "portfolio", "--with-notes"]);
    for raw in [
        "<script",
        "<img",
        "<b>",
        "](javascript",
        "\u{1b}",
        "\u{202e}",
        "<javascript",
    ] {
        assert!(!md.contains(raw), "markdown: {raw:?} in\n{md}");
    }
    assert!(
        md.contains("\\[click\\]\\(javascript:alert\\(1\\)\\)"),
        "{md}"
    );
    assert!(md.contains("<https://example.com/ok>"), "{md}");

    let html = env.ok(&[
        "--path",
        &path,
        "portfolio",
        "--format",
        "html",
        "--with-notes",
    ]);
    assert_safe_page("the hostile portfolio", &html);
    for raw in [
        "<script",
        "<img",
        "<b>",
        "href=\"javascript",
        "\u{1b}",
        "\u{202e}",
    ] {
        assert!(!html.contains(raw), "html: {raw:?}");
    }
    assert!(
        html.contains("<code>javascript:alert(1)</code>"),
        "a bad URL is text: {html}"
    );
    if let Some(browser) = crate::report::Browser::find() {
        let file = env.path().join("hostile-portfolio.html");
        std::fs::write(&file, &html).unwrap();
        let dom = browser.dom(env.path(), &file);
        assert_safe_page("the hostile portfolio in Chromium", &dom);
    }

    let json = env.json(&["--path", &path, "portfolio", "--with-notes"]);
    assert_eq!(
        json["projects"][0]["url"], "https://example.com/ok",
        "only a web URL is the project's url"
    );

    for args in [
        vec!["projects"],
        vec!["link"],
        vec!["skills"],
        vec!["show", "alpha", "--no-pager"],
    ] {
        let mut all = vec!["--path", path.as_str()];
        all.extend(args.iter().copied());
        let out = env.ok(&all);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(bad), "{args:?}: {out:?}");
        }
    }
}
