//! Signing exports with Ed25519 over the exact body bytes. The institute checks
//! `Tracecall-Signature: ed25519=BASE64` with the public key served at
//! `GET /api/v1/exports/public-key`.
//!
//! The key is the configured seed, else one derived (HKDF-SHA256) from the blind-index root
//! key: that key is the same on every node and survives master key rotation (rotation
//! re-wraps it), so the institute pins one public key.

use base64::Engine;
use ed25519_dalek::{Signer as _, SigningKey};
use hkdf::Hkdf;
use secrecy::ExposeSecret;
use sha2::Sha256;

use crate::config::ExporterConfig;
use crate::error::{ExportError, Result};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

#[derive(Clone)]
pub struct Signer {
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("public_key", &self.public_key())
            .finish()
    }
}

impl Signer {
    pub fn new(k: &kernel::Kernel, cfg: &ExporterConfig) -> Result<Self> {
        let seed: [u8; 32] = match &cfg.signing_key {
            Some(s) => B64
                .decode(s.expose_secret().trim())
                .ok()
                .and_then(|v| v.try_into().ok())
                .ok_or_else(|| {
                    ExportError::Config("exporter.signing_key is base64 of 32 bytes".into())
                })?,
            None => {
                let mut out = [0u8; 32];
                Hkdf::<Sha256>::new(None, k.envelope.index_root())
                    .expand(b"tracecall export signing v1", &mut out)
                    .map_err(|e| ExportError::Config(format!("signing key: {e}")))?;
                out
            }
        };
        Ok(Self {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// `ed25519=BASE64` of the signature over `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        format!("ed25519={}", B64.encode(self.key.sign(body).to_bytes()))
    }

    /// The public key, base64 of its 32 bytes.
    pub fn public_key(&self) -> String {
        B64.encode(self.key.verifying_key().to_bytes())
    }
}
