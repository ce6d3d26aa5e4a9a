//! The command line: clap derive. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

use super::complete;
use crate::error::{CommandError, Kind};
use crate::plan::Pace;

/// Track a learning path: what to study next, what you finished, and a week-by-week plan.
///
/// The built-in path is "Software Developer to AI Engineer". Progress is kept in one state file
/// (see --state); nothing else is written.
#[derive(Debug, Parser)]
#[command(name = "aipath", version, max_term_width = 100)]
#[command(
    after_help = "`aipath` alone shows a dashboard: where you stand and the one thing to do next. Start with `aipath next`. Every command has --help with an example."
)]
// Every command's help lists these apart from its own options.
#[command(next_help_heading = "Global options")]
pub struct Cli {
    /// The state file [default: state.yaml in the platform data folder, e.g. ~/.local/share/aipath/]
    #[arg(long, global = true, value_name = "FILE", env = "AIPATH_STATE", value_parser = crate::io::store::state_arg)]
    pub state: Option<PathBuf>,

    /// The learning path: a path id (see `aipath paths`) or a path YAML file [default: the active path]
    #[arg(long, global = true, value_name = "ID|FILE", add = ArgValueCompleter::new(complete::path_ids_or_files))]
    pub path: Option<String>,

    /// Print JSON instead of a table, for scripts (shapes: docs/json.md)
    #[arg(long, global = true)]
    pub json: bool,

    /// Without a command, a dashboard: where you stand and the one thing to do next
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what to study next
    #[command(after_help = "Example:\n  aipath next --limit 3")]
    Next {
        /// How many steps to show
        #[arg(long, short = 'n', default_value_t = 5, value_parser = parse_limit)]
        limit: u16,
    },

    /// Mark modules (or projects) as in progress
    #[command(after_help = "Example:\n  aipath start machine-learning-basics math")]
    Start {
        /// Module or project ids; a unique prefix is enough
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        ids: Vec<String>,

        /// Start again what is done or skipped (its first start date is kept)
        #[arg(long)]
        reopen: bool,
    },

    /// Mark modules (or projects) as done
    #[command(after_help = "Example:\n  aipath done machine-learning-basics")]
    Done {
        /// Module or project ids; a unique prefix is enough
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        ids: Vec<String>,
    },

    /// Skip modules you already know: they leave the totals and the plan
    #[command(after_help = "Example:\n  aipath skip math-foundations")]
    Skip {
        /// Module or project ids; a unique prefix is enough
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        ids: Vec<String>,
    },

