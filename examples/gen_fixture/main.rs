//! Writes a large generated learning path for measuring aipath: a path YAML, its module guides and a state file.
//!
//! ```sh
//! cargo run --release --example gen_fixture -- --modules 5000 --log 20000 --seed 7 --out /tmp/aipath-5000
//! aipath --path /tmp/aipath-5000/paths/big.yaml --state /tmp/aipath-5000/state.yaml next
//! cargo run --release --example gen_fixture -- --builtin --log 20000 --history 20000 --out /tmp/aipath-history
//! aipath --state /tmp/aipath-history/state.yaml history
//! ```
//!
//! The same seed gives the same files, byte for byte.

mod fixture;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generate a learning path, its guides and a busy state file, deterministically from a seed.
#[derive(Parser)]
struct Args {
    /// How many modules the path has (at least 10)
    #[arg(long, default_value_t = 5000)]
    modules: usize,
    /// How many study-log entries the state holds
    #[arg(long, default_value_t = 20_000)]
    log: usize,
    /// The seed: the same one gives the same fixture
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Make the generated path the state's active one, so commands need no --path
    #[arg(long)]
    active: bool,
    /// How many events the history beside the state holds (state.history.jsonl)
    #[arg(long, default_value_t = 0)]
    history: usize,
    /// Write only a state on the built-in path (its modules, the log, the history), no path of its own
    #[arg(long, conflicts_with = "active")]
    builtin: bool,
    /// The folder to write into (created when missing; files in it are replaced)
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = fixture::Spec {
        modules: args.modules,
        log: args.log,
        seed: args.seed,
        active: args.active,
        history: args.history,
    };
    let written = if args.builtin {
        fixture::write_builtin(&spec, &args.out)
    } else {
        fixture::write(&spec, &args.out)
    };
    match written {
        Ok(s) => {
            println!(
                "{}: {} modules in {} phases, {} projects; {}: {} modules with a status ({} in progress), {} log entries, {} history events",
                s.path_file.display(),
                spec.modules,
                s.phases,
                s.projects,
                s.state_file.display(),
                s.with_status,
                s.in_progress,
                s.log,
                s.history
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_fixture: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
