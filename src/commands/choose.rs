//! `aipath choose <spec> [<spec>]`: choose the specializations.

use anyhow::Result;

use super::Ctx;
use crate::error::input;
use crate::path::ids::resolve;
use crate::progress::Status;
use crate::progress::choice::refuse_more;
use crate::progress::next::choice_count;
use crate::render::views::choose::ChooseView;

pub fn run(ctx: &Ctx, typed: &[String]) -> Result<()> {
    let (_, course) = ctx.load_to_change()?;
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
    if chosen.len() < min || chosen.len() > max {
        return Err(input(format!(
            "choose {} specializations, not {}",
            choice_count(min, max),
            chosen.len()
        )));
    }
    let today = ctx.today;
    let ((chosen, changed), _) = ctx.update_progress(&course, |progress| {
        // A specialization in progress or done stays chosen: the learner has chosen it by studying it.
        let kept: Vec<&str> = progress
            .chosen_in(phase)
            .into_iter()
            .filter(|k| progress.status(k) != Status::Todo && !chosen.iter().any(|c| c == k))
            .collect();
        let adding: Vec<&str> = chosen.iter().map(String::as_str).collect();
        if let Some(why) = refuse_more(phase, progress, &adding, &kept) {
            return Err(input(why));
        }
        let all: Vec<String> = chosen
            .iter()
            .cloned()
            .chain(kept.iter().map(|k| k.to_string()))
            .collect();
        let changed = progress.choose(all.clone(), today);
        Ok((all, changed))
    })?;
    ctx.shell.print(&ChooseView { chosen, changed })
}
