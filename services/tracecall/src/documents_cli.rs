//! `tracecall document issue`: one signed document for a case, written as a PDF, for an
//! operator who must issue outside a call (the console and the API are the usual ways).
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use documents::template::DocumentKind;

#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Issues one signed document for a case and writes its PDF; prints the document id.
    Issue {
        /// The case's code.
        #[arg(long = "case")]
        case: String,
        /// quarantine_certificate or test_prescription.
        #[arg(long, value_parser = parse_kind)]
        kind: DocumentKind,
        /// fr, nl, de or en (default: the citizen's language).
        #[arg(long)]
        language: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

fn parse_kind(s: &str) -> Result<DocumentKind, String> {
    s.parse()
        .map_err(|_| format!("{s:?}: use quarantine_certificate or test_prescription"))
}

pub async fn run(kernel: &kernel::Kernel, command: DocumentCommand) -> anyhow::Result<ExitCode> {
    let DocumentCommand::Issue {
        case,
        kind,
        language,
        out,
    } = command;
    if let Some(l) = &language {
        if !documents::template::LANGUAGES.contains(&l.as_str()) {
            eprintln!("tracecall: --language {l:?}: use fr, nl, de or en");
            return Ok(ExitCode::FAILURE);
        }
    }
    // The templates this binary ships (or those of ./documents), published if they changed.
    let sources = crate::shipped::resolve(std::path::Path::new("."), &kernel.config.data_dir)?;
    crate::content::publish_documents_at_start(kernel, &sources.documents).await;
    let id = match documents::manual::issue_for_case(
        kernel,
        &case,
        kind,
        language.as_deref(),
        "cli",
        documents::store::Source::Cli,
    )
    .await
    {
        Ok(id) => id,
        Err(e) => {
            eprintln!("tracecall: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let pdf = documents::store::render(kernel, &id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(&out, pdf.pdf).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
