//! `aipath choose <spec> [<spec>]`: choose the specializations.

use anyhow::Result;

use super::Ctx;
use crate::error::input;
use crate::path::ids::resolve;
use crate::plan::next::choice_count;
use crate::render::views::choose::ChooseView;

pub fn run(ctx: &Ctx, typed: &[String]) -> Result<()> {
    let (_, course) = ctx.load()?;
    let Some(phase) = course.path.choice_phase() else {
        return Err(input(format!(
            "the path `{}` has no specializations to choose",
            course.id()
        )));
    };
    let (min, max) = phase.choice_range();
    let options: Vec<&str> = phase.module_ids().collect();
    let mut chosen: Vec<String> = Vec::new();
    for t in typed {
        let id = resolve(t, options.iter().copied(), "specialization").map_err(|e| {
            crate::error::CommandError::new(crate::error::Kind::Input, e).hint(format!(
                "the specializations are {}",
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
    if chosen.len() < min || chosen.len() > max {
        return Err(input(format!(
            "choose {} specializations, not {}",
            choice_count(min, max),
            chosen.len()
        )));
    }
    let today = ctx.today;
    let ((chosen, changed), _) = ctx.update_progress(&course, |progress| {
        crate::progress::choice::choose(phase, progress, &chosen, today)
            .map_err(|e| crate::error::CommandError::from(e).into())
    })?;
    ctx.shell.print(&ChooseView { chosen, changed })
}
