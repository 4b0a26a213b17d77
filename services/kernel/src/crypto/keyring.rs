//! Master keys: the current one wraps new data keys; previous ones still unwrap until
//! `tracecall keys rotate` has re-wrapped everything under the current one.
//!
//! Where they come from: `master_key` and `previous_master_keys` in configuration; or, for the
//! embedded SQLite default without configuration, `master.key` in the data directory
//! (generated on first start) and retired keys in `master-keys/*.key`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use rand::RngCore;
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use super::MasterKey;
use crate::config::Config;
use crate::db::Backend;
use crate::error::{Error, Result};

/// A short public name of a key (not reversible), stored beside what it wraps.
pub fn key_id(key: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    h.update(b"tracecall-master-key-id");
    h.update(key);
    hex::encode(&h.finalize()[..8])
}

pub struct KeyRing {
    current: (String, MasterKey),
    all: BTreeMap<String, MasterKey>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyRing(current {}, {} keys)",
            self.current.0,
            self.all.len()
        )
    }
}

impl KeyRing {
    pub fn new(current: MasterKey, previous: Vec<MasterKey>) -> Self {
        let mut all = BTreeMap::new();
        for k in previous {
            all.insert(key_id(k.expose()), k);
        }
        let id = key_id(current.expose());
        all.insert(id.clone(), MasterKey::from_bytes(*current.expose()));
        Self {
            current: (id, current),
            all,
        }
    }

    pub fn current(&self) -> (&str, &[u8; 32]) {
        (&self.current.0, self.current.1.expose())
    }

    pub fn get(&self, id: &str) -> Option<&[u8; 32]> {
        self.all.get(id).map(MasterKey::expose)
    }

    /// The keys in force for `config` (see the module docs).
    pub fn load(config: &Config, backend: Backend) -> Result<Self> {
        let mut previous = Vec::new();
        for text in &config.previous_master_keys {
            previous.push(MasterKey::from_base64(text.expose_secret())?);
        }
        if let Some(text) = &config.master_key {
            return Ok(Self::new(
                MasterKey::from_base64(text.expose_secret())?,
                previous,
            ));
        }
        if backend == Backend::Postgres {
            return Err(Error::Config(
                "TRACECALL_MASTER_KEY is required with PostgreSQL: every node must use the same \
                 key, so none is generated (make one with: head -c 32 /dev/urandom | base64)"
                    .into(),
            ));
        }
        let path = current_path(&config.data_dir);
        let current = if path.exists() {
            read_key(&path)?
        } else {
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            write_private(
                &path,
                &base64::engine::general_purpose::STANDARD.encode(bytes),
            )?;
            tracing::warn!(path = %path.display(), "no master key configured: generated one into the data directory; back it up, or set TRACECALL_MASTER_KEY for production");
            MasterKey::from_bytes(bytes)
        };
        for file in retired_files(&config.data_dir)? {
            previous.push(read_key(&file)?);
        }
        if let Some(next) = read_optional(&next_path(&config.data_dir))? {
            previous.push(next);
        }
        Ok(Self::new(current, previous))
    }
}

pub fn current_path(data_dir: &Path) -> PathBuf {
    data_dir.join("master.key")
}

/// A key being rotated in (embedded default): present only while `keys rotate` runs.
pub fn next_path(data_dir: &Path) -> PathBuf {
    data_dir.join("master.key.next")
}

pub fn retired_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("master-keys")
}

fn retired_files(data_dir: &Path) -> Result<Vec<PathBuf>> {
    let dir = retired_dir(data_dir);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "key"))
        .collect();
    out.sort();
    Ok(out)
}

pub fn read_key(path: &Path) -> Result<MasterKey> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
    MasterKey::from_base64(&text)
}

fn read_optional(path: &Path) -> Result<Option<MasterKey>> {
    if path.exists() {
        read_key(path).map(Some)
    } else {
        Ok(None)
    }
}

/// Writes a key file readable by its owner only; refuses to overwrite.
pub fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        crate::private_fs::private_dir(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options
        .open(path)
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))?;
    file.sync_all()
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))
}
