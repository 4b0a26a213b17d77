//! `tracecall-bench`: the benchmarks of BENCHMARKS.md, each measuring tracecall and a raw
//! baseline of the same work in the same run. Kept out of the production binary: they seed
//! data straight into the database and start servers of their own.
//!
//! `tracecall-bench b6 --people 100000` runs against the database of the configuration
//! (`--config`, `TRACECALL_CONFIG`, `TRACECALL_DATABASE_URL`), like `tracecall` itself; B5
//! starts its own `tracecall serve`, found next to this binary.
#![allow(clippy::print_stdout)]

mod campaigns;
mod console;
mod dispatch;
mod documents;
mod exports;
mod forms;
mod import;
mod population;
mod requests;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use kernel::clock::SystemClock;
use kernel::config::Config;

#[derive(Debug, Parser)]
#[command(
    name = "tracecall-bench",
    about = "tracecall's benchmarks (BENCHMARKS.md)"
)]
struct Cli {
    /// b1, b2, b3, b5, b6, b7, b8, b9, b10 or b11.
    name: String,
    /// People (B6, B7, B9, B10), orders (B1, B2), orders per run (B8), idle consoles (B5),
    /// submissions (B3) or e-mails (B11).
    #[arg(long, default_value_t = 100_000)]
    people: u64,
    /// Configuration file (TOML), as for `tracecall`.
    #[arg(long, env = "TRACECALL_CONFIG")]
    config: Option<PathBuf>,
    /// Data directory, as for `tracecall`.
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

/// The `tracecall` binary built beside this one (B5 serves with it).
pub(crate) fn tracecall_exe() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe()?;
    let exe = me.with_file_name(format!("tracecall{}", std::env::consts::EXE_SUFFIX));
    anyhow::ensure!(
        exe.exists(),
        "{} is missing: build it too (cargo build --release -p tracecall -p bench)",
        exe.display()
    );
    Ok(exe)
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tracecall-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.name.as_str() {
        "b5" => {
            return console::b5(cli.people as usize)
                .await
                .map(|()| ExitCode::SUCCESS)
        }
        "b5-baseline" => return console::baseline_server().await.map(|()| ExitCode::SUCCESS),
        "b1" | "b2" | "b3" | "b6" | "b7" | "b8" | "b9" | "b10" | "b11" => {}
        other => {
            eprintln!(
                "tracecall-bench: unknown benchmark {other:?} (known: b1, b2, b3, b5, b6, b7, b8, b9, b10, b11)"
            );
            return Ok(ExitCode::from(2));
        }
    }
    let config = Config::load(cli.config.as_deref(), cli.data_dir.as_deref())?;
    tracecall::telemetry::init(&config.log);
    let k = tracecall::boot::open(config, Arc::new(SystemClock)).await?;
    let url = k.config.database_url();
    let people = cli.people as i64;
    match cli.name.as_str() {
        "b1" => campaigns::b1(k, &url, people).await?,
        "b2" => dispatch::b2(k, &url, people).await?,
        "b3" => forms::b3(k, people).await?,
        "b6" => search::b6(k, cli.people).await?,
        "b7" => exports::b7(k, &url, people).await?,
        "b9" => import::b9(k, &url, cli.people).await?,
        "b10" => documents::b10(k, people).await?,
        "b11" => requests::b11(k, people).await?,
        _ => campaigns::b8(k, people).await?,
    }
    Ok(ExitCode::SUCCESS)
}
