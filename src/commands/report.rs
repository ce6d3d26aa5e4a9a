//! `aipath report [-o FILE] [--open]`: the whole journey on one self-contained HTML page — the map, the plan as a
//! Gantt chart, the study hours, the skills — written through the one atomic write, or to stdout with `-o -`.
//!
//! Every number comes from the function the other commands call: `count` and `stats` as `status`, `plan` (and the
//! standing it carries, planned and projected finish) as `plan` and `status`, `weekly` as `log --weeks`, the skills
//! view as `skills`. Nothing is computed a second way here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Result, anyhow};
use jiff::civil::Date;

use super::Ctx;
use crate::course::Course;
use crate::dates::add_days;
use crate::error::{CommandError, input};
use crate::guide::checklist::Ticks;
use crate::io::atomic::{self, Replace, folder_of};
use crate::log::days::daily;
use crate::log::{stats, weekly};
use crate::plan::Pace;
use crate::plan::calendar::{Plan, Task, plan, spans};
use crate::progress::count::{Count, count, counted};
use crate::progress::{PathProgress, PlanPrefs, Status};
use crate::render::human;
use crate::render::views::log::WeekHours;
use crate::render::views::plan::choose_title;
use crate::render::views::report::{
    DateSpan, DayHours, Gantt, GanttRow, GroupMap, ModuleBox, PhaseMap, PlannedSpan, ProjectBox,
    ReportView, WrittenView,
};

/// Where the page goes without `-o`: the current folder.
pub const DEFAULT_FILE: &str = "aipath-report.html";

/// How many weeks of hours the bar chart shows, and how many days the calendar of squares.
pub const CHART_WEEKS: u32 = 26;
pub const CALENDAR_DAYS: i64 = 364;

pub fn run(ctx: &Ctx, output: Option<&Path>, open: bool) -> Result<()> {
    let to_stdout = output == Some(Path::new("-"));
    if to_stdout && open {
        return Err(input(
            "`--open` opens the file the page is written to; `-o -` writes it to stdout: give a file name or \
             leave `--open` out",
        ));
    }
    let file = output.unwrap_or(Path::new(DEFAULT_FILE));
    // A mistyped folder is said before any work, and never created: the learner meant some other folder.
    if !to_stdout && !folder_of(file).is_dir() {
        return Err(crate::error::input_hinted(
            format!(
                "{}: the folder {} does not exist",
                file.display(),
                folder_of(file).display()
            ),
            "create it or give another `-o FILE`",
        ));
    }
    let (state, course) = ctx.load()?;
    let progress = course.progress_of(&state);
    let view = view(&course, &progress, ctx.today, command_line(ctx, output))?;
    if to_stdout {
        return ctx.shell.print(&view);
    }
    let html = human(&view, ctx.shell.screen);
    atomic::write(file, ".aipath-report-", html.as_bytes(), Replace::Yes)
        .map_err(|e| anyhow!("{}: cannot write: {e}", file.display()))?;
    if open {
        open_file(file)?;
    }
    ctx.shell.print(&WrittenView {
        file: file.display().to_string(),
        bytes: html.len(),
        opened: open,
    })
}

