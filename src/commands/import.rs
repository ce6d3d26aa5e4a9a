//! `aipath import MARKDOWN [-o FILE]`: a learning-path document → a path YAML. Reads no state.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use super::shell::{Shell, emit};
use crate::error::{input, input_hinted};
use crate::import::{import, slug};
use crate::io::atomic::{self, Replace};
use crate::io::input::ReadError;
use crate::io::loader::found_guide;
use crate::path::LearningPath;
use crate::render::text::plural;
use crate::validate::{Checked, Lookups, check_path};

pub struct Options<'a> {
    pub markdown: &'a Path,
    pub output: Option<&'a Path>,
    pub force: bool,
    pub id: Option<&'a str>,
}

pub fn run(options: &Options, shell: &Shell) -> Result<()> {
    let source = options.markdown;
    if let Some(out) = options.output
        && out.exists()
        && !options.force
    {
        return Err(input_hinted(
            format!("{}: the file exists", out.display()),
            "give --force to replace it",
        ));
    }
    // A document from someone else: read as untrusted input (no FIFO, no huge file, UTF-8 located on error).
    let text = crate::io::input::read_text(source, "document").map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            input(format!("{}: no such file", source.display()))
        }
        ReadError::Io(e) => anyhow!("{}: cannot read: {}", source.display(), e.kind()),
        ReadError::Refused(message) => input(message),
    })?;
    let id = path_id(options)?;
    let imported = import(&text, &id)
        .map_err(|e| crate::error::CommandError::from(e).context(source.display().to_string()))?;
    for report in &imported.reports {
        shell.note(&format!(
            "{}:{}: {}",
            source.display(),
            report.line,
            report.message
        ));
    }
    let body = crate::yaml::to_string(&imported.path).context("cannot write the path as YAML")?;
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = format!(
        "# Imported by `aipath import` from {name}. `aipath validate <this file>` checks it.\n{body}"
    );
    let problems = check_result(options, &yaml, shell);

    let Some(out) = options.output else {
        return emit(&yaml);
    };
    write_new(out, &yaml, options.force)?;
    emit(&written(out, &imported.path, problems))
}

/// The id given with `--id`, which must already be an id, or else the slug of the document's file name.
fn path_id(options: &Options) -> Result<String> {
    if let Some(id) = options.id {
        if id.is_empty() {
            return Err(input(
                "`--id` is empty: give a path id of lowercase letters, digits and `-` (like `my-path`)",
            ));
        }
        if slug(id) != id {
            return Err(input(format!(
                "`{id}` is not a path id: use lowercase letters, digits and `-` (like `{}`)",
                slug(id)
            )));
        }
        return Ok(id.to_string());
    }
    let source = options.markdown;
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = slug(&stem);
    if id.is_empty() {
        return Err(input_hinted(
            format!(
                "{}: cannot make a path id from the file name",
                source.display()
            ),
            "give one with --id",
        ));
    }
    Ok(id)
}

/// Warns of every problem `validate` would find in the result, and says how many there are.
fn check_result(options: &Options, yaml: &str, shell: &Shell) -> usize {
    // Check the result where it will be used: guides are looked up beside the output file (or the document).
    let guide_dir: PathBuf = options
        .output
        .unwrap_or(options.markdown)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let guide = |module: &str| found_guide(module, Some(&guide_dir));
    let lookups = Lookups {
        guide: &guide,
        link_exists: &|_, _| true,
        today: None,
    };
    let shown = options
        .output
        .map_or_else(|| "<stdout>".to_string(), |o| o.display().to_string());
    let findings = check_path(&shown, yaml, &lookups, &mut Checked::default());
    for finding in &findings {
        shell.warn(&finding.to_string());
    }
    findings.len()
}

/// What was written and how to use it.
fn written(out: &Path, path: &LearningPath, problems: usize) -> String {
    // In the data folder's `paths` folder the path is named by its id; elsewhere by its file.
    let in_catalog = crate::io::catalog::folder().is_some_and(|folder| {
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        out.parent().and_then(canonical) == canonical(&folder)
    });
    // Only a command that works: a path with problems (a guide missing, say) does not load yet.
    let how = if problems > 0 {
        format!(
            "Fix them, then `aipath validate {}` checks it again",
            out.display()
        )
    } else if in_catalog {
        format!("`aipath use {}` makes it the active path", path.id)
    } else {
        format!("`aipath --path {} next` uses it", out.display())
    };
    format!(
        "Wrote {}: {} in {}{}. {how}.",
        out.display(),
        plural(path.modules.len(), "module"),
        plural(path.phases.len(), "phase"),
        if problems == 0 {
            String::new()
        } else {
            format!(", with {} to fix (above)", plural(problems, "problem"))
        },
    )
}

/// Writes through a temp file and a rename, so a reader never sees half a file; without `force`, an existing file
/// (even one created meanwhile) is left alone. A missing folder is made first (the data folder's `paths/` does not
/// exist on a fresh install). Errors name the file asked for, never the temp file.
fn write_new(out: &Path, text: &str, force: bool) -> Result<()> {
    let folder = atomic::folder_of(out);
    std::fs::create_dir_all(&folder).map_err(|e| {
        anyhow!(
            "{}: cannot create the folder {}: {}",
            out.display(),
            folder.display(),
            e.kind()
        )
    })?;
    let replace = if force { Replace::Yes } else { Replace::No };
    atomic::write(out, ".import-", text.as_bytes(), replace).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            input_hinted(
                format!("{}: the file exists", out.display()),
                "give --force to replace it",
            )
        } else {
            anyhow!("{}: cannot write: {}", out.display(), e.kind())
        }
    })
}
