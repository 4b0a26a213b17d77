//! The keys of the audit chain and the walk that checks it.
//!
//! Each row's hash is an HMAC-SHA256 over its fields and the previous row's hash, under a key
//! the database never holds: it is derived (HKDF-SHA256) from the blind-index root, which is
//! stored only wrapped by the master key. Whoever can write the database but does not hold the
//! master key can still delete or edit rows, but cannot compute the hashes that would make the
//! edited chain verify. Deriving from the wrapped root rather than from the master key itself
//! keeps old rows verifiable after `tracecall keys rotate` (rotation re-wraps the root, it does
//! not change it), and every node derives the same key.
//!
//! Cutting rows off the end and rewinding `audit_head` leaves a chain that verifies; signed
//! checkpoints kept outside the database ([`super::checkpoint`]) catch that.
//!
//! Rows written before the chain was keyed (an upgraded deployment) keep their plain SHA-256
//! hashes: `audit_head.keyed_from` is the first keyed row, and checkpoints sign it too.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::Record;
use crate::db::Db;
use crate::error::Result;

/// The HMAC key of the chain and the Ed25519 key that signs checkpoints.
pub struct ChainKeys {
    mac: [u8; 32],
    signing: SigningKey,
}

impl std::fmt::Debug for ChainKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChainKeys(checkpoint key {})", self.key_id())
    }
}

impl ChainKeys {
    /// Derives both keys from the blind-index root (see the module docs for why that root).
    pub fn derive(root: &[u8; 32]) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(b"tracecall-audit"), root);
        let (mut mac, mut seed) = ([0u8; 32], [0u8; 32]);
        // Both lengths are far below HKDF-SHA256's limit of 8160 bytes, so expand cannot fail.
        let _ = hk.expand(b"chain-hmac-v1", &mut mac);
        let _ = hk.expand(b"checkpoint-ed25519-v1", &mut seed);
        Self {
            mac,
            signing: SigningKey::from_bytes(&seed),
        }
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// A short name for the checkpoint key: the first 16 hex digits of SHA-256 of its bytes.
    pub fn key_id(&self) -> String {
        hex::encode(&Sha256::digest(self.public_key().as_bytes())[..8])
    }

    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }

    /// The keyed hash of a row.
    pub(crate) fn row_hash(&self, r: &Record) -> String {
        let mut h = <Hmac<Sha256> as Mac>::new_from_slice(&self.mac)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for_each_part(r, |p| h.update(p));
        hex::encode(h.finalize().into_bytes())
    }
}

/// The plain SHA-256 hash that rows had before the chain was keyed.
fn plain_hash(r: &Record) -> String {
    let mut h = Sha256::new();
    for_each_part(r, |p| h.update(p));
    hex::encode(h.finalize())
}

/// Feeds the row's fields and the previous hash, each length-prefixed so that no two
/// different rows serialise alike.
fn for_each_part(r: &Record, mut feed: impl FnMut(&[u8])) {
    let request_id = r.request_id.as_deref().unwrap_or("");
    for part in [
        r.prev_hash.as_bytes(),
        r.id.to_string().as_bytes(),
        r.at.to_string().as_bytes(),
        r.actor.as_bytes(),
        r.action.as_bytes(),
        r.subject.as_bytes(),
        request_id.as_bytes(),
        r.detail.as_bytes(),
    ] {
        feed(&(part.len() as u64).to_be_bytes());
        feed(part);
    }
}

/// The hash every chain starts from.
pub fn genesis() -> String {
    "0".repeat(64)
}

/// Why verification failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// The row with this id does not match its hash or its link.
    Row { id: i64, reason: String },
    /// The head does not match the last row (rows removed from the end).
    Head { reason: String },
    /// A signed checkpoint does not match the log (rows cut off or rewritten).
    Checkpoint { reason: String },
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Broken::Row { id, reason } => write!(f, "audit row {id}: {reason}"),
            Broken::Head { reason } => write!(f, "audit head: {reason}"),
            Broken::Checkpoint { reason } => write!(f, "audit checkpoint: {reason}"),
        }
    }
}

/// The head row: the last id and hash, and the first keyed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub last_id: i64,
    pub last_hash: String,
    pub keyed_from: i64,
}

pub async fn head(db: &Db) -> Result<Head> {
    let row = sqlx::query("SELECT last_id, last_hash, keyed_from FROM audit_head WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    Ok(Head {
        last_id: row.try_get("last_id")?,
        last_hash: row.try_get("last_hash")?,
        keyed_from: row.try_get("keyed_from")?,
    })
}

/// Where a walk starts: after row `after` whose hash is `hash`.
#[derive(Debug, Clone)]
pub struct Start {
    pub after: i64,
    pub hash: String,
}

impl Start {
    pub fn genesis() -> Self {
        Self {
            after: 0,
            hash: genesis(),
        }
    }
}

/// What a walk saw: how many rows it checked, and the hashes of the rows it was asked about.
#[derive(Debug, Default)]
pub struct Walk {
    pub last_id: i64,
    pub last_hash: String,
    pub rows: i64,
    pub seen: std::collections::HashMap<i64, String>,
}

/// Walks the chain from `from` to its end, checking each row's link and (keyed) hash, then the
/// head. `wanted`: rows whose hashes to report in [`Walk::seen`].
pub async fn walk(
    db: &Db,
    keys: &ChainKeys,
    from: Start,
    wanted: &std::collections::BTreeSet<i64>,
) -> Result<std::result::Result<Walk, Broken>> {
    const PAGE: i64 = 5_000;
    let head = head(db).await?;
    let mut expected_id = from.after + 1;
    let mut prev_hash = from.hash;
    let mut walk = Walk::default();
    loop {
        let rows: Vec<Record> = sqlx::query_as(
            "SELECT id, at, actor, action, subject, request_id, detail, prev_hash, hash \
             FROM audit_log WHERE id >= $1 AND id <= $3 ORDER BY id LIMIT $2",
        )
        .bind(expected_id)
        .bind(PAGE)
        // Up to the head read first: rows appended meanwhile are the next walk's (the head
        // moves in the appending transaction, so every row up to it is committed).
        .bind(head.last_id)
        .fetch_all(db.pool())
        .await?;
        let n = rows.len() as i64;
        for r in rows {
            if r.id != expected_id {
                return Ok(Err(Broken::Row {
                    id: expected_id,
                    reason: format!("missing (next row present is {})", r.id),
                }));
            }
            if r.prev_hash != prev_hash {
                return Ok(Err(Broken::Row {
                    id: r.id,
                    reason: "does not link to the row before it".into(),
                }));
            }
            let expected = if r.id >= head.keyed_from {
                keys.row_hash(&r)
            } else {
                plain_hash(&r)
            };
            if expected != r.hash {
                return Ok(Err(Broken::Row {
                    id: r.id,
                    reason: "content does not match its hash".into(),
                }));
            }
            if wanted.contains(&r.id) {
                walk.seen.insert(r.id, r.hash.clone());
            }
            prev_hash = r.hash;
            expected_id += 1;
            walk.rows += 1;
        }
        if n < PAGE {
            break;
        }
    }
    let last = expected_id - 1;
    if head.last_id != last || head.last_hash != prev_hash {
        return Ok(Err(Broken::Head {
            reason: format!(
                "says the log ends at row {}, but the chain ends at row {last}",
                head.last_id
            ),
        }));
    }
    walk.last_id = last;
    walk.last_hash = prev_hash;
    Ok(Ok(walk))
}
