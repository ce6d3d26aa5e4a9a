//! `aipath validate`: every problem as `FILE:LINE: message`, or a line that says what was checked.

use serde::Serialize;

use crate::render::text::plural;
use crate::render::{Render, Screen};
use crate::validate::{Checked, Finding};

#[derive(Serialize)]
pub struct ValidateView {
    pub checked: Checked,
    pub problems: Vec<Finding>,
}

impl ValidateView {
    /// `1 path, 9 guides and 120 links`.
    pub fn summary(&self) -> String {
        let c = self.checked;
        format!(
            "{}, {} and {}",
            plural(c.paths, "path"),
            plural(c.guides, "guide"),
            plural(c.links, "link")
        )
    }
}

impl Render for ValidateView {
    fn render(&self, _: Screen) -> String {
        if self.problems.is_empty() {
            return format!("Checked {}: no problems.", self.summary());
        }
        let mut lines: Vec<String> = self.problems.iter().map(Finding::to_string).collect();
        if self.problems.iter().all(|p| p.warning) {
            lines.push(format!(
                "Checked {}: no problems, {}.",
                self.summary(),
                plural(self.problems.len(), "warning")
            ));
        }
        lines.join("\n")
    }
}
