//! `aipath start|done|skip|undo`: what changed, and after finishing something, the progress and the next step.

use serde::Serialize;

use crate::progress::Change;
use crate::progress::count::Count;
use crate::progress::next::Step;
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
        out
    }
}