/// The page's data, from the functions `status`, `plan`, `log` and `skills` call.
pub fn view(
    course: &Course,
    progress: &PathProgress,
    today: Date,
    command: String,
) -> Result<ReportView> {
    let path = &course.path;
    // The learner's own plan, as `aipath plan` shows it without flags: the saved one, else the steady pace from the day
    // they started, else from today. Its standing is the one `status` prints.
    let own = progress.baseline();
    let baseline = own.unwrap_or(PlanPrefs {
        pace: Pace::Steady,
        start: today,
    });
    let laid_out = plan(course, progress, baseline, today).map_err(CommandError::from)?;
    let ticks: HashMap<&str, Ticks> = path
        .module_ids()
        .map(|m| Ok((m, course.ticks(progress, m)?)))
        .collect::<Result<_>>()?;
    let tick = |m: &str| ticks.get(m).copied().unwrap_or_default();

    let (phase_counts, overall) = count(path, progress);
    let phase_ticks: Vec<Ticks> = path
        .phases
        .iter()
        .map(|p| counted(p, progress).into_iter().map(tick).sum())
        .collect();
    let schedule = own.map(|_| laid_out.standing.clone());
    let mut projects = place_projects(course, progress);

    let phases = phase_maps(
        course,
        progress,
        phase_counts,
        &phase_ticks,
        &tick,
        &mut projects,
    );
    let other_projects = projects.into_values().flatten().collect();

    let gantt = gantt(course, progress, &laid_out, today);
    let first_day = add_days(today, 1 - CALENDAR_DAYS).unwrap_or(today);
    Ok(ReportView {
        path: course.id().to_string(),
        title: path.title.clone(),
        today,
        command,
        version: env!("CARGO_PKG_VERSION"),
        started: progress.started,
        overall,
        checklist: phase_ticks.iter().copied().sum(),
        schedule,
        study: stats(course, progress, today),
        phases,
        other_projects,
        gantt,
        weeks: weekly(&progress.log, today, CHART_WEEKS)
            .into_iter()
            .map(|(week_start, hours)| WeekHours { week_start, hours })
            .collect(),
        days: daily(&progress.log, first_day, today)
            .into_iter()
            .map(|(date, hours)| DayHours { date, hours })
            .collect(),
        skills: super::skills::view(course, progress),
        portfolio: super::portfolio::view(
            course,
            progress,
            today,
            crate::render::views::portfolio::Format::Html,
            false,
        ),
    })
}

