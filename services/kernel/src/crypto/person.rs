//! A data key per person, so that erasing a person is destroying one key (crypto-shredding).
//!
//! Everything sealed about a person (their identifiers, their calls' answers and submissions,
//! break-glass justifications naming them) is sealed under their own AES-256-GCM key. That key
//! is stored wrapped by the deployment's data key (itself wrapped by the master key), so
//! rotating the master key still only re-wraps the few data keys. Destroying the wrapped key
//! makes every copy of their ciphertexts useless at once: rows we know of, and those we do not
//! (dead tuples, WAL segments, a replica's pages, an old dump read after restore, which the
//! erasure journal then erases again).
//!
//! Per-person keys also keep each key far below AES-GCM's limit of 2^32 random nonces: a key
//! seals one person's fields and answers (thousands of messages at most), and the deployment
//! key seals one wrap per person (10 million for a national wave) plus a handful of staff
//! secrets, where one shared key re-sealed on every autosave would reach 2^32 within a year.
//!
//! Formats: a wrapped key is `wrapping data key id (4, BE) | nonce (12) | key (32) | tag (16)`
//! with associated data `tracecall-person-key:PERSON`; a field sealed under a person's key is
//! `2 | nonce (12) | ciphertext | tag (16)` with the usual `table.column:row` associated data.
//! Fields of version 1 (sealed under the deployment key) still open.

use ring::aead::{Aad as RingAad, LessSafeKey, Nonce};

use super::envelope::{key, nonce, open_with, seal_with, Aad, Envelope};
use crate::error::{Error, Result};

const VERSION: u8 = 2;
const TAG: usize = 16;
const WRAPPED: usize = 4 + 12 + 32 + TAG;

/// One person's key, unwrapped in memory for one operation.
pub struct PersonKey {
    key: LessSafeKey,
}

impl std::fmt::Debug for PersonKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonKey(<redacted>)")
    }
}

fn wrap_aad(person: &str) -> Vec<u8> {
    format!("tracecall-person-key:{person}").into_bytes()
}

impl PersonKey {
    /// Encrypts `plain` for the place `aad` names, under this person's key.
    pub fn seal(&self, aad: Aad<'_>, plain: &[u8]) -> Result<Vec<u8>> {
        seal_with(&self.key, &[VERSION], aad, plain)
    }

    pub fn seal_str(&self, aad: Aad<'_>, plain: &str) -> Result<Vec<u8>> {
        self.seal(aad, plain.as_bytes())
    }

    fn open(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<Vec<u8>> {
        open_with(&self.key, 1, aad, sealed).ok_or_else(|| {
            Error::Crypto(format!(
                "{}.{} of {} does not decrypt with this person's key",
                aad.table, aad.column, aad.row
            ))
        })
    }
}

impl Envelope {
    /// A fresh key for `person` and its wrapped form, to store with the person.
    pub fn new_person_key(&self, person: &str) -> Result<(PersonKey, Vec<u8>)> {
        let mut fresh = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut fresh);
        let n = nonce();
        let mut buf = fresh.to_vec();
        self.active
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(n),
                RingAad::from(wrap_aad(person)),
                &mut buf,
            )
            .map_err(|_| Error::Crypto("wrapping a person's key failed".into()))?;
        let wrapped = [self.active_id.to_be_bytes().as_slice(), &n, &buf].concat();
        Ok((PersonKey { key: key(&fresh)? }, wrapped))
    }

    /// Unwraps `person`'s stored key.
    pub fn person_key(&self, person: &str, wrapped: &[u8]) -> Result<PersonKey> {
        if wrapped.len() != WRAPPED {
            return Err(Error::Crypto(format!(
                "the key of person {person} has the wrong length"
            )));
        }
        let id = u32::from_be_bytes([wrapped[0], wrapped[1], wrapped[2], wrapped[3]]);
        let kek = self
            .keys
            .get(&id)
            .ok_or_else(|| Error::Crypto(format!("unknown data key {id}")))?;
        let mut n = [0u8; 12];
        n.copy_from_slice(&wrapped[4..16]);
        let mut buf = wrapped[16..].to_vec();
        let plain = kek
            .open_in_place(
                Nonce::assume_unique_for_key(n),
                RingAad::from(wrap_aad(person)),
                &mut buf,
            )
            .map_err(|_| Error::Crypto(format!("the key of person {person} does not unwrap")))?;
        let bytes: [u8; 32] = plain.try_into().map_err(|_| {
            Error::Crypto(format!("the key of person {person} has the wrong length"))
        })?;
        Ok(PersonKey { key: key(&bytes)? })
    }

    /// Opens a field sealed either under a person's key (`person`, `None` once they were
    /// erased) or, for data sealed before per-person keys, under the deployment key.
    pub fn open_for(
        &self,
        person: Option<&PersonKey>,
        aad: Aad<'_>,
        sealed: &[u8],
    ) -> Result<Vec<u8>> {
        match (sealed.first(), person) {
            (Some(&VERSION), Some(p)) => p.open(aad, sealed),
            (Some(&VERSION), None) => Err(Error::Crypto(format!(
                "{}.{} of {} was sealed for a person whose key is destroyed (erased)",
                aad.table, aad.column, aad.row
            ))),
            _ => self.open(aad, sealed),
        }
    }

    pub fn open_str_for(
        &self,
        person: Option<&PersonKey>,
        aad: Aad<'_>,
        sealed: &[u8],
    ) -> Result<String> {
        String::from_utf8(self.open_for(person, aad, sealed)?)
            .map_err(|_| Error::Crypto("decrypted text is not UTF-8".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_key_opens_only_its_own_fields() -> Result<()> {
        let e = Envelope::from_keys(5, [9; 32], [1; 32])?;
        let here = Aad {
            table: "people",
            column: "last_name",
            row: "p1",
        };
        let (mine, wrapped) = e.new_person_key("p1")?;
        let (theirs, _) = e.new_person_key("p2")?;
        let sealed = mine.seal_str(here, "Janssens")?;
        assert_eq!(e.open_str_for(Some(&mine), here, &sealed)?, "Janssens");
        let again = e.person_key("p1", &wrapped)?;
        assert_eq!(e.open_str_for(Some(&again), here, &sealed)?, "Janssens");
        assert!(e.open_for(Some(&theirs), here, &sealed).is_err());
        assert!(e.open_for(None, here, &sealed).is_err());
        // A wrapped key moved to another person does not unwrap.
        assert!(e.person_key("p2", &wrapped).is_err());
        // Fields sealed before per-person keys still open.
        let old = e.seal_str(here, "Peeters")?;
        assert_eq!(e.open_str_for(Some(&mine), here, &old)?, "Peeters");
        Ok(())
    }
}
