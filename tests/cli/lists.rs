//! `projects`, `skills`, `resources`, `tips`: the rest of the path, as tables and JSON. Views, so run in-process
//! ([`Env::here`]).

use crate::support::{Env, TODAY, ids};

/// The project `id` from `projects --json`, wherever its group.
fn project(env: &Env, id: &str) -> serde_json::Value {
    let view = env.json_here(&["projects"]);
    view["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["projects"].as_array().cloned().unwrap_or_default())
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no project `{id}` in {view}"))
}

fn skill(env: &Env, title: &str) -> serde_json::Value {
    let view = env.json_here(&["skills"]);
    view["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["skills"].as_array().cloned().unwrap_or_default())
        .find(|s| s["title"] == title)
        .unwrap_or_else(|| panic!("no skill `{title}` in {view}"))
}

/// The trimmed cells of the piped table's row that contains `needle`.
fn row(table: &str, needle: &str) -> Vec<String> {
    let line = table
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with `{needle}` in\n{table}"));
    line.trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn projects_come_in_their_groups_with_the_modules_they_build_on() {
    let env = Env::new();
    let view = env.json_here(&["projects"]);
    assert_eq!(view["path"], "software-developer-to-ai-engineer");
    assert_eq!(
        ids(&view["groups"], "id"),
        [
            "system-design-projects",
            "integration-projects",
            "production-projects"
        ]
    );
    assert_eq!(
        ids(&view["groups"][2]["projects"], "id"),
        [
            "model-monitoring-dashboard",
            "ab-testing-framework",
            "auto-scaling-ml-system"
        ]
    );
    let ab = project(&env, "ab-testing-framework");
    assert_eq!(
        (
            ab["title"].as_str(),
            ab["status"].as_str(),
            ab["ready"].as_bool()
        ),
        (Some("A/B Testing Framework"), Some("todo"), Some(false))
    );
    assert_eq!(
        ids(&ab["builds_on"], "id"),
        ["machine-learning-basics", "model-deployment"]
    );
}

#[test]
fn a_project_status_follows_start_done_and_undo_and_its_modules() {
    let env = Env::new();
    env.here(&["done", "machine-learning-basics"]);
    env.here(&["start", "ab-testing-framework"]);
    let ab = project(&env, "ab-testing-framework");
    assert_eq!(ab["status"], "in-progress");
    assert_eq!(ab["started"], TODAY);
    assert_eq!(ids(&ab["builds_on"], "status"), ["done", "todo"]);
    assert_eq!(ab["ready"], false);
    let table = env.here(&["projects"]);
    assert_eq!(
        row(&table, "ab-testing-framework"),
        [
            "ab-testing-framework",
            "A/B Testing Framework",
            "Production Projects",
            "machine-learning-basics (done), model-deployment (todo)",
            "1/2",
            "in-progress"
        ]
    );

    env.here(&["done", "model-deployment"]);
    assert_eq!(project(&env, "ab-testing-framework")["ready"], true);
    env.here(&["done", "ab-testing-framework"]);
    let ab = project(&env, "ab-testing-framework");
    assert_eq!(
        (ab["status"].as_str(), ab["finished"].as_str()),
        (Some("done"), Some(TODAY))
    );
    // Undo reverses its last change: back in progress, with its start date.
    env.here(&["undo", "ab-testing-framework"]);
    let ab = project(&env, "ab-testing-framework");
    assert_eq!(
        (ab["status"].as_str(), ab["started"].as_str()),
        (Some("in-progress"), Some(TODAY))
    );
    // The modules kept their own status.
    assert_eq!(ids(&ab["builds_on"], "status"), ["done", "done"]);
}

#[test]
fn skills_count_the_modules_that_teach_them() {
    let env = Env::new();
    let s = skill(&env, "ML System Architecture");
    assert_eq!(
        ids(&s["modules"], "id"),
        ["mlops-basics", "model-deployment"]
    );
    assert_eq!(
        (s["done"].as_u64(), s["total"].as_u64()),
        (Some(0), Some(2))
    );

    env.here(&["done", "mlops-basics"]);
    env.here(&["skip", "model-deployment"]);
    let s = skill(&env, "ML System Architecture");
    assert_eq!(
        (
            s["done"].as_u64(),
            s["total"].as_u64(),
            s["skipped"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let table = env.here(&["skills"]);
    assert_eq!(
        row(&table, "Containerization (Docker)"),
        [
            "Containerization (Docker)",
            "DevOps for AI",
            "mlops-basics",
            "1/1 modules"
        ]
    );
    assert_eq!(row(&table, "Data Pipeline Design")[3], "1/2 modules");
    // Taught only by a skipped module: the learner already knows it.
    assert_eq!(row(&table, "Scalability Patterns")[3], "skipped");
}

#[test]
fn resources_and_tips_list_every_item_with_its_group() {
    let env = Env::new();
    let resources = env.json_here(&["resources"]);
    assert_eq!(
        ids(&resources["groups"], "title"),
        ["Development Tools", "Learning Resources", "Best Practices"]
    );
    assert_eq!(resources["groups"][2]["items"][2], "CI/CD for ML");
    let table = env.here(&["resources"]);
    let (path_lists, guides) = table
        .split_once("\nThe guides' resources, by module:\n")
        .unwrap_or_else(|| panic!("{table}"));
    // A header, a rule, 12 items: one line each.
    assert_eq!(
        path_lists.lines().filter(|l| l.starts_with("| ")).count(),
        13
    );
    assert_eq!(
        row(path_lists, "MLflow/Weights & Biases"),
        ["Development Tools", "MLflow/Weights & Biases"]
    );
    // Then every guide's resources, with who wrote them and where they are.
    assert_eq!(
        row(guides, "Mathematics for Machine Learning"),
        [
            "math-foundations",
            "Mathematics for Machine Learning",
            "Marc Peter Deisenroth, A. Aldo Faisal and Cheng Soon Ong, Cambridge University Press",
            "https://mml-book.github.io/"
        ]
    );
    let math = env.json_here(&["resources", "--module", "math"]);
    assert_eq!(math["groups"], serde_json::json!([]));
    assert_eq!(math["guides"].as_array().map(Vec::len), Some(1));
    assert_eq!(math["guides"][0]["module"], "math-foundations");
    assert!(
        math["guides"][0]["resources"]
            .as_array()
            .is_some_and(|r| r.len() >= 6
                && r.iter()
                    .all(|x| x["url"].as_str().is_some_and(|u| u.starts_with("https://")))),
        "{math}"
    );

    let tips = env.json_here(&["tips"]);
    assert_eq!(
        ids(&tips["groups"], "id"),
        [
            "leverage-existing-skills",
            "focus-areas",
            "career-development"
        ]
    );
    assert_eq!(
        tips["groups"][1]["items"][0],
        "Model deployment over model building"
    );
    let table = env.here(&["tips"]);
    assert_eq!(
        row(&table, "Network with ML engineers"),
        ["Career Development", "Network with ML engineers"]
    );
    assert_eq!(env.files(), Vec::<String>::new(), "reading writes nothing");
}

#[test]
fn a_path_without_these_lists_says_so() {
    let env = Env::new();
    let file = env.path().join("bare.yaml");
    std::fs::write(
        &file,
        "id: bare\ntitle: Bare\nphases:\n  - { id: one, title: One, weeks: { min: 1, max: 2 }, groups: [{ modules: [math-foundations] }] }\nmodules:\n  - { id: math-foundations, title: Math Foundations }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let file = file.to_string_lossy().into_owned();
    assert_eq!(
        env.here(&["--path", &file, "projects"]),
        "The path `bare` recommends no projects.\n"
    );
    assert_eq!(
        env.here(&["--path", &file, "skills"]),
        "The path `bare` lists no skills.\n"
    );
    // The path names no resources of its own; its one guide (the built-in math guide) does.
    let resources = env.here(&["--path", &file, "resources"]);
    assert!(resources.starts_with("+-"), "{resources}");
    assert!(!resources.contains("Group"), "{resources}");
    assert_eq!(
        env.here(&["--path", &file, "tips"]),
        "The path `bare` lists no tips.\n"
    );
    assert_eq!(
        env.json_here(&["--path", &file, "tips"])["groups"],
        serde_json::json!([])
    );
}
