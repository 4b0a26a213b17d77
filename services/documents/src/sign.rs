//! The signed payload a document's QR code holds, in the shape the EU Digital COVID
//! Certificate made familiar, so a checker needs nothing of ours but the public key:
//! a CBOR map of claims, signed as a tagged COSE_Sign1 (RFC 9052) with Ed25519 (`EdDSA`,
//! `kid` in the protected header), zlib-compressed, base45-encoded, prefixed `TC1:`.
//!
//! The signing key is derived from the blind-index root key (HKDF, its own label), so every
//! node signs with the same key without another secret to distribute, and it survives a
//! rotation of the master key. The public key is served as a JWK Set
//! (`GET /api/v1/documents/keys`), which checkers may pin.

use std::io::Write;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use coset::{CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{DocumentsError, Result};

/// The prefix of every code.
pub const PREFIX: &str = "TC1:";

/// What a document's code says about it: what a checker compares with an identity card
/// (name, birth date), what it is and how long it holds, where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Format version.
    pub v: u8,
    /// The issuing service, in the document's language.
    pub iss: String,
    /// The document's id.
    pub id: String,
    pub kind: String,
    /// The holder's name as printed.
    pub name: String,
    /// Birth date, YYYY-MM-DD, when known.
    pub dob: Option<String>,
    /// Valid from / until (inclusive), YYYY-MM-DD.
    pub from: String,
    pub until: String,
    /// Template release, `id@number`.
    pub rel: String,
    /// The signing key's id (base64url), as in the COSE header.
    pub kid: String,
    /// Issued at, Unix seconds.
    pub iat: i64,
}

/// The key documents are signed with.
#[derive(Clone)]
pub struct DocumentSigner {
    key: SigningKey,
    kid: [u8; 8],
}

impl std::fmt::Debug for DocumentSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentSigner")
            .field("kid", &self.kid_text())
            .finish_non_exhaustive()
    }
}

impl DocumentSigner {
    /// Derived from the deployment's blind-index root key.
    pub fn derive(root: &[u8]) -> Result<Self> {
        let mut seed = [0u8; 32];
        Hkdf::<Sha256>::new(None, root)
            .expand(b"tracecall document signing v1", &mut seed)
            .map_err(|e| DocumentsError::Internal(format!("signing key: {e}")))?;
        Ok(Self::from_seed(&seed))
    }

    pub fn from_seed(seed: &[u8; 32]) -> Self {
        let key = SigningKey::from_bytes(seed);
        let mut kid = [0u8; 8];
        kid.copy_from_slice(&Sha256::digest(key.verifying_key().as_bytes())[..8]);
        Self { key, kid }
    }

    pub fn kid_text(&self) -> String {
        B64URL.encode(self.kid)
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// The public key as a JWK Set (RFC 7517, OKP/Ed25519 per RFC 8037).
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({
            "keys": [{
                "kty": "OKP",
                "crv": "Ed25519",
                "alg": "EdDSA",
                "use": "sig",
                "kid": self.kid_text(),
                "x": B64URL.encode(self.key.verifying_key().as_bytes()),
            }]
        })
    }

    /// An Ed25519 signature over `bytes`, base64url (the revocation list's).
    pub fn sign_detached(&self, bytes: &[u8]) -> String {
        B64URL.encode(self.key.sign(bytes).to_bytes())
    }

    /// `TC1:` + base45(zlib(COSE_Sign1(CBOR claims))).
    pub fn encode(&self, claims: &Claims) -> Result<String> {
        let mut payload = Vec::new();
        ciborium::into_writer(claims, &mut payload)
            .map_err(|e| DocumentsError::Internal(format!("claims: {e}")))?;
        let protected = HeaderBuilder::new()
            .algorithm(coset::iana::Algorithm::EdDSA)
            .key_id(self.kid.to_vec())
            .build();
        let sign1 = CoseSign1Builder::new()
            .protected(protected)
            .payload(payload)
            .create_signature(b"", |data| self.key.sign(data).to_bytes().to_vec())
            .build();
        let cose = sign1
            .to_tagged_vec()
            .map_err(|e| DocumentsError::Internal(format!("COSE: {e}")))?;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&cose)
            .map_err(|e| DocumentsError::Internal(e.to_string()))?;
        let zipped = z
            .finish()
            .map_err(|e| DocumentsError::Internal(e.to_string()))?;
        Ok(format!("{PREFIX}{}", base45::encode(&zipped)))
    }
}

/// Decodes and checks a code against `key`: its claims, or why it is not valid.
pub fn verify(code: &str, key: &VerifyingKey) -> Result<Claims> {
    let bad = |what: &str| DocumentsError::Invalid(what.to_string());
    let body = code
        .trim()
        .strip_prefix(PREFIX)
        .ok_or_else(|| bad("the code does not start with TC1:"))?;
    let zipped = base45::decode(body).map_err(|_| bad("the code is not base45"))?;
    let mut cose = Vec::new();
    std::io::copy(
        &mut flate2::read::ZlibDecoder::new(zipped.as_slice()).take(64 * 1024),
        &mut cose,
    )
    .map_err(|_| bad("the code is not zlib-compressed"))?;
    let sign1 = CoseSign1::from_tagged_slice(&cose)
        .or_else(|_| CoseSign1::from_slice(&cose))
        .map_err(|_| bad("the code is not a COSE_Sign1"))?;
    sign1
        .verify_signature(b"", |sig, data| {
            let sig = ed25519_dalek::Signature::from_slice(sig).map_err(|_| ())?;
            key.verify(data, &sig).map_err(|_| ())
        })
        .map_err(|()| bad("the signature does not verify"))?;
    let payload = sign1.payload.ok_or_else(|| bad("the code has no claims"))?;
    ciborium::from_reader(payload.as_slice()).map_err(|_| bad("the claims are not readable"))
}

use std::io::Read as _;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            v: 1,
            iss: "Centre de suivi des contacts".into(),
            id: "d-1".into(),
            kind: "quarantine_certificate".into(),
            name: "Ana Peeters".into(),
            dob: Some("1985-07-30".into()),
            from: "2026-11-20".into(),
            until: "2026-11-29".into(),
            rel: "quarantine_certificate@1".into(),
            kid: String::new(),
            iat: 1_800_000_000,
        }
    }

    #[test]
    fn a_code_verifies_with_the_key_and_not_once_changed() {
        let signer = DocumentSigner::from_seed(&[7u8; 32]);
        let mut c = claims();
        c.kid = signer.kid_text();
        let code = signer.encode(&c).unwrap();
        assert!(code.starts_with("TC1:"));
        assert_eq!(verify(&code, &signer.public_key()).unwrap(), c);
        // Another key refuses it.
        let other = DocumentSigner::from_seed(&[8u8; 32]);
        assert!(verify(&code, &other.public_key()).is_err());
        // One byte of the signed structure changed: refused.
        let body = base45::decode(&code[4..]).unwrap();
        let mut cose = Vec::new();
        flate2::read::ZlibDecoder::new(body.as_slice())
            .read_to_end(&mut cose)
            .unwrap();
        let at = cose.len() - 70;
        cose[at] ^= 1;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&cose).unwrap();
        let tampered = format!("TC1:{}", base45::encode(z.finish().unwrap()));
        assert!(verify(&tampered, &signer.public_key()).is_err());
    }
}
