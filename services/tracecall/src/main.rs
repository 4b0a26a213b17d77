//! `tracecall`: see `tracecall --help`.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    tracecall::cli::run(tracecall::cli::Cli::parse()).await
}
