//! `aipath import MARKDOWN [-o FILE]`: a learning-path document → a path YAML. Reads no state.

use std::path::{Path as FsPath, PathBuf};

use anyhow::{Context, Result, anyhow};

use super::shell::{Shell, emit};
use crate::course::validate::{Checked, GuideText, Lookups, check_path};
use crate::error::input;
use crate::import::{import, slug};
use crate::io::atomic::{self, Replace};
use crate::io::loader::guide_text;
use crate::render::text::plural;

pub struct Options<'a> {
    pub markdown: &'a FsPath,
    pub output: Option<&'a FsPath>,
    pub force: bool,
    pub id: Option<&'a str>,
}

pub fn run(options: &Options, shell: &Shell) -> Result<()> {
    let source = options.markdown;
    if let Some(out) = options.output
        && out.exists()
        && !options.force
    {
        return Err(input(format!(
            "{}: the file exists; give --force to replace it",
            out.display()
        )));
    }
    let text = std::fs::read_to_string(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => input(format!("{}: no such file", source.display())),
        _ => anyhow!("{}: cannot read: {e}", source.display()),
    })?;
    let id = match options.id {
        Some(id) => {
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
            id.to_string()
        }
        None => {
            let stem = source
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = slug(&stem);
            if id.is_empty() {
                return Err(input(format!(
                    "{}: cannot make a path id from the file name; give one with --id",
                    source.display()
                )));
            }
            id
        }
    };
    let imported =
        import(&text, &id).map_err(|message| input(format!("{}: {message}", source.display())))?;
    for report in &imported.reports {
        shell.note(&format!(
            "{}:{}: {}",
            source.display(),
            report.line,
            report.message
        ));
    }
    let body = serde_yaml::to_string(&imported.path).context("cannot write the path as YAML")?;
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = format!(
        "# Imported by `aipath import` from {name}. `aipath validate <this file>` checks it.\n{body}"
    );

    // Check the result where it will be used: guides are looked up beside the output file (or the document).
    let guide_dir: PathBuf = options
        .output
        .unwrap_or(source)
        .parent()
        .map(FsPath::to_path_buf)
        .unwrap_or_default();
    let guide = |module: &str| {
        guide_text(module, Some(&guide_dir))
            .map(|(file, text)| GuideText {
                file: file.display().to_string(),
                text: text.into_owned(),
            })
            .map_err(|e| format!("{e:#}"))
    };
    let lookups = Lookups {
        guide: &guide,
        link_exists: &|_, _| true,
    };
    let shown = options
        .output
        .map_or_else(|| "<stdout>".to_string(), |o| o.display().to_string());
    let findings = check_path(&shown, &yaml, &lookups, &mut Checked::default());
    for finding in &findings {
        shell.warn(&finding.to_string());
    }

    let Some(out) = options.output else {
        return emit(&yaml);
    };
    write_new(out, &yaml, options.force)?;
    let path = &imported.path;
    // In the data folder's `paths` folder the path is named by its id; elsewhere by its file.
    let in_catalog = crate::io::catalog::folder().is_some_and(|folder| {
        let canonical = |p: &FsPath| std::fs::canonicalize(p).ok();
        out.parent().and_then(canonical) == canonical(&folder)
    });
    let how = if in_catalog {
        format!("`aipath use {}` makes it the active path", path.id)
    } else {
        format!("`aipath --path {} next` uses it", out.display())
    };
    emit(&format!(
        "Wrote {}: {} in {}{}. {how}.",
        out.display(),
        plural(path.modules.len(), "module"),
        plural(path.phases.len(), "phase"),
        if findings.is_empty() {
            String::new()
        } else {
            format!(
                ", with {} to fix (above)",
                plural(findings.len(), "problem")
            )
        },
    ))
}

/// Writes through a temp file and a rename, so a reader never sees half a file; without `force`, an existing file
/// (even one created meanwhile) is left alone.
fn write_new(out: &FsPath, text: &str, force: bool) -> Result<()> {
    let replace = if force { Replace::Yes } else { Replace::No };
    atomic::write(out, ".import-", text.as_bytes(), replace).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            input(format!(
                "{}: the file exists; give --force to replace it",
                out.display()
            ))
        } else {
            anyhow!("{}: cannot write: {e}", out.display())
        }
    })
}
