//! `aipath choose <spec> [<spec>]`: choose the specializations.

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::{Ctx, update_progress};
use crate::error::{input, resolve};
use crate::next::choice_count;
use crate::render::json;

#[derive(Serialize)]
struct ChooseView {
    chosen: Vec<String>,
    changed: bool,
}

pub fn run(ctx: &Ctx, typed: &[String]) -> Result<()> {
    let (_, library) = ctx.load()?;
    let Some(phase) = library.path.choice_phase() else {
        return Err(input(format!(
            "the path `{}` has no specializations to choose",
            library.id()
        )));
    };
    let choose = phase
        .choose
        .unwrap_or(crate::path::Choose { min: 1, max: 1 });
    let options: Vec<&str> = phase.module_ids().collect();
    let mut chosen: Vec<String> = Vec::new();
    for t in typed {
        let id = resolve(t, options.iter().copied(), "specialization").map_err(|e| {
            input(format!(
                "{e}; the specializations are {}",
                options
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if chosen.iter().any(|c| c == id) {
            return Err(input(format!("`{id}` is named twice")));
        }
        chosen.push(id.to_string());
    }
    if chosen.len() < choose.min || chosen.len() > choose.max {
        return Err(input(format!(
            "choose {} specializations, not {}",
            choice_count(choose.min, choose.max),
            chosen.len()
        )));
    }
    let today = ctx.today;
    let (changed, _) = update_progress(ctx, &library, |progress| {
        Ok(progress.choose(chosen.clone(), today))
    })?;
    let view = ChooseView { chosen, changed };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let names: Vec<String> = view.chosen.iter().map(|c| format!("`{c}`")).collect();
    if view.changed {
        emit(&format!(
            "Chosen: {}. They follow the earlier phases in `aipath next`.",
            names.join(" and ")
        ))
    } else {
        emit(&format!("Already chosen: {}.", names.join(" and ")))
    }
}
