//! `aipath next`: the ranked steps as a table and the one command to type.

use serde::Serialize;

use crate::plan::next::{Action, Step};
use crate::progress::count::Count;
use crate::render::table::{Cell, list_cell};
use crate::render::text::{one_line, summary};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct NextView {
    pub path: String,
    pub complete: bool,
    pub progress: Count,
    pub steps: Vec<Step>,
    #[serde(skip)]
    pub title: String,
}

impl Render for NextView {
    fn render(&self, screen: Screen) -> String {
        let mut out = String::new();
        if self.complete {
            out.push_str(&format!(
                "You have finished {}: {}\n",
                one_line(&self.title),
                summary(&self.progress)
            ));
            if self.steps.is_empty() {
                out.push_str("Nothing is left to do. `aipath status` shows the whole path.\n");
                return out;
            }
            out.push_str("Recommended projects you can build now:\n");
        }
        out.push_str(&steps_table(&self.steps, screen));
        out.push('\n');
        if let Some(first) = self.steps.first() {
            out.push_str(&format!("Next: `{}`\n", first.command));
        }
        out
    }
}

fn steps_table(steps: &[Step], screen: Screen) -> String {
    let mut table = screen.table(&["Step", "Id", "Title", "Phase", "Topics", "Weeks"]);
    for (i, step) in steps.iter().enumerate() {
        let action = match step.action {
            Action::Continue => "continue",
            Action::Finish => "mark done",
            Action::Start => "start",
            Action::Choose => "choose",
            Action::Build => "build project",
        };
        table.add_row([
            if step.after.is_empty() {
                Cell::from(format!("{} {action}", i + 1))
            } else {
                Cell::List(
                    vec![
                        format!("{} {action}", i + 1),
                        format!("after {}", step.after.join(", ")),
                    ],
                    " ",
                )
            },
            Cell::from(step.id.clone().unwrap_or_else(|| "-".into())),
            Cell::from(step.title.clone()),
            Cell::from(step.phase_title.clone().unwrap_or_else(|| "-".into())),
            list_cell(&step.topics),
            Cell::from(step.weeks.map_or_else(|| "-".into(), |w| w.to_string())),
        ]);
    }
    table.align_right("Weeks");
    for column in ["Id", "Weeks"] {
        table.keep_whole(column);
    }
    // Where the table cannot fit: the phase is the least needed of all, then the title (the id names the module),
    // then the weeks.
    table.optional("Phase", 1);
    table.optional("Title", 2);
    table.optional("Weeks", 3);
    table.to_string()
}
