//! `aipath` alone: where the learner stands, in a few lines.

use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::plan::next::Step;
use crate::plan::standing::Standing;
use crate::progress::count::Count;
use crate::render::table::Tone;
use crate::render::text::{hours, one_line, schedule_line, summary, ticks};
use crate::render::{Render, Screen};

/// A module in progress, with its checklist.
#[derive(Serialize)]
pub struct Studying {
    pub id: String,
    pub title: String,
    pub checklist: Ticks,
}

#[derive(Serialize)]
pub struct DashboardView {
    pub path: String,
    pub title: String,
    pub progress: Count,
    pub studying: Vec<Studying>,
    pub hours_this_week: f64,
    pub schedule: Option<Standing>,
    pub next: Option<Step>,
}

/// The studying line with no module in progress, at each stage of the path, in the words of the schedule line
/// (lower case after the label, a full stop at the end).
pub fn idle(progress: &Count) -> &'static str {
    if progress.is_complete() {
        "nothing left, the whole path is done."
    } else if progress.done == 0 {
        "nothing yet (`aipath next` shows where to begin)."
    } else {
        "nothing in progress (`aipath next` shows what comes next)."
    }
}

impl Render for DashboardView {
    fn render(&self, screen: Screen) -> String {
        let done = if self.progress.is_complete() {
            Tone::Good.paint(&summary(&self.progress), screen)
        } else {
            summary(&self.progress)
        };
        let mut out = format!("{}\n{done}\n\n", one_line(&self.title));
        if self.studying.is_empty() {
            out.push_str(&format!("Studying: {}\n", idle(&self.progress)));
        }
        for s in &self.studying {
            out.push_str(&format!(
                "Studying: {} (`{}`), checklist {}\n",
                one_line(&s.title),
                s.id,
                ticks(s.checklist)
            ));
        }
        out.push_str(&format!(
            "This week: {} h logged\n",
            hours(self.hours_this_week)
        ));
        if let Some(s) = &self.schedule {
            out.push_str(&schedule_line(s, screen));
            out.push('\n');
        }
        match &self.next {
            Some(step) => out.push_str(&format!("\nNext: `{}`\n", step.command)),
            None => {
                out.push_str("\nNothing is left to do. `aipath status` shows the whole path.\n")
            }
        }
        out.push_str("`aipath help` lists every command.\n");
        out
    }
}