    /// Reverse the last change (any kind; again to go further back), or the last change to modules or projects
    #[command(
        after_help = "Examples:\n  aipath undo                    # the last change, whatever it was\n  aipath undo math-foundations   # that module's last change, its dates too"
    )]
    Undo {
        /// Module or project ids (a unique prefix is enough): reverse the last change to each [default: the last
        /// change of any kind]
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        ids: Vec<String>,
    },

    /// Apply again what the last `aipath undo` reversed (until another change is made)
    #[command(after_help = "Example:\n  aipath undo && aipath redo")]
    Redo,

    /// List the changes made to your progress, newest first
    #[command(
        after_help = "Examples:\n  aipath history\n  aipath history --module machine-learning-basics --limit 5"
    )]
    History {
        /// Show at most N changes
        #[arg(long, short = 'n', value_name = "N", default_value_t = 20, value_parser = parse_changes)]
        limit: u32,

        /// Show every change
        #[arg(long, conflicts_with = "limit")]
        all: bool,

        /// Only the changes to this module or project (a unique prefix is enough), its sessions included
        #[arg(long, short = 'm', value_name = "ID")]
        module: Option<String>,
    },

    /// Start a path afresh: its progress is put aside in a named archive, never deleted
    #[command(
        after_help = "Examples:\n  aipath reset                       # the active path; asks first\n  aipath reset --path my-path --yes\n  aipath reset --list\n  aipath reset --restore software-developer-to-ai-engineer-2026-01-05"
    )]
    Reset {
        /// Do not ask: needed when aipath is not run on a terminal
        #[arg(long, short = 'y', conflicts_with_all = ["list", "restore"])]
        yes: bool,

        /// List the archives
        #[arg(long, conflicts_with = "restore")]
        list: bool,

        /// Bring an archive back (a unique prefix is enough); the path's progress now is put aside first
        #[arg(long, value_name = "NAME")]
        restore: Option<String>,
    },

    /// Choose your specializations (1-2 on the built-in path); choosing again replaces the choice
    #[command(after_help = "Example:\n  aipath choose llm-applications nlp-transformers")]
    Choose {
        /// Specialization module ids; a unique prefix is enough
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::specializations))]
        ids: Vec<String>,
    },

    /// Keep your progress the same on several machines, through a git remote of your own
    #[command(
        after_help = "Examples:\n  aipath sync --init git@github.com:you/aipath-progress.git\n  aipath sync\n  aipath sync --status\n\nThe data folder (the state file's folder) becomes a git repository. Each sync commits this machine's changes, merges the remote's (the later change wins where both machines changed the same thing; every session is kept) and pushes."
    )]
    Sync {
        /// Make the data folder a git repository whose origin is REMOTE (any git address: a path, ssh, https),
        /// merge what the remote already holds, and push
        #[arg(long, value_name = "REMOTE", conflicts_with = "status")]
        init: Option<String>,

        /// Say the remote, when this machine last synced, and how many changes it has not sent yet
        #[arg(long)]
        status: bool,
    },

    /// List every module with its phase, status, checklist ticks and dates
    #[command(after_help = "Example:\n  aipath list | grep done")]
    List,

    /// Show progress per phase and for the whole path, with checklist ticks
    #[command(after_help = "Example:\n  aipath status")]
    Status,

    /// Lay the rest of the path out week by week on a calendar
    #[command(
        after_help = "Examples:\n  aipath plan --pace fast\n  aipath plan --start 2027-01-04 --format ics > plan.ics\n  aipath plan --pace relaxed --save"
    )]
    Plan {
        /// The first day of week 1 [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        start: Option<jiff::civil::Date>,

        /// How long each phase takes within its week range [default: the saved pace, else steady]
        #[arg(long, value_enum)]
        pace: Option<PaceArg>,

        /// Output format
        #[arg(long, value_enum, default_value_t = PlanFormat::Table, conflicts_with = "json")]
        format: PlanFormat,

        /// Remember the pace and start date: `status` then measures you against this plan
        #[arg(long)]
        save: bool,
    },

    /// Record a study session, or list the sessions (with no hours), chart hours per week, or correct a session
    #[command(
        allow_negative_numbers = true,
        group(clap::ArgGroup::new("session").args(["hours", "edit"])),
        after_help = "Examples:\n  aipath log 1.5 --module math --note \"eigenvectors\"\n  aipath log 2 --date 2026-01-03\n  aipath log\n  aipath log --weeks 12\n  aipath log --edit 1 --hours 1\n  aipath log --delete 2"
    )]
    Log(LogArgs),

    /// Read a module's study guide or a project's brief, with your checklist ticks; long guides open in $PAGER
    /// (default `less -R`)
    #[command(
        after_help = "Examples:\n  aipath show machine-learning-basics\n  aipath show scalable-ml-api-service\n  aipath show math --no-pager | grep http"
    )]
    Show {
        /// Module or project id; a unique prefix is enough
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        module: String,

        /// Print the guide directly, even when it is longer than the terminal
        #[arg(long)]
        no_pager: bool,
    },

    /// Tick items of a module's checklist, or of a project brief's acceptance criteria
    #[command(
        after_help = "Items are numbered in `aipath show <id>`.\n\nExamples:\n  aipath check machine-learning-basics 1 2\n  aipath check machine-learning-basics \"pipeline built\""
    )]
    Check {
        /// Module or project id; a unique prefix is enough
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        module: String,

        /// Item numbers (from 1), or the start of an item's text (any case); quote text with spaces
        #[arg(required = true, value_name = "ITEM", add = ArgValueCandidates::new(complete::checklist_items))]
        items: Vec<String>,
    },

    /// Untick items of a module's checklist or of a project's brief
    #[command(after_help = "Example:\n  aipath uncheck machine-learning-basics 2")]
    Uncheck {
        /// Module or project id; a unique prefix is enough
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        module: String,

        /// Item numbers (from 1), or the start of an item's text (any case); quote text with spaces
        #[arg(required = true, value_name = "ITEM", add = ArgValueCandidates::new(complete::checklist_items))]
        items: Vec<String>,
    },

    /// Record where the work on a project (or a module) lives: a repository, a demo, a write-up; or list the links
    ///
    /// Links are http or https, kept in the state file, recorded in the history (`aipath undo` removes one), merged
    /// by `sync`, and shown by `show`, `projects`, `skills` and `portfolio`. A note says what the link is; it stays
    /// out of a portfolio unless `--with-notes`.
    #[command(
        after_help = "Examples:\n  aipath link scalable-ml-api-service https://github.com/me/api --note repo\n  aipath link scalable-ml-api-service   # its links, numbered\n  aipath link                           # every link"
    )]
    Link {
        /// Module or project id; a unique prefix is enough [default: list every link]
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        id: Option<String>,

        /// An http(s) URL [default: list the item's links]
        #[arg(value_name = "URL")]
        url: Option<String>,

        /// What the link is, in a line (private unless a portfolio is made `--with-notes`)
        #[arg(long, value_name = "TEXT", requires = "url")]
        note: Option<String>,
    },

    /// Remove a link from a project or a module
    #[command(after_help = "Example:\n  aipath unlink scalable-ml-api-service 1")]
    Unlink {
        /// Module or project id; a unique prefix is enough
        #[arg(value_name = "ID", add = ArgValueCandidates::new(complete::modules_and_projects))]
        id: String,

        /// The link's number in `aipath link <ID>`, or its URL
        #[arg(value_name = "NUMBER|URL")]
        link: String,
    },

    /// List the recommended projects by group, with the modules each builds on and your status
    #[command(after_help = "Examples:\n  aipath projects\n  aipath done scalable-ml-api-service")]
    Projects,

    /// List the essential skills and how far the modules that teach each one are done
    #[command(after_help = "Example:\n  aipath skills")]
    Skills,

    /// List the path's resources (tools, reading, best practices), then every guide's resources with their authors
    /// and links
    #[command(after_help = "Examples:\n  aipath resources\n  aipath resources --module math")]
    Resources {
        /// Only this module's guide resources; a unique prefix is enough
        #[arg(long, short = 'm', value_name = "ID")]
        module: Option<String>,
    },

    /// List the path's transition tips
    #[command(after_help = "Example:\n  aipath tips")]
    Tips,

    /// List the paths: built-in ones and those in the data folder, with your progress on each
    #[command(after_help = "Example:\n  aipath paths")]
    Paths,

    /// Switch the active path (progress is kept per path)
    #[command(after_help = "Example:\n  aipath use software-developer-to-ai-engineer")]
    Use {
        /// A path id from `aipath paths`; a unique prefix is enough
        #[arg(value_name = "PATH-ID", add = ArgValueCandidates::new(complete::path_ids))]
        id: String,
    },

    /// Check path YAML files and their module guides; every problem as FILE:LINE: message
    ///
    /// Checks the schema, ids, week ranges, references between modules, skills and projects, that every module's
    /// guide is found and parses, its front matter, prerequisite cycles, and that links are well-formed (absolute
    /// with a scheme, or relative to a file that exists). Reads no state and writes nothing. Exit status 1 when a
    /// problem is found.
    #[command(
        after_help = "Examples:\n  aipath validate                # the built-in paths\n  aipath validate my-path.yaml"
    )]
    Validate {
        /// Path YAML files or path ids [default: the built-in paths]
        #[arg(value_name = "ID|FILE", add = ArgValueCompleter::new(complete::path_ids_or_files))]
        targets: Vec<String>,
    },

    /// Turn a learning-path document (markdown) into a path YAML
    ///
    /// The document is read like the built-in path's source: `##` phases with "(N-M weeks)" and optionally
    /// "(Choose N-M)", `###` groups, numbered links to `../modules/<id>/README.md` with topic bullets, and sections
    /// for the overview, prerequisites, essential skills, recommended projects, resources and transition tips.
    /// Other sections are kept under `notes` and reported on stderr.
    #[command(
        after_help = "Examples:\n  aipath import my-path.md > my-path.yaml\n  aipath import my-path.md -o ~/.local/share/aipath/paths/my-path.yaml"
    )]
    Import {
        /// The markdown document
        #[arg(value_name = "MARKDOWN")]
        markdown: PathBuf,

        /// Write the YAML to FILE instead of stdout (an existing file is kept unless --force)
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,

        /// Replace FILE if it exists
        #[arg(long, requires = "output")]
        force: bool,

        /// The path's id [default: from the document's file name]
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },

    /// Write the whole journey as one HTML page: the map, the plan as a Gantt chart, study hours, skills
    ///
    /// The page is self-contained (inline CSS and SVG, nothing fetched), so it opens offline, can be mailed, and
    /// prints. Its numbers are those of `status`, `plan`, `log --weeks` and `skills`.
    #[command(
        after_help = "Examples:\n  aipath report --open\n  aipath report -o ~/journey.html\n  aipath report -o - > journey.html"
    )]
    Report {
        /// Write the page to FILE, replacing it, or to stdout with `-` [default: aipath-report.html in the current
        /// folder]
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,

        /// Open the page once written, with the system's opener (xdg-open; open on macOS; explorer on Windows)
        #[arg(long)]
        open: bool,
    },

    /// Write what you would put on a profile or a CV: the path and its dates, the modules completed with their hours,
    /// the projects with their links and the skills they show
    ///
    /// Markdown (the default) reads well on a code-hosting profile page; HTML is one self-contained page, as
    /// `report` writes; JSON follows the JSON Resume schema's `projects`, `skills` and `education` sections (as
    /// `--json` does). A link's note is private: it is left out unless `--with-notes`.
    #[command(
        after_help = "Examples:\n  aipath portfolio > portfolio.md\n  aipath portfolio --format html -o ~/portfolio.html\n  aipath portfolio --format json --with-notes"
    )]
    Portfolio {
        /// Write to FILE, replacing it, or to stdout with `-` [default: stdout]
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,

        /// The form to write
        #[arg(long, value_enum, default_value_t = PortfolioFormat::Markdown)]
        format: PortfolioFormat,

        /// Show the notes of links (left out by default: they are written for yourself)
        #[arg(long)]
        with_notes: bool,
    },

    /// Print the script that makes a shell complete commands, flags and ids on Tab
    ///
    /// The script is what `COMPLETE=<shell> aipath` prints: it asks aipath on each Tab, so it offers the ids of the
    /// path that is active at that moment. The README says where to load it.
    #[command(
        after_help = "Examples:\n  aipath completions bash > ~/.local/share/bash-completion/completions/aipath\n  aipath completions fish > ~/.config/fish/completions/aipath.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff), or write a page per command into a folder
    #[command(
        after_help = "Examples:\n  aipath man | man -l -\n  aipath man --dir ~/.local/share/man/man1 && man aipath-next"
    )]
    Man {
        /// Write aipath.1 and a page per command (aipath-next.1, ...) into DIR instead of printing aipath.1
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,

        /// Replace pages that already exist in DIR
        #[arg(long, requires = "dir")]
        force: bool,
    },
}

