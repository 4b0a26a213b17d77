//! Blind-index tokens: keyed HMAC-SHA256 of normalised values, so the database can find
//! "the person with this phone" without holding the phone.
//!
//! Each token kind (`phone`, `nn`, `name`, `prefix`, ...) has its own key, derived with
//! HKDF-SHA256 from the blind-index root key (stored wrapped by the master key like a data
//! key). Separate keys mean the tokens of one kind say nothing about another's even to
//! someone who learns one kind's key (a partner matching phone numbers, say), and deriving
//! from the root rather than from the master key means rotating the master key does not force
//! re-computing every token.
//!
//! Tokens are truncated to `bits` bits (configuration `crypto.token_bits`, 16 to 63, default
//! 32). The trade-off: fewer bits make more unrelated values share a token, which a reader of
//! the index cannot tell apart (less is revealed about who shares a phone or a name), at the
//! price of more candidate rows that the server discards after decrypting them. The search
//! documentation gives the false-candidate rate at 10 million people.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type Keyed = Hmac<Sha256>;

/// The kinds every node computes often, keyed once at start (a keyed HMAC is cloned per
/// token instead of hashing its key again).
const KINDS: [&str; 10] = [
    "nn",
    "phone",
    "dob",
    "name",
    "prefix",
    "phon",
    "pair",
    "year",
    "request_email",
    "request_name",
];

pub struct BlindIndex {
    root: [u8; 32],
    keyed: Vec<(&'static str, Keyed)>,
    bits: u32,
}

impl std::fmt::Debug for BlindIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BlindIndex({} bits)", self.bits)
    }
}

/// The key of token kind `kind`: HKDF-SHA256 of the root, the kind in the info.
fn kind_key(root: &[u8; 32], kind: &str) -> Option<Keyed> {
    let mut key = [0u8; 32];
    let hk = Hkdf::<Sha256>::new(Some(b"tracecall-blind-index"), root);
    hk.expand_multi_info(&[b"v2/", kind.as_bytes()], &mut key)
        .ok()?;
    Keyed::new_from_slice(&key).ok()
}

impl BlindIndex {
    pub fn new(root: &[u8; 32], bits: u32) -> Self {
        let keyed = KINDS
            .iter()
            .filter_map(|kind| kind_key(root, kind).map(|k| (*kind, k)))
            .collect();
        Self {
            root: *root,
            keyed,
            bits: bits.clamp(16, 63),
        }
    }

    /// The token of `value` of kind `kind`, with that kind's own key.
    pub fn token(&self, kind: &str, value: &str) -> i64 {
        let mac = match self.keyed.iter().find(|(k, _)| *k == kind) {
            Some((_, mac)) => Some(mac.clone()),
            None => kind_key(&self.root, kind),
        };
        let Some(mut mac) = mac else {
            return 0;
        };
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
        // A kind keyed at start and one derived on the fly agree with a fresh derivation.
        let fresh = kind_key(&[1; 32], "phone").map(|mut m| {
            m.update(b"x");
            m.finalize().into_bytes()[0]
        });
        assert_eq!(fresh, Some((a.token("phone", "x") >> 24) as u8));
        assert_eq!(a.token("other", "x"), a.token("other", "x"));
        assert_ne!(a.token("other", "x"), a.token("name", "x"));
        assert!(a.token("phone", "+32470123456") < (1 << 32));
        assert!(a.token("phone", "+32470123456") >= 0);
    }
}
