//! The command line (API.md lists the commands). Output meant for the operator goes to
//! standard output; diagnostics go to the log on standard error.
#![allow(clippy::print_stdout)]

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use kernel::auth::users::{self, NewUser};
use kernel::auth::Role;
use kernel::clock::SystemClock;
use kernel::config::Config;
use secrecy::SecretString;

use crate::{app, boot, content, demo, keys, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "tracecall",
    version,
    about = "Contact-center platform for public-health outreach"
)]
pub struct Cli {
    /// Configuration file (TOML). Default: ./tracecall.toml when present.
    #[arg(long, global = true, env = "TRACECALL_CONFIG")]
    pub config: Option<PathBuf>,
    /// Data directory (embedded database, generated key). Default: ./tracecall-data.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate, then serve HTTP and WebSocket and run the background workers.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Teams and their jurisdictions.
    #[command(subcommand)]
    Team(crate::access_cli::TeamCommand),
    /// Inspect the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// People's data: erasure.
    #[command(subcommand)]
    Person(crate::data_cli::PersonCommand),
    /// Certificates and prescriptions.
    #[command(subcommand)]
    Document(crate::documents_cli::DocumentCommand),
    /// E-mail into requests.
    #[command(subcommand)]
    Mail(crate::mail_cli::MailCommand),
    /// A consistent copy of the embedded SQLite database, while it serves.
    Backup { file: PathBuf },
    /// Restore the embedded database from a backup (stop the node first), then re-apply the
    /// erasures made since; without FILE (PostgreSQL restored with its own tools), only
    /// re-apply them.
    Restore { file: Option<PathBuf> },
    /// Check script, block and form files, and course folders (`elearning`): one
    /// `path:line:column: message` per problem.
    Lint {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Publish scripts with their forms, and courses, as new immutable versions (no-op when
    /// unchanged).
    Publish {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Show what changed between two releases of a script.
    Diff { script: String, from: i64, to: i64 },
    /// Import data.
    #[command(subcommand)]
    Import(crate::import_export_cli::ImportCommand),
    /// Manage encryption keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Exports for the public-health institute.
    #[command(subcommand)]
    Export(crate::import_export_cli::ExportCommand),
    /// Write the JSON Schemas of the file formats (for editors).
    Schema {
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (overrides `listen` in the configuration).
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Load demo users (one per role) and print their logins.
    #[arg(long)]
    pub demo: bool,
    /// Folder holding `scripts/` and `forms/` (and `elearning/`), published at start
    /// (default: the working directory, when it has them).
    #[arg(long, default_value = ".")]
    pub content: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Add(UserAddArgs),
    /// List the users: email, role, team, active.
    List,
    /// Deactivate a user: their sessions end and their live connections close.
    Deactivate { email: String },
    /// Reactivate a user.
    Reactivate { email: String },
    /// Set a temporary password (from standard input); the user must choose a new one.
    ResetPassword {
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// End every session of a user.
    RevokeSessions { email: String },
    /// Change a user's role, team or languages (a role or team change ends their sessions).
    Set {
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        #[arg(long, conflicts_with = "no_team")]
        team: Option<String>,
        /// Make the user national (no team).
        #[arg(long)]
        no_team: bool,
        /// The languages the user speaks, replacing the current ones (repeat).
        #[arg(long = "language")]
        languages: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// agent, supervisor, author, epidemiologist, trainer, admin or dpo.
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    #[arg(long)]
    pub team: Option<String>,
    /// A language the user speaks (repeat for several), e.g. --language fr --language nl.
    #[arg(long = "language")]
    pub languages: Vec<String>,
    /// Read the password from standard input (required: passwords never go on the command line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make a new master key current and re-wrap every data key under it (resumable).
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the keyed hash chain; exit 1 naming the first row that does not match. With
    /// `--checkpoints DIR`, also check the chain against the signed checkpoints there.
    Verify {
        #[arg(long, value_name = "DIR")]
        checkpoints: Option<std::path::PathBuf>,
    },
    /// Write a signed checkpoint of the chain now into `audit.checkpoint_dir`.
    Checkpoint,
    /// Every audited access to the person of a case: who, when, why (for the DPO).
    Person { case_code: String },
}

/// Runs the parsed command; the exit code follows API.md (0 ok, 1 input refused, 2 usage).
pub async fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref(), cli.data_dir.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tracecall: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);
    let result = match cli.command {
        Command::Serve(args) => serve(config, args).await,
        Command::Migrate => migrate(config).await,
        Command::User(UserCommand::Add(args)) => user_add(config, args).await,
        Command::User(command) => match open(config).await {
            Ok(k) => crate::access_cli::user(&k, command).await,
            Err(e) => Err(e),
        },
        Command::Audit(AuditCommand::Verify { checkpoints }) => match open(config).await {
            Ok(k) => crate::audit_cli::verify(&k, checkpoints.as_deref()).await,
            Err(e) => Err(e),
        },
        Command::Audit(AuditCommand::Checkpoint) => match open(config).await {
            Ok(k) => crate::audit_cli::checkpoint(&k).await,
            Err(e) => Err(e),
        },
        Command::Audit(AuditCommand::Person { case_code }) => match open(config).await {
            Ok(k) => crate::access_cli::audit_person(&k, &case_code).await,
            Err(e) => Err(e),
        },
        Command::Person(command) => match open(config).await {
            Ok(k) => crate::data_cli::person(&k, command).await,
            Err(e) => Err(e),
        },
        Command::Backup { file } => crate::data_cli::backup(config, &file).await,
        Command::Restore { file } => crate::data_cli::restore(config, file.as_deref()).await,
        Command::Team(command) => match open(config).await {
            Ok(k) => crate::access_cli::team(&k, command).await,
            Err(e) => Err(e),
        },
        Command::Lint { paths } => content::lint_command(&paths),
        Command::Keys(KeysCommand::Rotate) => keys::rotate(config).await,
        Command::Export(crate::import_export_cli::ExportCommand::Run {
            dataset,
            date,
            out,
            deliver,
            correct,
        }) => match open(config).await {
            Ok(k) => {
                crate::import_export_cli::export_run(&k, dataset, date, &out, (deliver, correct))
                    .await
            }
            Err(e) => Err(e),
        },
        Command::Import(crate::import_export_cli::ImportCommand::Cases { file }) => {
            match open(config).await {
                Ok(k) => crate::import_export_cli::import_cases(&k, &file).await,
                Err(e) => Err(e),
            }
        }
        Command::Mail(command) => match open(config).await {
            Ok(k) => crate::mail_cli::run(&k, command).await,
            Err(e) => Err(e),
        },
        Command::Document(command) => match open(config).await {
            Ok(k) => crate::documents_cli::run(&k, command).await,
            Err(e) => Err(e),
        },
        Command::Schema { out } => content::schema_command(&out),
        Command::Publish { paths } => match open(config).await {
            Ok(k) => content::publish_command(&k, &paths).await,
            Err(e) => Err(e),
        },
        Command::Diff { script, from, to } => match open(config).await {
            Ok(k) => content::diff_command(&k, &script, from, to).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tracecall: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open(config: Config) -> anyhow::Result<kernel::Kernel> {
    Ok(boot::open(config, Arc::new(SystemClock)).await?)
}

async fn serve(mut config: Config, args: ServeArgs) -> anyhow::Result<ExitCode> {
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    let kernel = boot::open(config, Arc::new(SystemClock)).await?;
    if args.demo {
        demo::refuse_unless_demo_database(&kernel).await?;
    }
    // Published before the demo's campaign is made, so it finds its script.
    let sources = crate::shipped::resolve(&args.content, &kernel.config.data_dir)?;
    content::publish_at_start(&kernel, &sources.scripts).await;
    crate::courses::publish_at_start(&kernel, &sources.courses).await;
    content::publish_documents_at_start(&kernel, &sources.documents).await;
    content::publish_topics_at_start(&kernel, &sources.topics).await;
    content::publish_kb_at_start(&kernel, &sources.kb).await;
    requests::imap::spawn_poller(&kernel).map_err(kernel::Error::from)?;
    let logins = if args.demo {
        let logins = demo::seed(&kernel).await?;
        let cases = demo::seed_cases(&kernel).await?;
        demo::seed_campaign(&kernel).await?;
        tracing::info!(cases, "demo data loaded");
        logins
    } else {
        Vec::new()
    };
    let listener = tokio::net::TcpListener::bind(kernel.config.listen).await?;
    let addr = listener.local_addr()?;
    let origin = kernel.config.public_origin(addr);
    // Written without `println!`: a closed standard output (a supervisor that stopped
    // reading) must not stop the server.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "tracecall is serving at {origin}/");
        if !logins.is_empty() {
            let _ = writeln!(out, "demo logins (password: {}):", demo::PASSWORD);
            for (role, email) in &logins {
                let _ = writeln!(out, "  {role:<15} {email}");
            }
        }
        let _ = out.flush();
    }
    tracing::info!(%addr, backend = ?kernel.db.backend(), "serving");
    app::launch(kernel, listener, app::shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

async fn migrate(mut config: Config) -> anyhow::Result<ExitCode> {
    // Whatever nodes do at start, this command is for migrating.
    config.database.migrate_on_start = true;
    let kernel = boot::open(config, Arc::new(SystemClock)).await?;
    kernel.db.close().await;
    println!("migrations applied");
    Ok(ExitCode::SUCCESS)
}

async fn user_add(config: Config, args: UserAddArgs) -> anyhow::Result<ExitCode> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    let kernel = boot::open(config, Arc::new(SystemClock)).await?;
    let new = NewUser {
        email: args.email,
        name: args.name,
        role: args.role,
        team: args.team,
        languages: args.languages,
        password: SecretString::from(password),
    };
    match users::create(&kernel.db, kernel.now(), new, "cli", None).await {
        Ok(user) => {
            println!(
                "created user {} ({}) with id {}",
                user.email, user.role, user.id
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(kernel::Error::Invalid(errors)) => Ok(crate::access_cli::refused(&errors)),
        Err(kernel::Error::Conflict(m)) => {
            eprintln!("tracecall: {m}");
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
