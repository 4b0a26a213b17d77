//! Signed checkpoints of the audit chain, kept outside the database.
//!
//! A checkpoint says "row SEQ of the chain had hash HASH at time AT, and rows from KEYED_FROM
//! on are keyed", signed with Ed25519 (see [`super::chain::ChainKeys`]). It is a small JSON
//! file `checkpoint-SEQ.json` in `audit.checkpoint_dir`, which operators ship to write-once
//! storage like any log. A database writer who cuts rows off the end of the log and rewinds
//! `audit_head`, or truncates it and lets it start again, leaves a chain that verifies on its
//! own; it no longer matches the checkpoints, and `tracecall audit verify --checkpoints DIR`
//! says which checkpoint was the last one the log still matches.
//!
//! A checkpoint is written only after the rows since the previous one verified, so a
//! checkpoint never signs a chain that was already broken.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use base64::Engine;
use ed25519_dalek::{Signature, Verifier as _};
use serde::{Deserialize, Serialize};

use super::chain::{self, Broken, ChainKeys, Start};
use crate::db::{millis, Db};
use crate::error::{Error, Result};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
/// The file beside the checkpoints that holds the public key, for auditors who verify the
/// signatures with their own tools.
pub const PUBLIC_KEY_FILE: &str = "checkpoint-key.pub";

/// One signed checkpoint, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Checkpoint {
    pub version: u32,
    pub seq: i64,
    pub hash: String,
    pub keyed_from: i64,
    /// Unix milliseconds.
    pub at: i64,
    pub key_id: String,
    /// Base64 Ed25519 signature over [`Checkpoint::message`].
    pub signature: String,
}

impl Checkpoint {
    /// The signed bytes: every field but the signature, in a fixed order.
    pub fn message(&self) -> String {
        format!(
            "tracecall-audit-checkpoint:{}:{}:{}:{}:{}:{}",
            self.version, self.seq, self.hash, self.keyed_from, self.at, self.key_id
        )
    }

    fn file_name(seq: i64) -> String {
        format!("checkpoint-{seq:012}.json")
    }

    fn when(&self) -> String {
        chrono::DateTime::from_timestamp_millis(self.at)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_else(|| self.at.to_string())
    }
}

