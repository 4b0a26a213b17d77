//! Operators' commands for access: teams and their jurisdictions, accounts (deactivate,
//! reactivate), and the DPO's report of who looked at a person.
// A command-line tool prints its answers on standard output.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use clap::Subcommand;
use kernel::auth::teams::{self, NewTeam};
use kernel::Kernel;

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create a team: national, or covering postal ranges and regions or provinces.
    Add {
        name: String,
        /// A postal range FROM-TO, or one code (repeat for several).
        #[arg(long = "postal")]
        postal: Vec<String>,
        /// brussels, flanders, wallonia or a province name such as antwerpen (repeat).
        #[arg(long = "region")]
        regions: Vec<String>,
        /// The whole country.
        #[arg(long)]
        national: bool,
    },
    /// List the teams and their jurisdictions.
    List,
}

/// Prints each field error as the CLI flag it came from; exit 1.
pub fn refused(errors: &[kernel::problem::FieldError]) -> ExitCode {
    for e in errors {
        let flag = e.field.split('[').next().unwrap_or(&e.field);
        let flag = match flag {
            "regions" => "region",
            other => other,
        };
        eprintln!("tracecall: --{}: {}", flag.replace('_', "-"), e.message);
    }
    ExitCode::FAILURE
}

pub async fn team(k: &Kernel, command: TeamCommand) -> anyhow::Result<ExitCode> {
    match command {
        TeamCommand::Add {
            name,
            postal,
            regions,
            national,
        } => {
            let new = NewTeam {
                name,
                national,
                postal,
                regions,
            };
            match teams::create(&k.db, k.now(), &new, "cli", None).await {
                Ok(team) => {
                    println!("created team {} ({})", team.name, describe(&team));
                    Ok(ExitCode::SUCCESS)
                }
                Err(kernel::Error::Invalid(errors)) => Ok(refused(&errors)),
                Err(kernel::Error::Conflict(m)) => {
                    eprintln!("tracecall: {m}");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e.into()),
            }
        }
        TeamCommand::List => {
            for team in teams::list(&k.db).await? {
                println!("{}\t{}", team.name, describe(&team));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn describe(team: &teams::Team) -> String {
    if team.national {
        return "national".into();
    }
    team.postal
        .iter()
        .map(|r| {
            if r.from == r.to {
                format!("{:04}", r.from)
            } else {
                format!("{:04}-{:04}", r.from, r.to)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `tracecall audit person CASE_CODE`: one line per access, oldest first, tab-separated:
/// time (UTC), actor, action, case, reason, justification. Audited as the CLI's.
pub async fn audit_person(k: &Kernel, code: &str) -> anyhow::Result<ExitCode> {
    let report = match cases::dpo::person_report(k, "cli", code, None).await {
        Ok(r) => r,
        Err(cases::error::CasesError::NotFound(m)) => {
            eprintln!("tracecall: {m} not found");
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(kernel::Error::from(e).into()),
    };
    println!("person of case {code}: cases {}", report.cases.join(", "));
    for a in &report.accesses {
        let at = chrono::DateTime::from_timestamp_millis(a.at)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        let who = match &a.actor_name {
            Some(name) => format!("{} ({name})", a.actor),
            None => a.actor.clone(),
        };
        println!(
            "{at}\t{who}\t{}\t{}\t{}\t{}",
            a.action,
            a.case_code.as_deref().unwrap_or("-"),
            a.reason.as_deref().unwrap_or("-"),
            a.justification.as_deref().unwrap_or("-"),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The account commands other than `user add`.
pub async fn user(k: &Kernel, command: crate::cli::UserCommand) -> anyhow::Result<ExitCode> {
    use crate::cli::UserCommand;
    use kernel::auth::accounts::{self, Changer, UserChange};
    let find = |email: String| async move { accounts::by_email(k, &email).await };
    let result = match command {
        UserCommand::Add(_) => return Ok(ExitCode::from(2)),
        UserCommand::List => {
            for u in kernel::auth::users::list(&k.db, None).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    u.email,
                    u.role,
                    u.team.as_deref().unwrap_or("-"),
                    if u.active { "active" } else { "inactive" }
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        UserCommand::Deactivate { email } => {
            let change = UserChange {
                active: Some(false),
                ..UserChange::default()
            };
            match find(email).await {
                Ok(u) => accounts::update(k, Changer::Cli, u.id, &change, None)
                    .await
                    .map(|u| format!("deactivated {}; their sessions ended", u.email)),
                Err(e) => Err(e),
            }
        }
        UserCommand::Reactivate { email } => {
            let change = UserChange {
                active: Some(true),
                ..UserChange::default()
            };
            match find(email).await {
                Ok(u) => accounts::update(k, Changer::Cli, u.id, &change, None)
                    .await
                    .map(|u| format!("reactivated {}", u.email)),
                Err(e) => Err(e),
            }
        }
        UserCommand::ResetPassword { email, .. } => {
            let mut password = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut password)?;
            let password = password.trim_end_matches(['\n', '\r']).to_string();
            match find(email).await {
                Ok(u) => accounts::reset_password(
                    k,
                    Changer::Cli,
                    u.id,
                    secrecy::SecretString::from(password),
                    None,
                )
                .await
                .map(|()| format!("{} must choose a new password at next login", u.email)),
                Err(e) => Err(e),
            }
        }
        UserCommand::Set {
            email,
            role,
            team,
            no_team,
            languages,
        } => {
            let change = UserChange {
                role,
                team: if no_team { Some(None) } else { team.map(Some) },
                languages: (!languages.is_empty()).then_some(languages),
                active: None,
            };
            match find(email).await {
                Ok(u) => accounts::update(k, Changer::Cli, u.id, &change, None)
                    .await
                    .map(|u| {
                        format!(
                            "{}: {}, team {}, languages {}",
                            u.email,
                            u.role,
                            u.team.as_deref().unwrap_or("-"),
                            u.languages.join(",")
                        )
                    }),
                Err(e) => Err(e),
            }
        }
        UserCommand::RevokeSessions { email } => match find(email).await {
            Ok(u) => accounts::revoke_sessions(k, Changer::Cli, u.id, None)
                .await
                .map(|n| format!("{n} session(s) of {} ended", u.email)),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(line) => {
            println!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        Err(kernel::Error::Invalid(errors)) => Ok(refused(&errors)),
        Err(kernel::Error::NotFound(m)) => {
            eprintln!("tracecall: {m} not found");
            Ok(ExitCode::FAILURE)
        }
        Err(e @ (kernel::Error::Conflict(_) | kernel::Error::Refused { .. })) => {
            eprintln!("tracecall: {e}");
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
