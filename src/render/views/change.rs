//! `aipath start|done|skip|undo`: what changed, and after finishing something, the progress and the next step.

use serde::Serialize;

use crate::plan::next::Step;
use crate::progress::Change;
use crate::progress::count::Count;
use crate::render::text::{one_line, summary, verb};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct Changed {
    pub id: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub changed: bool,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub changes: Vec<Changed>,
    pub progress: Count,
    pub next: Option<Step>,
    #[serde(skip)]
    pub change: Change,
    #[serde(skip)]
    pub title: String,
}

impl Render for ChangeView {
    fn render(&self, _: Screen) -> String {
        let mut out = String::new();
        for c in &self.changes {
            if c.changed && self.change == Change::Undo {
                out.push_str(&format!(
                    "`{}`: {} again (its last change reversed)\n",
                    c.id, c.status
                ));
            } else if c.changed {
                out.push_str(&format!("`{}`: {}\n", c.id, verb(self.change)));
            } else {
                out.push_str(&format!("`{}`: already {}\n", c.id, c.status));
            }
        }
        if self.change == Change::Done || self.change == Change::Skip {
            out.push_str(&format!("Progress: {}\n", summary(&self.progress)));
            match &self.next {
                Some(step) => out.push_str(&format!(
                    "Next: {} (`{}`)\n",
                    one_line(&step.title),
                    step.command
                )),
                None if self.progress.is_complete() => {
                    out.push_str(&format!("You have finished {}.\n", one_line(&self.title)));
                }
                None => {}
            }
        }
        if self.change == Change::Start {
            out.push_str(&study_next(&self.changes));
        }
        out
    }
}

/// After `start`: the command that opens the first module started (or already in progress) to study it. A project
/// has no guide, so a start of projects only ends with nothing more to do.
fn study_next(changes: &[Changed]) -> String {
    changes
        .iter()
        .find(|c| c.kind == "module" && c.status == "in-progress")
        .map(|c| format!("Next: `aipath show {}` to study it\n", c.id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(id: &str, kind: &'static str, status: &'static str) -> Changed {
        Changed {
            id: id.into(),
            kind,
            status,
            changed: true,
        }
    }

    #[test]
    fn start_ends_with_the_command_that_opens_the_first_module_started() {
        let changes = [
            changed("scalable-ml-api-service", "project", "in-progress"),
            changed("math-foundations", "module", "in-progress"),
            changed("mlops-basics", "module", "in-progress"),
        ];
        assert_eq!(
            study_next(&changes),
            "Next: `aipath show math-foundations` to study it\n"
        );
        assert_eq!(
            study_next(&[changed("machine-learning-basics", "module", "done")]),
            ""
        );
    }
}
