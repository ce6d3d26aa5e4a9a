//! A broken path file or guide: every problem is reported with the file, the line where there is one, and the
//! offending id; exit status 2; the state is never touched.

use std::fs;

use crate::support::Env;

/// Line numbers in the tests below refer to this text.
const PATH: &str = "id: mini
title: Mini Path
phases:
  - id: basics
    title: Basics
    weeks: { min: 2, max: 4 }
    groups:
      - modules: [alpha, beta]
  - id: extras
    title: Extras
    weeks: { min: 1, max: 2 }
    groups:
      - modules: [gamma]
modules:
  - id: alpha
    title: Alpha
  - id: beta
    title: Beta
  - id: gamma
    title: Gamma
projects:
  - id: builds
    title: Builds
    items:
      - { id: tool, title: A Tool, modules: [alpha] }
";

const IDS: [&str; 3] = ["alpha", "beta", "gamma"];

/// A guide with these prerequisites.
fn guide(id: &str, prerequisites: &str) -> String {
    crate::support::guide(id, &format!("prerequisites: [{prerequisites}]\n"))
}

fn all_guides() -> Vec<(&'static str, String)> {
    IDS.iter().map(|id| (*id, guide(id, ""))).collect()
}

/// Runs `next` and `done` on the path and expects exit 2 with exactly `aipath: error: <message>`, the state untouched.
fn refused(env: &Env, file: &str, message: &str) {
    for args in [
        &["--path", file, "next"][..],
        &["--path", file, "done", "alpha"],
    ] {
        let err = env.fails(args, 2);
        assert_eq!(err, format!("aipath: error: {message}\n"), "{args:?}");
    }
    assert_eq!(env.state_bytes(), None);
}

fn path_with(from: &str, to: &str) -> Vec<u8> {
    assert!(PATH.contains(from), "{from}");
    PATH.replacen(from, to, 1).into_bytes()
}

#[test]
fn the_sound_path_loads() {
    let env = Env::new();
    let file = env.course(PATH.as_bytes(), &all_guides());
    env.ok(&["--path", &file, "next"]);
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let env = Env::new();
    let file = env.course(
        path_with("      - modules: [gamma]", "      - modules: [gamma\n"),
        &all_guides(),
    );
    refused(
        &env,
        &file,
        &format!("{file}:15:8: illegal placement of ':' indicator"),
    );
}

#[test]
fn a_value_of_the_wrong_type_names_file_line_and_column() {
    let env = Env::new();
    let file = env.course(
        path_with("{ min: 1, max: 2 }", "{ min: one, max: 2 }"),
        &all_guides(),
    );
    refused(&env, &file, &format!("{file}:11:19: invalid u32"));
}

#[test]
fn a_module_defined_twice_is_named() {
    let env = Env::new();
    let file = env.course(
        path_with(
            "  - id: gamma\n    title: Gamma",
            "  - id: beta\n    title: Gamma",
        ),
        &all_guides(),
    );
    refused(
        &env,
        &file,
        &format!("{file}:17: module `beta` is defined twice"),
    );
}

#[test]
fn a_phase_defined_twice_is_named() {
    let env = Env::new();
    let file = env.course(path_with("id: extras", "id: basics"), &all_guides());
    refused(
        &env,
        &file,
        &format!("{file}:4: phase `basics` is defined twice"),
    );
}

#[test]
fn a_project_reusing_a_module_id_is_named() {
    let env = Env::new();
    let file = env.course(path_with("id: tool", "id: gamma"), &all_guides());
    refused(
        &env,
        &file,
        &format!(
            "{file}:19: project `gamma` reuses an id: ids are unique across modules and projects"
        ),
    );
}

#[test]
fn a_module_in_two_phases_is_named() {
    let env = Env::new();
    let file = env.course(path_with("[gamma]", "[gamma, alpha]"), &all_guides());
    refused(
        &env,
        &file,
        &format!("{file}:15: module `alpha` is listed twice (in `basics` and `extras`)"),
    );
}

#[test]
fn an_undefined_module_is_named_wherever_it_is_referenced() {
    let env = Env::new();
    let file = env.course(path_with("[gamma]", "[gamma, ghost]"), &all_guides());
    refused(
        &env,
        &file,
        &format!(
            "{file}:13: phase `extras` names module `ghost`, which is not defined under `modules`"
        ),
    );
    let file = env.course(
        path_with("modules: [alpha] }", "modules: [ghost] }"),
        &all_guides(),
    );
    refused(
        &env,
        &file,
        &format!("{file}:25: project `tool` builds on module `ghost`, which is not defined"),
    );
}

