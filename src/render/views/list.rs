//! `aipath list`: every module with its phase, status, checklist and dates.

use jiff::civil::Date;
use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::render::table::{hide_when_narrow, keep_whole};
use crate::render::text::{date_or_dash, ticks};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct ModuleRow {
    pub id: String,
    pub title: String,
    pub phase: String,
    pub status: &'static str,
    /// Checklist items ticked of the guide's total.
    pub checklist: Ticks,
    pub chosen: Option<bool>,
    pub started: Option<Date>,
    pub finished: Option<Date>,
}

/// The JSON is the rows themselves, an array.
#[derive(Serialize)]
#[serde(transparent)]
pub struct ListView {
    pub rows: Vec<ModuleRow>,
}

impl Render for ListView {
    fn render(&self, screen: Screen) -> String {
        let mut table = screen.table(&[
            "Id",
            "Title",
            "Phase",
            "Status",
            "Checklist",
            "Started",
            "Finished",
        ]);
        for r in &self.rows {
            let status = match r.chosen {
                Some(true) => format!("{} (chosen)", r.status),
                _ => r.status.to_string(),
            };
            table.add_row(vec![
                r.id.clone(),
                r.title.clone(),
                r.phase.clone(),
                status,
                ticks(r.checklist),
                date_or_dash(r.started),
                date_or_dash(r.finished),
            ]);
        }
        // Ids are typed back into commands and dates read whole; on a narrow terminal the columns a learner can do
        // without step aside, widest first.
        for column in [0, 5, 6] {
            keep_whole(&mut table, column);
        }
        hide_when_narrow(&mut table, 1, 120);
        hide_when_narrow(&mut table, 2, 100);
        hide_when_narrow(&mut table, 5, 90);
        table.to_string()
    }
}