/// The map: each phase with its modules as boxes, each box with its status, checklist, hours and the projects placed
/// under it (taken out of `projects` as they are placed).
fn phase_maps(
    course: &Course,
    progress: &PathProgress,
    phase_counts: Vec<Count>,
    phase_ticks: &[Ticks],
    tick: &dyn Fn(&str) -> Ticks,
    projects: &mut HashMap<&str, Vec<ProjectBox>>,
) -> Vec<PhaseMap> {
    let logged = progress.logged_by_module();
    let path = &course.path;
    path.phases
        .iter()
        .zip(phase_counts)
        .zip(phase_ticks)
        .map(|((phase, count), checklist)| PhaseMap {
            id: phase.id.clone(),
            title: phase.title.clone(),
            weeks: phase.weeks,
            choose: phase.is_choice().then(|| phase.choice_range()),
            count,
            checklist: *checklist,
            groups: phase
                .groups
                .iter()
                .map(|group| GroupMap {
                    title: group.title.clone(),
                    modules: group
                        .modules
                        .iter()
                        .map(|m: &String| {
                            let status = progress.status(m);
                            ModuleBox {
                                id: m.clone(),
                                title: course.title(m).to_string(),
                                status: status.as_str(),
                                unchosen: !progress.takes(phase, m) && status == Status::Todo,
                                chosen: phase.is_choice() && progress.counts_as_chosen(m),
                                checklist: tick(m),
                                hours: logged.get(m.as_str()).copied().unwrap_or(0.0),
                                estimate: course.hours(m),
                                projects: projects.remove(m.as_str()).unwrap_or_default(),
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Each project under the module it builds on that comes last in the path, as roadmaps draw them; a project that
/// names no module of the path is keyed by the empty string.
fn place_projects<'a>(
    course: &'a Course,
    progress: &PathProgress,
) -> HashMap<&'a str, Vec<ProjectBox>> {
    let position: HashMap<&str, usize> = course
        .path
        .module_ids()
        .enumerate()
        .map(|(i, m)| (m, i))
        .collect();
    let mut placed: HashMap<&str, Vec<ProjectBox>> = HashMap::new();
    for project in course.path.all_projects() {
        let under = project
            .modules
            .iter()
            .filter_map(|m| position.get(m.as_str()).map(|&i| (i, m.as_str())))
            .max()
            .map_or("", |(_, m)| m);
        placed.entry(under).or_default().push(ProjectBox {
            id: project.id.clone(),
            title: project.title.clone(),
            status: progress.project_status(&project.id).as_str(),
        });
    }
    placed
}

/// The Gantt chart's rows in path order: each module with its dates behind it and its weeks in the plan, and a
/// phase's weeks held for a choice.
fn gantt(course: &Course, progress: &PathProgress, laid_out: &Plan, today: Date) -> Gantt {
    let mut modules: HashMap<String, PlannedSpan> = HashMap::new();
    let mut choices: HashMap<String, (String, PlannedSpan)> = HashMap::new();
    // A module's weeks are consecutive; were they ever split, its bar would run from the first to the last.
    for span in spans(laid_out) {
        let planned = PlannedSpan {
            first_week: span.first_week,
            weeks: span.weeks,
            start: span.start,
            end: span.end,
        };
        match &span.task {
            Task::Module(id) => {
                modules
                    .entry(id.clone())
                    .and_modify(|e| {
                        e.end = planned.end;
                        e.weeks += planned.weeks;
                    })
                    .or_insert(planned);
            }
            Task::Choose(choice) => {
                choices
                    .entry(span.phase.clone())
                    .or_insert((choose_title(choice), planned));
            }
            // The weeks gone by are drawn from each module's own dates.
            Task::Past(_) => {}
        }
    }
    let mut rows = Vec::new();
    for phase in &course.path.phases {
        for m in phase.module_ids() {
            let status = progress.status(m);
            let entry = progress.entry(m);
            let actual = match (status, entry) {
                (Status::Done, Some(e)) => e.finished.map(|end| {
                    let start = e.started.unwrap_or(end);
                    DateSpan {
                        start: start.min(end),
                        end: start.max(end),
                    }
                }),
                (Status::InProgress, Some(e)) => e.started.map(|start| DateSpan {
                    start: start.min(today),
                    end: today,
                }),
                _ => None,
            };
            let planned = modules.remove(m);
            if actual.is_some() || planned.is_some() {
                rows.push(GanttRow {
                    id: m.to_string(),
                    title: course.title(m).to_string(),
                    phase: phase.id.clone(),
                    choice: false,
                    status: status.as_str(),
                    actual,
                    planned,
                });
            }
        }
        if let Some((title, planned)) = choices.remove(&phase.id) {
            rows.push(GanttRow {
                id: phase.id.clone(),
                title,
                phase: phase.id.clone(),
                choice: true,
                status: Status::Todo.as_str(),
                actual: None,
                planned: Some(planned),
            });
        }
    }
    Gantt {
        pace: laid_out.pace,
        start: laid_out.start,
        planned_finish: laid_out.standing.planned_finish,
        projected_finish: laid_out.standing.projected_finish,
        rows,
    }
}

/// The command line that made the page, for its footer: what to run again for a fresh one.
fn command_line(ctx: &Ctx, output: Option<&Path>) -> String {
    let mut words = vec!["aipath".to_string()];
    if let Some(path) = &ctx.path_flag {
        words.push("--path".into());
        words.push(quoted(path));
    }
    words.push("report".into());
    if let Some(out) = output {
        words.push("-o".into());
        words.push(quoted(&out.display().to_string()));
    }
    words.join(" ")
}

/// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes.
fn quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Opens the written page with the system's opener, given the file as one argument (never through a shell).
fn open_file(file: &Path) -> Result<()> {
    let (opener, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        // What `start` does, without cmd.exe parsing the file name.
        ("explorer", &[])
    } else {
        ("xdg-open", &[])
    };
    let target: PathBuf = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let status = Command::new(opener)
        .args(args)
        .arg(&target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status();
    let wrote = format!("wrote {}, but", file.display());
    match status {
        Ok(s) if s.success() || cfg!(windows) => Ok(()),
        // Failures (exit 1), as they always were; the page is written, so the hint is how to see it anyway.
        Ok(s) => Err(
            CommandError::io(format_args!("{wrote} `{opener}` could not open it ({s})"))
                .hint("open it in a browser")
                .into(),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CommandError::io(format_args!(
            "{wrote} cannot open it: `{opener}` is not installed"
        ))
        .hint("open the file in a browser")
        .into()),
        Err(e) => Err(CommandError::io(format_args!(
            "{wrote} cannot open it: `{opener}` did not start: {e}"
        ))
        .hint("open the file in a browser")
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn a_word_is_quoted_only_when_a_shell_would_split_or_expand_it() {
        assert_eq!(quoted("paths/my-path.yaml"), "paths/my-path.yaml");
        assert_eq!(quoted("my path.yaml"), "'my path.yaml'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted(""), "''");
    }
}