#[test]
fn an_empty_phase_is_named() {
    let env = Env::new();
    let file = env.course(path_with("[gamma]", "[]"), &all_guides());
    refused(
        &env,
        &file,
        &format!("{file}:9: phase `extras` has no modules"),
    );
}

#[test]
fn a_week_range_with_min_above_max_is_named() {
    let env = Env::new();
    let file = env.course(
        path_with("{ min: 1, max: 2 }", "{ min: 3, max: 2 }"),
        &all_guides(),
    );
    refused(
        &env,
        &file,
        &format!("{file}:9: phase `extras` has the week range 3-2: it needs 1 <= min <= max"),
    );
}

#[test]
fn a_prerequisite_cycle_through_three_guides_is_named() {
    let env = Env::new();
    let guides = [
        ("alpha", guide("alpha", "gamma")),
        ("beta", guide("beta", "alpha")),
        ("gamma", guide("gamma", "beta")),
    ];
    let file = env.course(PATH.as_bytes(), &guides);
    refused(
        &env,
        &file,
        &format!(
            "{file}: module `alpha` is its own prerequisite through `alpha` -> `gamma` -> `beta` -> `alpha`"
        ),
    );
}

#[test]
fn a_module_that_is_its_own_prerequisite_is_named() {
    let env = Env::new();
    let mut guides = all_guides();
    guides[1] = ("beta", guide("beta", "beta"));
    let file = env.course(PATH.as_bytes(), &guides);
    refused(
        &env,
        &file,
        &format!("{file}: module `beta` is its own prerequisite through `beta` -> `beta`"),
    );
}

#[test]
fn a_prerequisite_outside_the_path_names_the_guide() {
    let env = Env::new();
    let mut guides = all_guides();
    guides[2] = ("gamma", guide("gamma", "alpha, nope"));
    let file = env.course(PATH.as_bytes(), &guides);
    let guide_file = env.path().join("course/paths/../modules/gamma/README.md");
    refused(
        &env,
        &file,
        &format!(
            // Line 5 of the guide: its `prerequisites:` line.
            "{}:5: module `gamma` has prerequisite `nope`, which is not a module of the path",
            guide_file.display()
        ),
    );
}

#[test]
fn a_missing_guide_names_every_file_looked_for() {
    let env = Env::new();
    let file = env.course(PATH.as_bytes(), &all_guides()[..2]);
    let dir = env.path().join("course/paths");
    refused(
        &env,
        &file,
        &format!(
            "module `gamma` has no guide: looked for {}/modules/gamma/README.md and \
             {}/../modules/gamma/README.md (and among the built-in guides)",
            dir.display(),
            dir.display()
        ),
    );
}

#[test]
fn a_guide_with_broken_front_matter_names_its_line_and_column() {
    let env = Env::new();
    let mut guides = all_guides();
    guides[0] = (
        "alpha",
        guide("alpha", "").replace("hours: 10", "hours: [10]"),
    );
    let file = env.course(PATH.as_bytes(), &guides);
    let guide_file = env.path().join("course/paths/../modules/alpha/README.md");
    refused(
        &env,
        &file,
        &format!(
            "{}:4:8: front matter: expected string scalar",
            guide_file.display()
        ),
    );
}

#[test]
fn a_path_file_or_guide_that_is_not_utf8_names_the_first_bad_byte() {
    let env = Env::new();
    let mut yaml = PATH.as_bytes().to_vec();
    yaml.splice(18..18, [0xff]);
    let file = env.course(yaml, &all_guides());
    refused(
        &env,
        &file,
        &format!("{file}:2:10: the path file is not UTF-8 text"),
    );

    let env = Env::new();
    let file = env.course(PATH.as_bytes(), &all_guides());
    let guide_file = env.path().join("course/paths/../modules/beta/README.md");
    let mut bytes = guide("beta", "").into_bytes();
    bytes.extend_from_slice(b"caf\xe9\n");
    fs::write(&guide_file, bytes).unwrap_or_else(|e| panic!("{e}"));
    refused(
        &env,
        &file,
        &format!("{}:12:4: the guide is not UTF-8 text", guide_file.display()),
    );
}
