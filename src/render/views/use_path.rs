//! `aipath use`: the active path and the learner's progress on it.

use serde::Serialize;

use crate::progress::count::Count;
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct UseView {
    pub active: String,
    pub title: String,
    pub changed: bool,
    pub progress: Count,
}

impl Render for UseView {
    fn render(&self, _: Screen) -> String {
        let line = format!(
            "`{}` ({}): {} of {} done.",
            self.active, self.title, self.progress.done, self.progress.total
        );
        if self.changed {
            format!("Active path: {line} `aipath next` shows what comes next on it.")
        } else {
            format!("Already the active path: {line}")
        }
    }
}
