//! The path's rule for specializations, for every door a learner comes through: `choose`, `start`, `done`, `log` (and
//! a merge of two machines' records, which can ask [`within_the_choice`]). A specialization counts as chosen when it is
//! named with `choose`, in progress or done ([`PathProgress::counts_as_chosen`]); no more than the choice phase's
//! maximum may count. Pure.

use super::{PathProgress, Status};
use crate::path::Phase;

/// Whether at most the phase's maximum of its modules count as chosen: the invariant every change keeps.
pub fn within_the_choice(phase: &Phase, progress: &PathProgress) -> bool {
    progress.chosen_in(phase).len() <= phase.choice_range().1
}

/// Why taking up specialization `id` (starting it, finishing it, logging hours to it) is refused, in the words
/// `choose` uses: `None` when it counts as chosen already or there is room.
pub fn refuse_to_take(phase: &Phase, progress: &PathProgress, id: &str) -> Option<Refusal> {
    if !phase.is_choice() || progress.counts_as_chosen(id) {
        return None;
    }
    refuse_more(phase, progress, &[id], &progress.chosen_in(phase))
}

/// Why `adding` on top of `kept` (specializations that count as chosen and stay so) is more than the phase takes, and
/// what helps: giving up one in progress, or changing the choice; `None` when it fits.
pub fn refuse_more(
    phase: &Phase,
    progress: &PathProgress,
    adding: &[&str],
    kept: &[&str],
) -> Option<Refusal> {
    let (_, max) = phase.choice_range();
    if adding.len() + kept.len() <= max {
        return None;
    }
    let named = |ids: &[&str]| {
        ids.iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let why: Vec<String> = kept
        .iter()
        .map(|m| {
            let status = match progress.status(m) {
                Status::InProgress => "in progress",
                Status::Done => "done",
                _ => "chosen",
            };
            format!("`{m}` ({status})")
        })
        .collect();
    let action = if let Some(m) = kept
        .iter()
        .find(|m| progress.status(m) == Status::InProgress)
    {
        format!("`aipath skip {m}` gives it up to make room")
    } else if kept.iter().any(|m| progress.status(m) == Status::Todo) {
        format!(
            "`aipath choose {}` with the one to keep changes the choice",
            adding.join(" ")
        )
    } else if kept.len() < max {
        format!("choose at most {} more", max - kept.len())
    } else {
        "a specialization done stays chosen, so there is no room for another".to_string()
    };
    Some(Refusal {
        reason: format!(
            "{} would make {} specializations, and the path takes at most {max}: {} already {} as chosen",
            named(adding),
            adding.len() + kept.len(),
            why.join(" and "),
            if kept.len() == 1 { "counts" } else { "count" },
        ),
        action,
    })
}

/// More specializations than the phase takes: why, and what helps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub reason: String,
    /// Giving up one in progress, changing the choice, or how many more fit.
    pub action: String,
}

/// Bad input (exit 2); the action is the hint.
impl From<Refusal> for crate::error::CommandError {
    fn from(refusal: Refusal) -> Self {
        let action = refusal.action.clone();
        Self::new(crate::error::Kind::Input, refusal).hint(action)
    }
}

/// `choose`: `chosen` become the chosen specializations, with those in progress or done kept (the learner chose them
/// by studying them), unless that is more than the phase takes (the refusal's words). Returns the chosen list as it
/// now is, and whether anything changed.
pub fn choose(
    phase: &Phase,
    progress: &mut PathProgress,
    chosen: &[String],
    today: jiff::civil::Date,
) -> Result<(Vec<String>, bool), Refusal> {
    let kept: Vec<&str> = progress
        .chosen_in(phase)
        .into_iter()
        .filter(|k| progress.status(k) != Status::Todo && !chosen.iter().any(|c| c == k))
        .collect();
    let adding: Vec<&str> = chosen.iter().map(String::as_str).collect();
    if let Some(why) = refuse_more(phase, progress, &adding, &kept) {
        return Err(why);
    }
    let all: Vec<String> = chosen
        .iter()
        .cloned()
        .chain(kept.iter().map(|k| k.to_string()))
        .collect();
    let changed = progress.choose(all.clone(), today);
    Ok((all, changed))
}
