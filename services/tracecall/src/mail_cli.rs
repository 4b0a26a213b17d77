//! `tracecall mail receive [--topic T] < MESSAGE.eml`: one e-mail from an MTA pipe (Postfix
//! `pipe`, Exim transport, a `.forward`) into requests. Prints `request REF` (new),
//! `request REF reply` (threaded) or `ignored: REASON`, exit 0 in all three cases (API.md).
//! Anything else (the database unreachable, no topic for the address) exits 75, which
//! MTAs read as "try again later" (sysexits' EX_TEMPFAIL): the message stays queued rather
//! than bounced or lost.
#![allow(clippy::print_stdout)]

use std::io::Read;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Takes one message (RFC 5322, as the MTA hands it over) from standard input.
    Receive {
        /// The topic, when the MTA routes per address; otherwise the recipient decides.
        #[arg(long)]
        topic: Option<String>,
    },
    /// Reads the configured IMAP mailbox (`requests.imap`) once, as the server does every
    /// `poll_seconds`; prints what became of each unseen message.
    Fetch,
}

/// sysexits' EX_TEMPFAIL.
const TEMPFAIL: u8 = 75;

pub async fn run(kernel: &kernel::Kernel, command: MailCommand) -> anyhow::Result<ExitCode> {
    let topic = match command {
        MailCommand::Receive { topic } => topic,
        MailCommand::Fetch => return fetch(kernel).await,
    };
    let mut raw = Vec::new();
    let limit = requests::mime::MAX_MESSAGE as u64 + 1;
    std::io::stdin().lock().take(limit).read_to_end(&mut raw)?;
    match requests::intake::receive(kernel, &raw, topic.as_deref()).await {
        Ok(outcome) => {
            println!("{outcome}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("tracecall: mail not taken in (the MTA will try again): {e}");
            Ok(ExitCode::from(TEMPFAIL))
        }
    }
}

async fn fetch(kernel: &kernel::Kernel) -> anyhow::Result<ExitCode> {
    let Some(cfg) = requests::imap::configured(kernel).map_err(kernel::Error::from)? else {
        eprintln!("tracecall: no mailbox configured (requests.imap)");
        return Ok(ExitCode::FAILURE);
    };
    match requests::imap::fetch_once(kernel, &cfg).await {
        Ok(outcomes) => {
            for o in outcomes {
                println!("{o}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("tracecall: mailbox not read (messages stay unseen): {e}");
            Ok(ExitCode::from(TEMPFAIL))
        }
    }
}
