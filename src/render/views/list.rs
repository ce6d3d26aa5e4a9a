//! `aipath list`: every module with its phase, status, checklist and dates.

use jiff::civil::Date;
use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::render::table::{Cell, Tone};
use crate::render::text::{date_or_dash, hours, ticks};
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct ModuleRow {
    pub id: String,
    pub title: String,
    pub phase: String,
    pub status: &'static str,
    /// Checklist items ticked of the guide's total.
    pub checklist: Ticks,
    /// The hours logged to the module.
    pub hours_logged: f64,
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
            "Logged",
            "Started",
            "Finished",
        ]);
        for r in &self.rows {
            let status = match r.chosen {
                Some(true) => format!("{} (chosen)", r.status),
                _ => r.status.to_string(),
            };
            table.add_row([
                Cell::from(r.id.clone()),
                Cell::from(r.title.clone()),
                Cell::from(r.phase.clone()),
                Cell::from(status).toned(Tone::of_status(r.status)),
                Cell::from(ticks(r.checklist)),
                Cell::from(if r.hours_logged > 0.0 {
                    format!("{} h", hours(r.hours_logged))
                } else {
                    "-".to_string()
                }),
                Cell::from(date_or_dash(r.started)),
                Cell::from(date_or_dash(r.finished)),
            ]);
        }
        // Ids are typed back into commands, and counts, hours and dates read whole. Where the table cannot fit, the
        // columns a learner can best do without step aside: the phase first, the title (the id names it) last.
        table.align_right("Checklist");
        table.align_right("Logged");
        for column in ["Id", "Checklist", "Logged", "Started", "Finished"] {
            table.keep_whole(column);
        }
        table.optional("Phase", 1);
        table.optional("Started", 2);
        table.optional("Logged", 3);
        table.optional("Title", 4);
        table.to_string()
    }
}
