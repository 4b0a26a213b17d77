//! `tracecall person erase`, `tracecall backup` and `tracecall restore`: the commands that
//! decide what of a person survives, in the database and in its copies.
// A command-line tool prints its answers on standard output.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use kernel::clock::SystemClock;
use kernel::config::Config;
use kernel::erasure::Reason;
use kernel::Kernel;

use crate::boot;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Erase the person of a case (GDPR art. 17): their data key is destroyed, so nothing
    /// sealed about them decrypts any more, backups included once restored; audited.
    Erase { case_code: String },
}

/// Erases the person of `case_code`.
pub async fn person(k: &Kernel, command: PersonCommand) -> anyhow::Result<ExitCode> {
    match command {
        PersonCommand::Erase { case_code } => {
            let by = cases::erase::Request {
                reason: Reason::Request,
                actor: "cli",
                request_id: None,
            };
            match cases::erase::erase_by_code(k, &case_code, by).await {
                Ok((person, true)) => {
                    println!(
                        "erased person {person} (case {case_code}): their data key is destroyed"
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Ok((person, false)) => {
                    println!("person {person} (case {case_code}) was already erased");
                    Ok(ExitCode::SUCCESS)
                }
                Err(cases::error::CasesError::NotFound(what)) => {
                    eprintln!("tracecall: no {what}");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(kernel::Error::from(e).into()),
            }
        }
    }
}

/// The SQLite file behind the configured database.
fn sqlite_path(config: &Config) -> anyhow::Result<std::path::PathBuf> {
    let url = config.database_url();
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "backup and restore of a file work on the embedded SQLite database; for \
                 PostgreSQL use pg_basebackup and WAL archiving (see the README), then \
                 `tracecall restore` without a file"
            )
        })?;
    Ok(path.split('?').next().unwrap_or(path).into())
}

/// A consistent copy of the embedded database while it serves (`VACUUM INTO` reads one
/// snapshot). The copy holds sealed data only; the master key stays where it is.
pub async fn backup(config: Config, file: &Path) -> anyhow::Result<ExitCode> {
    sqlite_path(&config)?;
    if file.exists() {
        eprintln!(
            "tracecall: {} exists; backups never overwrite",
            file.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let k = boot::open(config, Arc::new(SystemClock)).await?;
    let target = file
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("{}: not a UTF-8 path", file.display()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(k.db.writer())
        .await?;
    // SQLite creates the copy with the default mode: the backup is as private as the database.
    set_private(file)?;
    println!(
        "backup written to {} ({} erasures journalled so far)",
        file.display(),
        kernel::erasure::count(&k.db).await?
    );
    Ok(ExitCode::SUCCESS)
}

/// Puts `file` (a backup) in place of the embedded database when given, then re-applies every
/// erasure of the journal that the database has not seen, before any node serves it. Without
/// a file (PostgreSQL, restored with its own tools), only re-applies.
pub async fn restore(config: Config, file: Option<&Path>) -> anyhow::Result<ExitCode> {
    if let Some(file) = file {
        let db = sqlite_path(&config)?;
        let mut head = [0u8; 16];
        let is_sqlite = std::fs::File::open(file)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && &head == b"SQLite format 3\0";
        if !is_sqlite {
            eprintln!(
                "tracecall: {}: not a SQLite database backup",
                file.display()
            );
            return Ok(ExitCode::FAILURE);
        }
        let tmp = db.with_extension("db.restoring");
        std::fs::copy(file, &tmp)?;
        set_private(&tmp)?;
        // A write-ahead log left by the replaced database would be replayed into the restored
        // one: remove it with the file it belonged to.
        for suffix in ["-wal", "-shm"] {
            let side = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                std::fs::remove_file(side)?;
            }
        }
        std::fs::rename(&tmp, &db)?;
        println!("restored {} from {}", db.display(), file.display());
    }
    let k = boot::open(config, Arc::new(SystemClock)).await?;
    let head = kernel::audit::chain::head(&k.db).await?;
    let moved = kernel::audit::checkpoint::supersede_after(
        &k.config.checkpoint_dir(),
        head.last_id,
        k.now(),
    )?;
    if moved > 0 {
        println!(
            "{moved} audit checkpoints past the restored log's end moved to a superseded-* folder"
        );
    }
    let again = cases::erase::reapply_journal(&k).await?;
    println!(
        "erasure journal re-applied: {again} people erased again; the database has now seen {} erasures",
        kernel::erasure::count(&k.db).await?
    );
    Ok(ExitCode::SUCCESS)
}

/// Owner read and write only.
fn set_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
