//! Keys and encryption: master keys ([`keyring`]) wrap data keys, data keys seal personal
//! data ([`envelope`]), and a key derived from a wrapped root makes blind-index tokens
//! ([`blind`]) so that encrypted values can still be found.
//!
//! B4 (`cargo bench -p kernel --bench b4_aead`, 256-byte fields, one core of this 2-core
//! machine): see `envelope` for the figures and the choice of `ring`.

pub mod blind;
pub mod envelope;
pub mod keyring;
pub mod person;

use base64::Engine;
use secrecy::{ExposeSecret, SecretBox};

use crate::error::{Error, Result};

/// 32 secret bytes that never print.
pub struct MasterKey(SecretBox<[u8; 32]>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(SecretBox::new(Box::new(bytes)))
    }

    pub fn expose(&self) -> &[u8; 32] {
        self.0.expose_secret()
    }

    /// Parses base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| Error::Config("master key: not valid base64".into()))?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|v: Vec<u8>| {
            Error::Config(format!("master key: {} bytes, expected 32", v.len()))
        })?;
        Ok(Self::from_bytes(bytes))
    }
}
