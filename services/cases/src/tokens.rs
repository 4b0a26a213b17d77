//! Which blind-index tokens a person gets, and which a query looks for.
//!
//! A person holds, each kind under its own key: their national number, phone and birth
//! date; for every name key (first names and surnames, particles joined and apart) the
//! whole key, its phonetic code and its prefixes of three to six letters; for every first
//! name with every surname, the pair of the first name and the surname (whole and each of its
//! prefixes); and every surname with the birth year. A typical person (one first name, one
//! surname of seven letters, all identifiers) holds 19 tokens. The pairs and the years are
//! there so a query of a common first name and a few letters of a surname, or of a name and a
//! birth year, can start from a token few people hold instead of intersecting two crowds.

use chrono::Datelike;
use kernel::crypto::blind::BlindIndex;

use crate::names::{name_keys, phonetic, prefixes, query_prefix};
use crate::person::PersonIn;

/// How a query word can match a name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    Phonetic = 1,
    Prefix = 2,
    Exact = 3,
}

/// All tokens of a person (identifiers, names, their prefixes and phonetic keys, pairs).
pub fn person_tokens(blind: &BlindIndex, p: &PersonIn) -> Vec<i64> {
    let mut out = Vec::with_capacity(24);
    if let Some(nn) = &p.national_number {
        out.push(blind.token("nn", nn.as_str()));
    }
    if let Some(phone) = &p.phone {
        out.push(blind.token("phone", phone.as_str()));
    }
    if let Some(d) = p.birth_date {
        out.push(blind.token("dob", &d.format("%Y-%m-%d").to_string()));
    }
    let firsts = name_keys(&p.first_name);
    let lasts = name_keys(&p.last_name);
    for key in firsts.iter().chain(&lasts) {
        out.push(blind.token("name", key));
        out.push(blind.token("phon", &phonetic(key)));
        for pre in prefixes(key) {
            out.push(blind.token("prefix", pre));
        }
    }
    for first in &firsts {
        for last in &lasts {
            out.push(blind.token("pair", &pair(first, last)));
            for pre in prefixes(last) {
                out.push(blind.token("pair", &pair(first, pre)));
            }
        }
    }
    if let Some(d) = p.birth_date {
        for last in &lasts {
            out.push(blind.token("year", &year(last, d.year())));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn pair(first: &str, last: &str) -> String {
    format!("{first} {last}")
}

fn year(last: &str, year: i32) -> String {
    format!("{last} {year}")
}

/// The tokens of one query word, each with the kind of match it means: a person matches
/// the word if they hold one.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub tokens: Vec<(i64, NameMatch)>,
}

impl Group {
    pub fn all(&self) -> Vec<i64> {
        self.tokens.iter().map(|(t, _)| *t).collect()
    }
}

/// The tokens one query word looks for: a person matches the word if they hold one.
pub fn word_tokens(blind: &BlindIndex, word: &str) -> Group {
    let mut tokens = vec![
        (blind.token("name", word), NameMatch::Exact),
        (blind.token("phon", &phonetic(word)), NameMatch::Phonetic),
    ];
    if let Some(pre) = query_prefix(word) {
        tokens.push((blind.token("prefix", pre), NameMatch::Prefix));
    }
    Group { tokens }
}

/// The shortcuts of a query, with the rank of what holding one means: a first name with the
/// (start of a) surname for every two words in either order (3 whole, 2 a prefix), and every
/// word as a surname with the birth year when one was typed (4: it says the most). Holders
/// of a shortcut match both parts exactly or by prefix, never phonetically.
pub fn shortcuts(blind: &BlindIndex, words: &[String], birth_year: Option<i32>) -> Vec<(i64, u32)> {
    let mut out = Vec::new();
    for (i, first) in words.iter().enumerate() {
        for (j, last) in words.iter().enumerate() {
            if i == j {
                continue;
            }
            out.push((blind.token("pair", &pair(first, last)), 3));
            if let Some(pre) = query_prefix(last) {
                out.push((blind.token("pair", &pair(first, pre)), 2));
            }
        }
    }
    if let Some(y) = birth_year {
        out.extend(words.iter().map(|w| (blind.token("year", &year(w, y)), 4)));
    }
    out
}

/// How `word` (normalised) matches a decrypted name, if at all: the check after the token
/// lookup, which removes candidates that only share a truncated token or a cut prefix.
pub fn verify_word(word: &str, name: &str) -> Option<NameMatch> {
    let keys = name_keys(name);
    if keys.iter().any(|k| k == word) {
        Some(NameMatch::Exact)
    } else if word.len() >= crate::names::PREFIX_MIN && keys.iter().any(|k| k.starts_with(word)) {
        Some(NameMatch::Prefix)
    } else if keys.iter().any(|k| phonetic(k) == phonetic(word)) {
        Some(NameMatch::Phonetic)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typical_person_holds_nineteen_tokens() {
        let blind = BlindIndex::new(&[7; 32], 32);
        let p = PersonIn {
            first_name: "Marie".into(),
            last_name: "Peeters".into(),
            national_number: scripting::ident::NationalNumber::parse("85073003328").ok(),
            phone: scripting::ident::PhoneE164::parse("+32470123456").ok(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1985, 7, 30),
            ..PersonIn::default()
        };
        // 3 identifiers; marie: name, phonetic, 2 prefixes; peeters: name, phonetic, 4
        // prefixes; 5 pairs; 1 surname with year.
        assert_eq!(person_tokens(&blind, &p).len(), 19);
    }
}
