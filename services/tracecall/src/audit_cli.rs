//! `tracecall audit verify [--checkpoints DIR]` and `tracecall audit checkpoint`.
// A command-line tool prints its answers on standard output.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::process::ExitCode;

use kernel::audit::{self, checkpoint};
use kernel::Kernel;

/// Walks the chain (and checks it against the checkpoints in `dir`); exit 1 naming where it
/// breaks, or the last checkpoint the log still matches.
pub async fn verify(k: &Kernel, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let verdict = match dir {
        None => {
            let keyed_from = audit::chain::head(&k.db).await?.keyed_from;
            audit::verify(&k.db).await?.map(|rows| {
                if keyed_from > 1 {
                    format!(
                        "{rows} rows verified; rows before {keyed_from} carry unkeyed hashes \
                         (written before the chain was keyed: only signed checkpoints pin where \
                         that ends, so verify with --checkpoints)"
                    )
                } else {
                    format!("{rows} rows verified")
                }
            })
        }
        Some(dir) => {
            let keys = k.db.audit_keys()?;
            checkpoint::verify(&k.db, &keys, dir).await?.map(|v| {
                format!(
                    "{} rows verified against {} signed checkpoints",
                    v.rows, v.checkpoints
                )
            })
        }
    };
    match verdict {
        Ok(said) => {
            println!("audit log intact: {said}");
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            println!("audit log broken: {broken}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Signs a checkpoint of the chain as it is now.
pub async fn checkpoint(k: &Kernel) -> anyhow::Result<ExitCode> {
    let keys = k.db.audit_keys()?;
    let dir = k.config.checkpoint_dir();
    match checkpoint::write(&k.db, &keys, &dir, k.now()).await? {
        Ok(Some(cp)) => println!(
            "audit checkpoint: row {} ({}) signed by key {} in {}",
            cp.seq,
            cp.hash,
            cp.key_id,
            dir.display()
        ),
        Ok(None) => println!(
            "audit checkpoint: nothing new since the last one in {}",
            dir.display()
        ),
        Err(broken) => {
            println!("audit log broken, nothing signed: {broken}");
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}
