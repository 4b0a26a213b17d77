//! Names as search keys: normalisation, particles, prefixes and a phonetic code.
//!
//! Normalisation lowercases, folds accents (`é` → `e`), treats `ü`/`ue`, `ö`/`oe`, `ä`/`ae`
//! alike (so Müller, Mueller and Muller meet), and splits on spaces, hyphens and apostrophes.
//! Particles (van, de, van den, el, ...) stay findable both joined to the name
//! (`vandenberg`) and apart (`berg`).
//!
//! The phonetic code is our own small one for Dutch and French spelling, because the classic
//! codes (Soundex, Metaphone) encode English spelling rules: here `ij`/`ei`/`y`, `ch`/`g`,
//! `ph`/`f`, `ck`/`c`/`k`/`q`, `z`/`s`, `w`/`v`, `dt`/`d`/`t` are merged, doubled letters
//! collapse, and vowels after the first letter are reduced to one vowel sign. It is a coarse
//! key: it finds Janssens for Jansens and Peeters for Pieters; the server then ranks exact and
//! prefix matches above it.

use unicode_normalization::UnicodeNormalization;

const PARTICLES: [&str; 14] = [
    "van", "de", "der", "den", "het", "ten", "ter", "te", "vande", "vander", "le", "la", "du", "el",
];

/// Lowercase, accents folded, `ue`-style digraphs merged, only `a-z` and spaces left.
pub fn normalize(s: &str) -> String {
    let folded: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii_lowercase() {
                c
            } else if c == 'ß' {
                's'
            } else {
                ' '
            }
        })
        .collect();
    let merged = folded
        .replace("ue", "u")
        .replace("oe", "o")
        .replace("ae", "a");
    merged.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `word` (normalised) is a particle (`van`, `de`, `el`...): names are not findable
/// by a particle alone, so a query drops its particles ("Marie De Smet" looks for marie and
/// smet).
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// The words a name is findable by: each word without particles, the whole name joined, and
/// the name without its particles joined.
pub fn name_keys(name: &str) -> Vec<String> {
    let norm = normalize(name);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s.len() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    };
    for w in &words {
        if !PARTICLES.contains(w) || words.len() == 1 {
            push((*w).to_string());
        }
    }
    if words.len() > 1 {
        push(words.concat());
        push(
            words
                .iter()
                .filter(|w| !PARTICLES.contains(w))
                .copied()
                .collect::<Vec<_>>()
                .concat(),
        );
    }
    out
}

/// The shortest prefix a name is findable by: two letters would tell a reader of the token
/// table (and a searcher) too little apart from too many people.
pub const PREFIX_MIN: usize = 3;
/// The longest prefix kept as a token: a longer typed prefix looks up its first six letters
/// and the server checks the rest after decrypting, which keeps the tokens per person few.
pub const PREFIX_MAX: usize = 6;

/// The proper prefixes a name is findable by (`jan`, `jans`, ... for `janssens`), from
/// [`PREFIX_MIN`] to [`PREFIX_MAX`] letters; the whole name is its own, exact token.
pub fn prefixes(word: &str) -> impl Iterator<Item = &str> {
    let max = word.len().saturating_sub(1).min(PREFIX_MAX);
    (PREFIX_MIN..=max).map(move |n| &word[..n])
}

/// The prefix token a typed word looks up: itself up to [`PREFIX_MAX`] letters, else its
/// first [`PREFIX_MAX`]; `None` below [`PREFIX_MIN`].
pub fn query_prefix(word: &str) -> Option<&str> {
    (word.len() >= PREFIX_MIN).then(|| &word[..word.len().min(PREFIX_MAX)])
}

/// The Dutch/French phonetic key of one normalised word.
pub fn phonetic(word: &str) -> String {
    let mut s = word.to_string();
    for (from, to) in [
        ("sch", "s"),
        ("ch", "g"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("qu", "k"),
        ("ij", "y"),
        ("ei", "y"),
        ("ey", "y"),
        ("dt", "t"),
        ("gh", "g"),
        ("ou", "u"),
        ("eau", "o"),
        ("au", "o"),
        ("ie", "i"),
        ("ee", "e"),
    ] {
        s = s.replace(from, to);
    }
    let mapped: Vec<char> = s
        .chars()
        .map(|c| match c {
            'c' | 'q' => 'k',
            'z' => 's',
            'w' => 'v',
            'd' => 't',
            'x' => 'k',
            'h' => ' ',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => '*',
            other => other,
        })
        .collect();
    let mut out = String::new();
    let mut last = ' ';
    for (i, c) in mapped.into_iter().enumerate() {
        let c = if i == 0 && c == '*' {
            word.chars().next().unwrap_or('*')
        } else {
            c
        };
        if c == ' ' || c == last {
            continue;
        }
        out.push(c);
        last = c;
    }
    // French silent endings: a final t or s after a consonant cluster sounds alike.
    while out.len() > 2 && (out.ends_with('s') || out.ends_with('t')) && !out.ends_with("*s") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_accents_and_digraphs() {
        assert_eq!(
            normalize("  Müller-Lüdenscheidt "),
            "mller ldenscheidt"
                .replace("mller", "muller")
                .replace("ldenscheidt", "ludenscheidt")
        );
        assert_eq!(normalize("Mueller"), normalize("Müller"));
        assert_eq!(normalize("Élodie D'Hondt"), "elodie d hondt");
    }

    #[test]
    fn particles_are_findable_joined_and_apart() {
        let keys = name_keys("van den Berg");
        assert!(keys.contains(&"berg".to_string()), "{keys:?}");
        assert!(keys.contains(&"vandenberg".to_string()), "{keys:?}");
        assert!(!keys.contains(&"van".to_string()), "{keys:?}");
        assert_eq!(
            name_keys("El Amrani"),
            vec!["amrani".to_string(), "elamrani".to_string()]
        );
    }

    #[test]
    fn phonetic_variants_meet() {
        assert_eq!(phonetic("janssens"), phonetic("jansens"));
        assert_eq!(phonetic("peeters"), phonetic("pieters"));
        assert_eq!(phonetic("claes"), phonetic("klaas"));
        assert_eq!(phonetic("de smedt"), phonetic("de smet"));
        assert_ne!(phonetic("janssens"), phonetic("peeters"));
    }

    #[test]
    fn prefixes_run_from_three_to_six_letters() {
        assert_eq!(prefixes("jans").collect::<Vec<_>>(), vec!["jan"]);
        assert_eq!(
            prefixes("janssens").collect::<Vec<_>>(),
            vec!["jan", "jans", "janss", "jansse"]
        );
        assert_eq!(prefixes("li").count(), 0);
        assert_eq!(query_prefix("janssens"), Some("jansse"));
        assert_eq!(query_prefix("ja"), None);
    }
}
