//! `tracecall keys rotate`.
//!
//! With a configured key (`TRACECALL_MASTER_KEY`, required on PostgreSQL) the operator makes
//! the new key current in configuration and lists the old one in `previous_master_keys` on
//! every node; this command then re-wraps every data key under the current key. With the
//! embedded default (key file in the data directory) this command draws the new key itself:
//! it is written to `master.key.next` first, data keys are re-wrapped, and only then is the
//! old key retired to `master-keys/` and the new one moved to `master.key`. Running nodes keep
//! their unwrapped data keys in memory and read on; every step is safe to repeat, so an
//! interrupted rotation resumes when run again.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use base64::Engine;
use kernel::config::Config;
use kernel::crypto::envelope::rewrap_all;
use kernel::crypto::keyring::{self, key_id, read_key, KeyRing};
use kernel::crypto::MasterKey;
use kernel::db::{Backend, Db};
use rand::RngCore;

pub async fn rotate(config: Config) -> anyhow::Result<ExitCode> {
    let db = Db::connect(&config.database_url(), 2).await?;
    db.migrate().await?;
    if config.master_key.is_some() || db.backend() == Backend::Postgres {
        let ring = KeyRing::load(&config, db.backend())?;
        let n = rewrap_all(&db, &ring).await?;
        println!(
            "{n} data key(s) re-wrapped under master key {}",
            ring.current().0
        );
        return Ok(ExitCode::SUCCESS);
    }
    let dir = &config.data_dir;
    let next = keyring::next_path(dir);
    if !next.exists() {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        keyring::write_private(
            &next,
            &base64::engine::general_purpose::STANDARD.encode(bytes),
        )?;
    }
    let new = read_key(&next)?;
    let old = KeyRing::load(&config, db.backend())?;
    let mut previous = vec![MasterKey::from_bytes(*old.current().1)];
    previous.extend(retired(dir)?);
    let ring = KeyRing::new(MasterKey::from_bytes(*new.expose()), previous);
    let n = rewrap_all(&db, &ring).await?;
    // Retire the old key only once nothing needs it to be current.
    let current = keyring::current_path(dir);
    let old_key = read_key(&current)?;
    let retired_path = keyring::retired_dir(dir).join(format!("{}.key", key_id(old_key.expose())));
    if key_id(old_key.expose()) != key_id(new.expose()) {
        std::fs::create_dir_all(keyring::retired_dir(dir))?;
        if !retired_path.exists() {
            std::fs::copy(&current, &retired_path)?;
        }
        std::fs::rename(&next, &current)?;
    }
    println!(
        "{n} data key(s) re-wrapped; master key {} is now current",
        key_id(new.expose())
    );
    db.close().await;
    Ok(ExitCode::SUCCESS)
}

fn retired(dir: &std::path::Path) -> anyhow::Result<Vec<MasterKey>> {
    let d = keyring::retired_dir(dir);
    let mut out = Vec::new();
    if d.is_dir() {
        for e in std::fs::read_dir(d)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "key") {
                out.push(read_key(&p)?);
            }
        }
    }
    Ok(out)
}
