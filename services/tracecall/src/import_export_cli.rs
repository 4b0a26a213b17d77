//! `tracecall import cases` and `tracecall export run`: data into the platform and
//! aggregates out of it.
// A command-line tool prints its answers on standard output.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// People and cases from CSV (comma or semicolon, UTF-8); prints every rejected line.
    Cases { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Builds one export into DIR (`<dataset>.csv`, `<dataset>.json`, `manifest.json` with the
    /// files' SHA-256) and, with --deliver, sends it to the configured endpoint or directory
    /// (retrying as configured); exit 1 when it cannot be delivered.
    Run {
        /// daily_cases, reach, call_outcomes, contacts_per_case or onset_to_call.
        #[arg(long, value_parser = parse_dataset)]
        dataset: exporter::datasets::Dataset,
        /// The day, YYYY-MM-DD (in the configured time zone).
        #[arg(long)]
        date: chrono::NaiveDate,
        #[arg(long, default_value = ".")]
        out: PathBuf,
        #[arg(long)]
        deliver: bool,
        /// Rebuild the (closed) day as its next version, suppressed against the earlier ones;
        /// without it, a day built already gives its stored export again.
        #[arg(long)]
        correct: bool,
    },
}

fn parse_dataset(s: &str) -> Result<exporter::datasets::Dataset, String> {
    exporter::datasets::Dataset::parse(s).ok_or_else(|| {
        format!("unknown dataset {s:?}; expected daily_cases, reach, call_outcomes, contacts_per_case or onset_to_call")
    })
}

pub async fn export_run(
    k: &kernel::Kernel,
    dataset: exporter::datasets::Dataset,
    date: chrono::NaiveDate,
    out: &std::path::Path,
    (deliver, correct): (bool, bool),
) -> anyhow::Result<ExitCode> {
    let ex = exporter::Exporter::new(k).await?;
    if deliver && ex.target.is_none() {
        eprintln!("tracecall: --deliver needs exporter.endpoint or exporter.directory in the configuration");
        return Ok(ExitCode::FAILURE);
    }
    let ran = if correct {
        exporter::correct(k, &ex, dataset, date, "cli", deliver)
            .await
            .map(|(info, files, _)| (info, files))
    } else {
        exporter::run(k, &ex, dataset, date, "cli", "cli", deliver).await
    };
    let (info, files) = match ran {
        Ok(done) => done,
        Err(exporter::error::ExportError::Kernel(kernel::Error::Invalid(errors))) => {
            return Ok(crate::access_cli::refused(&errors))
        }
        Err(e) => return Err(e.into()),
    };
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join(files.csv_name()), &files.csv)?;
    std::fs::write(out.join(files.json_name()), &files.json)?;
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&files.manifest)? + "\n",
    )?;
    println!(
        "export {} of {} for {}: {} rows, written to {}",
        info.id,
        dataset.as_str(),
        date,
        files.manifest["rows"],
        out.display()
    );
    if !deliver {
        return Ok(ExitCode::SUCCESS);
    }
    let done = exporter::deliver::until_done(k, &ex, &info.id).await?;
    println!(
        "delivery: {} after {} attempt(s)",
        done.status, done.attempts
    );
    if let Some(alert) = &done.alert {
        eprintln!("tracecall: {alert}");
    }
    Ok(if done.status == exporter::store::ExportState::Delivered {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The import's progress on the terminal: rows read, rows a second and the time left, every
/// few seconds (a national file takes a while; the operator wants to know how long).
struct Pace {
    /// Rows expected: the file's lines but the header (a quoted newline makes it a little
    /// more than there are).
    total: u64,
    started: std::time::Instant,
    last: std::sync::atomic::AtomicU64,
}

impl Pace {
    const EVERY_SECS: u64 = 5;

    fn new(total: u64) -> Self {
        Self {
            total: total.max(1),
            started: std::time::Instant::now(),
            last: std::sync::atomic::AtomicU64::new(0),
        }
    }

    fn tell(&self, rows: u64) {
        let secs = self.started.elapsed().as_secs_f64();
        let tick = secs as u64 / Self::EVERY_SECS;
        if self
            .last
            .fetch_max(tick, std::sync::atomic::Ordering::Relaxed)
            >= tick
        {
            return;
        }
        let rate = rows as f64 / secs.max(1e-3);
        let left = self.total.saturating_sub(rows) as f64 / rate.max(1e-3);
        eprintln!(
            "{rows} of about {} rows read, {rate:.0} rows/s, {} left",
            self.total,
            duration(left)
        );
    }
}

/// `1 h 02 min`, `3 min 20 s`, `12 s`.
fn duration(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, s / 60 % 60),
    }
}

pub async fn import_cases(
    kernel: &kernel::Kernel,
    file: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let open = || {
        std::fs::File::open(file)
            .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", file.display()))
    };
    let lines = match cases::import::check_utf8(open()?) {
        Ok(lines) => lines,
        Err(e) => {
            eprintln!("tracecall: {}: {e}", file.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let pace = Pace::new(lines.saturating_sub(1));
    let progress = |n: u64| pace.tell(n);
    let report =
        match cases::import::import(kernel, std::io::BufReader::new(open()?), "cli", &progress)
            .await
        {
            Ok(r) => r,
            Err(e) => match kernel::Error::from(e) {
                kernel::Error::Invalid(errors) => {
                    for e in errors {
                        eprintln!("tracecall: {}: {}", file.display(), e.message);
                    }
                    return Ok(ExitCode::FAILURE);
                }
                e => return Err(e.into()),
            },
        };
    let secs = pace.started.elapsed().as_secs_f64();
    eprintln!(
        "{} rows read in {} ({:.0} rows/s)",
        report.rows,
        duration(secs),
        report.rows as f64 / secs.max(1e-3)
    );
    println!(
        "{} rows: {} people created, {} merged; {} cases created, {} merged; {} rejected",
        report.rows,
        report.people_created,
        report.people_merged,
        report.cases_created,
        report.cases_merged,
        report.rejected_count
    );
    for m in &report.merges {
        println!("line {}: {}", m.line, m.what);
    }
    for r in &report.rejected {
        println!("line {}: rejected: {}", r.line, r.reason);
    }
    Ok(if report.rejected_count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
