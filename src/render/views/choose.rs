//! `aipath choose`: the specializations chosen.

use serde::Serialize;

use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct ChooseView {
    pub chosen: Vec<String>,
    pub changed: bool,
}

impl Render for ChooseView {
    fn render(&self, _: Screen) -> String {
        let names: Vec<String> = self.chosen.iter().map(|c| format!("`{c}`")).collect();
        if self.changed {
            let (pronoun, verb) = if names.len() == 1 {
                ("It", "follows")
            } else {
                ("They", "follow")
            };
            format!(
                "Chosen: {}. {pronoun} {verb} the earlier phases in `aipath next`.",
                names.join(" and ")
            )
        } else {
            format!("Already chosen: {}.", names.join(" and "))
        }
    }
}