/// `--pace`: the plan's [`Pace`], as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaceArg {
    /// Each phase's shortest length.
    Fast,
    /// The midpoint of each phase's range, rounded up.
    Steady,
    /// Each phase's longest length.
    Relaxed,
}

impl From<PaceArg> for Pace {
    fn from(pace: PaceArg) -> Pace {
        match pace {
            PaceArg::Fast => Pace::Fast,
            PaceArg::Steady => Pace::Steady,
            PaceArg::Relaxed => Pace::Relaxed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    /// Markdown for a profile page
    Markdown,
    /// A self-contained HTML page
    Html,
    /// JSON Resume `projects`, `skills` and `education`
    Json,
}

impl From<PortfolioFormat> for crate::render::views::portfolio::Format {
    fn from(format: PortfolioFormat) -> Self {
        use crate::render::views::portfolio::Format;
        match format {
            PortfolioFormat::Markdown => Format::Markdown,
            PortfolioFormat::Html => Format::Html,
            PortfolioFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Table,
    Markdown,
    Json,
    /// An iCalendar file (RFC 5545) with one all-day event per module
    Ics,
}

/// `--start` and `--date`: a calendar date, refused in aipath's words with the form it takes.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, CommandError> {
    crate::io::clock::parse_date(text).map_err(CommandError::from)
}

/// `next --limit`: how many steps, at least one.
fn parse_limit(text: &str) -> Result<u16, CommandError> {
    let n = count(text, "a number of steps", u32::from(u16::MAX), 3)?;
    u16::try_from(n).map_err(|e| CommandError::new(Kind::Input, e))
}

/// `log --weeks`: how many weeks to chart, one to ten years' worth.
fn parse_weeks(text: &str) -> Result<u16, CommandError> {
    let n = count(text, "a number of weeks", 520, 12)?;
    u16::try_from(n).map_err(|e| CommandError::new(Kind::Input, e))
}

/// `history --limit`: how many changes, at least one.
fn parse_changes(text: &str) -> Result<u32, CommandError> {
    count(text, "a number of changes", u32::MAX, 20)
}

/// `log --edit N`, `log --delete N`: a session's number, as `aipath log` shows it.
fn parse_session(text: &str) -> Result<u32, CommandError> {
    count(
        text,
        "a session number (`aipath log` shows them)",
        u32::MAX,
        1,
    )
}

/// A whole number from 1 to `max`, refused with the range in words and an example; a `max` no one would reach (the
/// type's own) goes unsaid: "1 or more".
fn count(text: &str, what: &str, max: u32, example: u32) -> Result<u32, CommandError> {
    let range = if max == u32::MAX {
        ", 1 or more,".to_string()
    } else {
        format!(" from 1 to {max},")
    };
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            CommandError::input(format_args!("`{text}` is not {what}"))
                .hint(format!("give a whole number{range} e.g. {example}"))
        })
}

/// `aipath log`'s arguments: a session to record (hours), one to correct (`--edit`) or delete (`--delete`), the
/// weekly chart (`--weeks`), or, with none of these, the list.
#[derive(clap::Args, Debug)]
pub struct LogArgs {
    /// Hours studied, greater than 0 and at most 24, with at most two decimals after a point (e.g. 1.5)
    pub hours: Option<String>,

