//! The README (and docs/projects.md, the projects tour) cannot go stale: every ```console block in it runs, in order, against the real binary with a fresh home
//! and today pinned, and must print what the README shows. `AIPATH_README=overwrite cargo test readme` writes the
//! real outputs back into the README after a change that means them to change.
//!
//! A block's `$ aipath …` lines are commands; the lines after one, up to the next `$`, are what it prints. A command
//! runs on a terminal 100 columns wide (a pseudo-terminal, through `script`), so the README shows what a reader's
//! terminal shows; one that ends in `| head -N` or `| grep TEXT` (fixed text), or `> FILE`, writes to a pipe, as it
//! would, and shows its stdout then its stderr. `$ head -N FILE` shows a file; a `~/` argument is the test's home. Files in `docs/readme/` are copied into the working folder first (the documents
//! the tour imports and validates). A line `...` in the expected output stands for any lines.

use std::path::{Path, PathBuf};

use crate::support::{Env, TODAY, binary};

/// The terminal's width the README shows: what fits GitHub's page without a scroll bar.
const COLUMNS: usize = 100;

/// The README's text, and for each console block the byte range of its body.
fn blocks(readme: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = readme[at..].find("```console\n") {
        let start = at + open + "```console\n".len();
        let Some(len) = readme[start..].find("\n```") else {
            break;
        };
        out.push(start..start + len + 1);
        at = start + len + 4;
    }
    out
}

/// Words as a shell splits them: spaces, with `"…"` and `'…'` quoting.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, ' ') => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

struct Tour {
    env: Env,
    home: PathBuf,
}

impl Tour {
    fn new() -> Tour {
        let env = Env::new();
        let home = env.path().join("home");
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/readme");
        for entry in std::fs::read_dir(&docs).into_iter().flatten().flatten() {
            let to = env.path().join(entry.file_name());
            std::fs::copy(entry.path(), to).unwrap_or_else(|e| panic!("{e}"));
        }
        Tour { env, home }
    }

    /// What `$ line` prints, with the home folder shown as `~`.
    fn run(&self, line: &str) -> String {
        let (command, redirect) = match line.split_once(" > ") {
            Some((c, file)) => (c, Some(file.trim())),
            None => (line, None),
        };
        let (command, filter) = match command.split_once(" | ") {
            Some((c, f)) => (c, Some(words(f))),
            None => (command, None),
        };
        let args: Vec<String> = words(command)
            .into_iter()
            .map(|w| match w.strip_prefix("~/") {
                Some(rest) => self.home.join(rest).display().to_string(),
                None => w,
            })
            .collect();
        let piped = filter.is_some() || redirect.is_some();
        let text = match args.first().map(String::as_str) {
            Some("aipath") if piped => self.aipath(&args[1..]),
            Some("aipath") => self.on_terminal(&args[1..]),
            Some("head") => {
                let n: usize = args[1].trim_start_matches('-').parse().unwrap_or(10);
                let file =
                    std::fs::read_to_string(self.env.path().join(&args[2])).unwrap_or_default();
                file.split_inclusive('\n').take(n).collect()
            }
            other => panic!("the README runs only aipath and head, not {other:?}"),
        };
        let text = match filter.as_deref() {
            Some([head, n]) if head == "head" => {
                let n: usize = n.trim_start_matches('-').parse().unwrap_or(10);
                text.split_inclusive('\n').take(n).collect()
            }
            Some([grep, word]) if grep == "grep" => text
                .split_inclusive('\n')
                .filter(|l| l.contains(word.as_str()))
                .collect(),
            Some(other) => panic!("unknown filter {other:?}"),
            None => text,
        };
        if let Some(file) = redirect {
            std::fs::write(self.env.path().join(file), &text).unwrap_or_else(|e| panic!("{e}"));
            return String::new();
        }
        text.replace(&self.home.display().to_string(), "~")
    }

    /// What `aipath ARGS` shows on a terminal of [`COLUMNS`], stdout and stderr as they came.
    fn on_terminal(&self, args: &[String]) -> String {
        let quoted: Vec<String> = args
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let line = format!(
            "stty rows 500 cols {COLUMNS}; '{}' {}",
            binary().display(),
            quoted.join(" ")
        );
        let out = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .current_dir(self.env.path())
            .env_remove("AIPATH_STATE")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("LESS")
            .envs(crate::support::home_of(&self.home))
            .env("AIPATH_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("PAGER", "")
            .env("COLUMNS", COLUMNS.to_string())
            .output()
            .unwrap_or_else(|e| panic!("script (util-linux) runs the README on a terminal: {e}"));
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
    }

    fn aipath(&self, args: &[String]) -> String {
        let out = std::process::Command::new(binary())
            .args(args)
            .current_dir(self.env.path())
            .env_remove("AIPATH_STATE")
            .env_remove("PAGER")
            .env_remove("CLICOLOR_FORCE")
            .envs(crate::support::home_of(&self.home))
            .env("AIPATH_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        text
    }
}

/// Whether `got` is what `expected` shows, `...` lines matching any lines.
fn matches(expected: &str, got: &str) -> bool {
    let want: Vec<&str> = expected.lines().collect();
    let have: Vec<&str> = got.lines().collect();
    fn go(want: &[&str], have: &[&str]) -> bool {
        match want.split_first() {
            None => have.is_empty(),
            Some((&"...", rest)) => (0..=have.len()).any(|skip| go(rest, &have[skip..])),
            Some((w, rest)) => have.first().is_some_and(|h| h == w) && go(rest, &have[1..]),
        }
    }
    go(&want, &have)
}

#[test]
fn every_console_example_in_the_readme_is_what_aipath_prints() {
    check_document("README.md", 20);
}

/// The tour of a project from brief to portfolio, run the same way on a fresh home of its own.
#[test]
fn every_console_example_in_docs_projects_is_what_aipath_prints() {
    check_document("docs/projects.md", 5);
}

/// Runs every console block of `document` (relative to the repository) in order on one fresh home, and compares, or
/// with `AIPATH_README=overwrite` rewrites the outputs.
fn check_document(document: &str, min_blocks: usize) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(document);
    let readme = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let overwrite = std::env::var("AIPATH_README").is_ok_and(|v| v == "overwrite");
    let tour = Tour::new();
    let mut rewritten = String::new();
    let mut last = 0;
    let mut failures = Vec::new();
    let ranges = blocks(&readme);
    assert!(
        ranges.len() >= min_blocks,
        "{document}: {} console blocks",
        ranges.len()
    );
    for range in ranges {
        let body = &readme[range.clone()];
        let mut new_body = String::new();
        let mut lines = body.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(command) = line.strip_prefix("$ ") else {
                panic!("a console block line that is not a command: {line:?}");
            };
            let mut expected = String::new();
            while let Some(next) = lines.next_if(|l| !l.starts_with("$ ")) {
                expected.push_str(next);
                expected.push('\n');
            }
            let got = tour.run(command);
            new_body.push_str(line);
            new_body.push('\n');
            if matches(&expected, &got) {
                new_body.push_str(&expected);
            } else {
                failures.push(format!(
                    "$ {command}\n--- README\n{expected}--- aipath\n{got}"
                ));
                new_body.push_str(&got);
            }
        }
        rewritten.push_str(&readme[last..range.start]);
        rewritten.push_str(&new_body);
        last = range.end;
    }
    rewritten.push_str(&readme[last..]);
    if overwrite {
        std::fs::write(&file, rewritten).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    assert!(
        failures.is_empty(),
        "{} examples in {document} differ from the binary (AIPATH_README=overwrite cargo test readme rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
