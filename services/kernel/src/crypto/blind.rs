//! Blind-index tokens: keyed HMAC-SHA256 of normalised values, so the database can find
//! "the person with this phone" without holding the phone.
//!
//! The token key is derived with HKDF-SHA256 from the blind-index root key, which is stored
//! wrapped by the master key like a data key. Deriving from that root rather than from the
//! master key itself means rotating the master key does not force re-computing every token.
//!
//! Tokens are truncated to `bits` bits (configuration `crypto.token_bits`, 16 to 63, default
//! 32). The trade-off: fewer bits make more unrelated values share a token, which a reader of
//! the index cannot tell apart (less is revealed about who shares a phone or a name), at the
//! price of more candidate rows that the server discards after decrypting them. With 32 bits
//! and 10 million people the false-candidate rate per exact lookup is well under one row.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub struct BlindIndex {
    key: [u8; 32],
    bits: u32,
}

impl std::fmt::Debug for BlindIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BlindIndex({} bits)", self.bits)
    }
}

impl BlindIndex {
    pub fn new(root: &[u8; 32], bits: u32) -> Self {
        let mut key = [0u8; 32];
        let hk = Hkdf::<Sha256>::new(Some(b"tracecall-blind-index"), root);
        // 32 bytes is always a valid HKDF-SHA256 output length.
        let _ = hk.expand(b"v1", &mut key);
        Self {
            key,
            bits: bits.clamp(16, 63),
        }
    }

    /// The token of `value` of kind `kind` (`phone`, `nn`, `name`, ...): the kind is part of
    /// the input, so equal texts of different kinds do not collide by construction.
    pub fn token(&self, kind: &str, value: &str) -> i64 {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return 0;
        };
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        let out = mac.finalize().into_bytes();
        let mut first = [0u8; 8];
        first.copy_from_slice(&out[..8]);
        (u64::from_be_bytes(first) >> (64 - self.bits)) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_keyed_truncated_and_kind_separated() {
        let a = BlindIndex::new(&[1; 32], 32);
        let b = BlindIndex::new(&[2; 32], 32);
        assert_eq!(
            a.token("phone", "+32470123456"),
            a.token("phone", "+32470123456")
        );
        assert_ne!(
            a.token("phone", "+32470123456"),
            b.token("phone", "+32470123456")
        );
        assert_ne!(a.token("phone", "x"), a.token("name", "x"));
        assert!(a.token("phone", "+32470123456") < (1 << 32));
        assert!(a.token("phone", "+32470123456") >= 0);
    }
}
