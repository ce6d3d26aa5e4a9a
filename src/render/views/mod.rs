//! One view per command: the value it prints, `Serialize` for `--json` and [`crate::render::Render`] for people.

pub mod change;
pub mod check;
pub mod choose;
pub mod dashboard;
pub mod history;
pub mod links;
pub mod list;
pub mod log;
pub mod next;
pub mod paths;
pub mod plan;
pub mod portfolio;
pub mod projects;
pub mod report;
pub mod reset;
pub mod resources_tips;
pub mod show;
pub mod skills;
pub mod status;
pub mod sync;
pub mod use_path;
pub mod validate;
