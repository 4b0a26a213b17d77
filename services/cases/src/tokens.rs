//! Which blind-index tokens a person gets, and which a query looks for.

use kernel::crypto::blind::BlindIndex;

use crate::names::{name_keys, phonetic, prefixes};
use crate::person::PersonIn;

/// How a query word can match a name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    Phonetic = 1,
    Prefix = 2,
    Exact = 3,
}

/// All tokens of a person (identifiers, names, their prefixes and phonetic keys).
pub fn person_tokens(blind: &BlindIndex, p: &PersonIn) -> Vec<i64> {
    let mut out = Vec::new();
    if let Some(nn) = &p.national_number {
        out.push(blind.token("nn", nn.as_str()));
    }
    if let Some(phone) = &p.phone {
        out.push(blind.token("phone", phone.as_str()));
    }
    if let Some(d) = p.birth_date {
        out.push(blind.token("dob", &d.format("%Y-%m-%d").to_string()));
    }
    for name in [&p.first_name, &p.last_name] {
        for key in name_keys(name) {
            out.push(blind.token("name", &key));
            out.push(blind.token("phon", &phonetic(&key)));
            for pre in prefixes(&key) {
                out.push(blind.token("prefix", pre));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The tokens one query word looks for, with the kind of match each means.
pub fn word_tokens(blind: &BlindIndex, word: &str) -> Vec<(i64, NameMatch)> {
    let mut out = vec![
        (blind.token("name", word), NameMatch::Exact),
        (blind.token("phon", &phonetic(word)), NameMatch::Phonetic),
    ];
    if word.len() >= 2 {
        out.push((blind.token("prefix", word), NameMatch::Prefix));
    }
    out
}

/// How `word` (normalised) matches a decrypted name, if at all: the check after the token
/// lookup, which removes candidates that only share a truncated token.
pub fn verify_word(word: &str, name: &str) -> Option<NameMatch> {
    let keys = name_keys(name);
    if keys.iter().any(|k| k == word) {
        Some(NameMatch::Exact)
    } else if keys.iter().any(|k| k.starts_with(word) && word.len() >= 2) {
        Some(NameMatch::Prefix)
    } else if keys.iter().any(|k| phonetic(k) == phonetic(word)) {
        Some(NameMatch::Phonetic)
    } else {
        None
    }
}