    /// The module or project studied (a unique prefix is enough); it is started if it was todo. Without it, the
    /// one module or project in progress. Without hours, list only its sessions. With --edit, the session's new
    /// one (--module "" for none)
    #[arg(long, short = 'm', value_name = "ID", conflicts_with = "weeks", add = ArgValueCandidates::new(complete::modules))]
    pub module: Option<String>,

    /// The day of the session, not in the future [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "session")]
    pub date: Option<jiff::civil::Date>,

    /// A few words on what you did (with --edit, --note "" removes the note)
    #[arg(long, value_name = "TEXT", requires = "session")]
    pub note: Option<String>,

    /// Chart hours per week for the last N weeks
    #[arg(long, value_name = "N", conflicts_with_all = ["hours", "edit", "delete"], value_parser = parse_weeks)]
    pub weeks: Option<u16>,

    /// Correct session N (its number is in `aipath log`): give what changes with --hours, --date, --module, --note
    #[arg(long, value_name = "N", conflicts_with_all = ["hours", "delete"], value_parser = parse_session)]
    pub edit: Option<u32>,

    /// With --edit: the session's hours
    #[arg(
        long = "hours",
        id = "new_hours",
        value_name = "H",
        requires = "edit",
        conflicts_with = "hours",
        allow_hyphen_values = true
    )]
    pub new_hours: Option<String>,

    /// Delete session N (its number is in `aipath log`); `aipath undo` brings it back
    #[arg(long, value_name = "N", conflicts_with_all = ["hours", "new_hours", "module", "date", "note"], value_parser = parse_session)]
    pub delete: Option<u32>,
}
