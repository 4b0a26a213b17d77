//! Password hashing with argon2id. Hashing is deliberately slow, so it runs on the blocking
//! thread pool and never stalls the async workers serving other requests.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// Hashes a password (argon2id, the crate's recommended parameters, random salt).
pub async fn hash(password: SecretString) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(password.expose_secret()))
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))?
}

fn hash_blocking(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))
}

/// Checks `password` against `stored`. Without a stored hash (unknown account) the same work
/// is done against a dummy hash, so timing does not reveal whether an account exists.
pub async fn verify(password: SecretString, stored: Option<String>) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let dummy;
        let stored = match &stored {
            Some(h) => h.as_str(),
            None => {
                dummy = dummy_hash()?;
                dummy.as_str()
            }
        };
        let parsed =
            PasswordHash::new(stored).map_err(|e| Error::Internal(format!("stored hash: {e}")))?;
        let ok = Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(ok && real)
    })
    .await
    .map_err(|e| Error::Internal(format!("hashing task: {e}")))?
}

static DUMMY: OnceLock<String> = OnceLock::new();

fn dummy_hash() -> Result<String> {
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let mut random = [0u8; 24];
    rand::rng().fill_bytes(&mut random);
    let h = hash_blocking(&hex::encode(random))?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() -> Result<()> {
        let h = hash(SecretString::from("correct horse")).await?;
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(SecretString::from("correct horse"), Some(h.clone())).await?);
        assert!(!verify(SecretString::from("wrong horse"), Some(h)).await?);
        assert!(!verify(SecretString::from("anything"), None).await?);
        Ok(())
    }
}
