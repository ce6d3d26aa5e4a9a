//! aipath: a learning-path tracker. `main` parses arguments, runs, and maps an error to one stderr line and an
//! exit code (0 ok, 1 failure, 2 bad usage or input).

use std::process::ExitCode;

use aipath::commands::{self, cli};
use aipath::error;
use aipath::render::text::one_line;
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // `COMPLETE=<shell> aipath ...` is the shell asking for completions (see `commands::complete`): answered, then exit.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // The message may quote a path file, a state file or what was typed: shown, never sent to the terminal.
            eprintln!("aipath: error: {}", one_line(&format!("{err:#}")));
            ExitCode::from(error::exit_code(&err) as u8)
        }
    }
}

/// `aipath list | head -1` closes the pipe early; that is not an error worth a word.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