/// The checkpoint files in `dir`, in name (so sequence) order.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Internal(format!("{}: {e}", dir.display()))),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::Internal(format!("{}: {e}", dir.display())))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("checkpoint-") && name.ends_with(".json") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Reads one checkpoint file. One that does not parse is an error naming it: a damaged
/// checkpoint must be looked at, not skipped.
fn read(path: &Path) -> Result<Checkpoint> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Internal(format!(
            "{}:{}:{}: not a checkpoint: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

/// Every checkpoint in `dir`, oldest first.
pub fn read_all(dir: &Path) -> Result<Vec<(PathBuf, Checkpoint)>> {
    let mut out = files(dir)?
        .into_iter()
        .map(|p| read(&p).map(|cp| (p, cp)))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|(_, cp)| cp.seq);
    Ok(out)
}

/// The newest checkpoint in `dir`, reading only that file.
pub fn latest(dir: &Path) -> Result<Option<Checkpoint>> {
    files(dir)?.last().map(|p| read(p)).transpose()
}

fn check_signature(keys: &ChainKeys, path: &Path, cp: &Checkpoint) -> Option<Broken> {
    let bad = |why: &str| {
        Some(Broken::Checkpoint {
            reason: format!("{}: {why}", path.display()),
        })
    };
    if cp.key_id != keys.key_id() {
        return bad(&format!(
            "signed by key {}, not by this deployment's key {}",
            cp.key_id,
            keys.key_id()
        ));
    }
    let Some(sig) = B64
        .decode(&cp.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return bad("signature is not 64 bytes of base64");
    };
    match keys
        .public_key()
        .verify(cp.message().as_bytes(), &Signature::from_bytes(&sig))
    {
        Ok(()) => None,
        Err(_) => bad("signature does not verify"),
    }
}

/// Writes a checkpoint of the chain as it is now, after verifying the rows since the newest
/// checkpoint in `dir`. `Ok(Ok(None))`: nothing new to sign (empty log, or already
/// checkpointed); `Ok(Err(broken))`: the rows since do not verify, and nothing is signed.
pub async fn write(
    db: &Db,
    keys: &ChainKeys,
    dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<std::result::Result<Option<Checkpoint>, Broken>> {
    crate::private_fs::private_dir(dir)?;
    std::fs::write(dir.join(PUBLIC_KEY_FILE), B64.encode(keys.public_key()))
        .map_err(|e| Error::Internal(format!("{}: {e}", dir.display())))?;
    let head = chain::head(db).await?;
    let start = match latest(dir)? {
        Some(cp) => {
            if let Some(broken) = check_signature(keys, dir, &cp) {
                return Ok(Err(broken));
            }
            // The first keyed row is fixed once signed: moving it would let rewritten rows
            // pass as unkeyed ones.
            if cp.keyed_from != head.keyed_from {
                return Ok(Err(Broken::Checkpoint {
                    reason: format!(
                        "the head says keyed rows start at {}, the last checkpoint (row {}) says {}",
                        head.keyed_from, cp.seq, cp.keyed_from
                    ),
                }));
            }
            Start {
                after: cp.seq,
                hash: cp.hash.clone(),
            }
        }
        None => Start::genesis(),
    };
    if head.last_id == 0 || head.last_id <= start.after {
        return Ok(Ok(None));
    }
    let walk = match chain::walk(db, keys, start, &BTreeSet::new()).await? {
        Ok(w) => w,
        Err(broken) => return Ok(Err(broken)),
    };
    let mut cp = Checkpoint {
        version: 1,
        seq: walk.last_id,
        hash: walk.last_hash,
        keyed_from: head.keyed_from,
        at: millis(now),
        key_id: keys.key_id(),
        signature: String::new(),
    };
    cp.signature = B64.encode(keys.sign(cp.message().as_bytes()).to_bytes());
    let path = dir.join(Checkpoint::file_name(cp.seq));
    let tmp = dir.join(format!(".{}.tmp", Checkpoint::file_name(cp.seq)));
    let body = serde_json::to_vec_pretty(&cp).map_err(|e| Error::Internal(e.to_string()))?;
    crate::private_fs::write_durably(&tmp, &path, &body)?;
    Ok(Ok(Some(cp)))
}

/// The outcome of checking the log against checkpoints.
#[derive(Debug)]
pub struct Verified {
    pub rows: i64,
    pub checkpoints: usize,
}

/// Verifies the chain from its start and then every checkpoint in `dir` against it. On
/// failure, the reason names the last checkpoint the log still matches.
pub async fn verify(
    db: &Db,
    keys: &ChainKeys,
    dir: &Path,
) -> Result<std::result::Result<Verified, Broken>> {
    let checkpoints = read_all(dir)?;
    for (path, cp) in &checkpoints {
        if let Some(broken) = check_signature(keys, path, cp) {
            return Ok(Err(broken));
        }
    }
    let wanted: BTreeSet<i64> = checkpoints.iter().map(|(_, cp)| cp.seq).collect();
    let walk = match chain::walk(db, keys, Start::genesis(), &wanted).await? {
        Ok(w) => w,
        Err(broken) => return Ok(Err(broken)),
    };
    let head = chain::head(db).await?;
    let mut last_good: Option<&Checkpoint> = None;
    for (_, cp) in &checkpoints {
        let problem = match walk.seen.get(&cp.seq) {
            None => Some(format!(
                "the log ends at row {}, before this checkpoint's row",
                walk.last_id
            )),
            Some(h) if *h != cp.hash => Some(format!("row {} has another hash now", cp.seq)),
            Some(_) if cp.keyed_from != head.keyed_from => Some(format!(
                "the head says keyed rows start at {}, the checkpoint says {}",
                head.keyed_from, cp.keyed_from
            )),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            let good = match last_good {
                Some(g) => format!("last good checkpoint: row {} signed at {}", g.seq, g.when()),
                None => "no checkpoint matches the log".to_string(),
            };
            return Ok(Err(Broken::Checkpoint {
                reason: format!(
                    "row {} signed at {}: {problem}; rows were cut off or rewritten; {good}",
                    cp.seq,
                    cp.when()
                ),
            }));
        }
        last_good = Some(cp);
    }
    Ok(Ok(Verified {
        rows: walk.rows,
        checkpoints: checkpoints.len(),
    }))
}

/// After a restore, checkpoints of rows past the restored log's end describe a history the
/// database no longer has: they are moved (not deleted: they are evidence) into
/// `superseded-TIME/` in `dir`, so that new checkpoints can follow the restored chain and
/// `verify --checkpoints DIR` checks what is current. Returns how many were moved.
pub fn supersede_after(
    dir: &Path,
    last_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    let later: Vec<PathBuf> = read_all(dir)?
        .into_iter()
        .filter(|(_, cp)| cp.seq > last_id)
        .map(|(p, _)| p)
        .collect();
    if later.is_empty() {
        return Ok(0);
    }
    let aside = dir.join(format!("superseded-{}", now.format("%Y%m%dT%H%M%SZ")));
    crate::private_fs::private_dir(&aside)?;
    for p in &later {
        let name = p.file_name().unwrap_or_default();
        std::fs::rename(p, aside.join(name))
            .map_err(|e| Error::Internal(format!("{}: {e}", p.display())))?;
    }
    Ok(later.len())
}
