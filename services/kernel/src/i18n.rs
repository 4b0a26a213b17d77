//! Interface texts in every interface language, from one catalogue: the Fluent files under
//! `services/kernel/i18n/{lang}/{area}.ftl`, compiled into the binary. The Rust pages read
//! them (every page's template gets the map `t` of its language), the console's JavaScript
//! fetches its area as JSON (`/static/i18n/{lang}.json`), the access pages' scripts find
//! theirs in the page (`auth::admin_pages`), and validation messages come from the same
//! place. A test fails when an id is missing in any language.
//!
//! Messages are kept simple (text and `{ $name }` placeables) so the browser needs no Fluent
//! runtime: each message is resolved once by `fluent-bundle` at start, with its placeables
//! written back as `{name}`, and filled in by plain substitution.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use fluent_bundle::{FluentBundle, FluentResource};

/// The interface languages, in the order a language menu lists them.
pub const LANGUAGES: [&str; 4] = ["fr", "nl", "de", "en"];
/// The language used when a message is missing in the asked one (never, once tests pass).
pub const FALLBACK: &str = "en";

/// `(language, area, source)` of every catalogue file.
const FILES: &[(&str, &str, &str)] = &[
    ("en", "access", include_str!("../i18n/en/access.ftl")),
    ("en", "author", include_str!("../i18n/en/author.ftl")),
    ("en", "console", include_str!("../i18n/en/console.ftl")),
    ("en", "learn", include_str!("../i18n/en/learn.ftl")),
    ("en", "pages", include_str!("../i18n/en/pages.ftl")),
    ("en", "supervise", include_str!("../i18n/en/supervise.ftl")),
    (
        "en",
        "validation",
        include_str!("../i18n/en/validation.ftl"),
    ),
    ("fr", "access", include_str!("../i18n/fr/access.ftl")),
    ("fr", "author", include_str!("../i18n/fr/author.ftl")),
    ("fr", "console", include_str!("../i18n/fr/console.ftl")),
    ("fr", "learn", include_str!("../i18n/fr/learn.ftl")),
    ("fr", "pages", include_str!("../i18n/fr/pages.ftl")),
    ("fr", "supervise", include_str!("../i18n/fr/supervise.ftl")),
    (
        "fr",
        "validation",
        include_str!("../i18n/fr/validation.ftl"),
    ),
    ("nl", "access", include_str!("../i18n/nl/access.ftl")),
    ("nl", "author", include_str!("../i18n/nl/author.ftl")),
    ("nl", "console", include_str!("../i18n/nl/console.ftl")),
    ("nl", "learn", include_str!("../i18n/nl/learn.ftl")),
    ("nl", "pages", include_str!("../i18n/nl/pages.ftl")),
    ("nl", "supervise", include_str!("../i18n/nl/supervise.ftl")),
    (
        "nl",
        "validation",
        include_str!("../i18n/nl/validation.ftl"),
    ),
    ("de", "access", include_str!("../i18n/de/access.ftl")),
    ("de", "author", include_str!("../i18n/de/author.ftl")),
    ("de", "console", include_str!("../i18n/de/console.ftl")),
    ("de", "learn", include_str!("../i18n/de/learn.ftl")),
    ("de", "pages", include_str!("../i18n/de/pages.ftl")),
    ("de", "supervise", include_str!("../i18n/de/supervise.ftl")),
    (
        "de",
        "validation",
        include_str!("../i18n/de/validation.ftl"),
    ),
];

/// Every message of every language, resolved: language -> id -> text with `{name}` slots.
pub struct Catalog {
    texts: HashMap<&'static str, BTreeMap<String, String>>,
    /// Problems met while loading (a file that does not parse, a message that does not
    /// resolve), for the test that keeps the catalogue whole.
    pub problems: Vec<String>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::load);

/// The catalogue compiled into the binary.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// `lang` if it is an interface language, else the fallback.
pub fn supported(lang: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|l| **l == lang)
        .copied()
        .unwrap_or(FALLBACK)
}

/// The interface language for someone not logged in: `?lang=` when they chose one, else
/// the first interface language their browser asks for (`Accept-Language`, by weight), else
/// the fallback. A Belgian citizen's browser says `fr-BE` or `nl-BE`, not English.
pub fn for_visitor(chosen: Option<&str>, accept_language: Option<&str>) -> &'static str {
    if let Some(l) = chosen.and_then(|c| LANGUAGES.iter().find(|l| **l == c)) {
        return l;
    }
    let mut asked: Vec<(f32, &'static str)> = accept_language
        .unwrap_or_default()
        .split(',')
        .filter_map(|part| {
            let mut bits = part.trim().split(';');
            let tag = bits.next()?.trim().to_ascii_lowercase();
            let primary = tag.split('-').next()?.to_string();
            let weight = bits
                .find_map(|b| b.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                .unwrap_or(1.0);
            let lang = LANGUAGES.iter().find(|l| **l == primary)?;
            (weight > 0.0).then_some((weight, *lang))
        })
        .collect();
    // Stable: of equal weight, the browser's order.
    asked.sort_by(|a, b| b.0.total_cmp(&a.0));
    asked.first().map_or(FALLBACK, |(_, l)| l)
}

impl Catalog {
    fn load() -> Self {
        let mut texts: HashMap<&'static str, BTreeMap<String, String>> = HashMap::new();
        let mut problems = Vec::new();
        for (lang, area, source) in FILES {
            let resource = match FluentResource::try_new((*source).to_string()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    problems.push(format!("{lang}/{area}.ftl: {errors:?}"));
                    r
                }
            };
            let mut bundle: FluentBundle<&FluentResource> = FluentBundle::new(Vec::new());
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(&resource) {
                problems.push(format!("{lang}/{area}.ftl: {errors:?}"));
            }
            let into = texts.entry(lang).or_default();
            for id in ids(source) {
                let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                    problems.push(format!("{lang}/{area}.ftl: {id} has no value"));
                    continue;
                };
                // No arguments: every `{ $name }` comes out as `{$name}`, kept as `{name}`.
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                into.insert(id.to_string(), text.replace("{$", "{"));
            }
        }
        Self { texts, problems }
    }

    /// Every message of `lang` (an unknown language gets the fallback's).
    pub fn messages(&self, lang: &str) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.texts
            .get(supported(lang))
            .or_else(|| self.texts.get(FALLBACK))
            .unwrap_or(&EMPTY)
    }

    /// The messages of `lang` whose id starts with `prefix` (`console-` for the browser).
    pub fn area(&self, lang: &str, prefix: &str) -> BTreeMap<String, String> {
        self.messages(lang)
            .range(prefix.to_string()..)
            .take_while(|(id, _)| id.starts_with(prefix))
            .map(|(id, text)| (id.clone(), text.clone()))
            .collect()
    }

    /// The text `id` in `lang` (English when `lang` lacks it), or `fallback` when no
    /// language has it: a province added to `postal` still shows, by its name.
    pub fn text_or(&self, lang: &str, id: &str, fallback: &str) -> String {
        let text = self.text(lang, id, &[]);
        if text == id {
            fallback.to_string()
        } else {
            text
        }
    }

    /// The text `id` in `lang` with `{name}` slots filled from `args`; the fallback
    /// language's when `lang` lacks it, the id itself when nobody has it.
    pub fn text(&self, lang: &str, id: &str, args: &[(&str, &str)]) -> String {
        let template = self
            .messages(lang)
            .get(id)
            .or_else(|| self.messages(FALLBACK).get(id))
            .map(String::as_str)
            .unwrap_or(id);
        let mut out = template.to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// The message ids a Fluent source defines (`id = ...` at the start of a line).
fn ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let first = id.chars().next()?;
        (first.is_ascii_alphabetic()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then_some(id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let c = catalog();
        assert!(c.problems.is_empty(), "{:#?}", c.problems);
        let all: std::collections::BTreeSet<&String> = LANGUAGES
            .iter()
            .flat_map(|l| c.messages(l).keys())
            .collect();
        for lang in LANGUAGES {
            let missing: Vec<&&String> = all
                .iter()
                .filter(|id| !c.messages(lang).contains_key(**id))
                .collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            for (id, text) in c.messages(lang) {
                assert!(!text.trim().is_empty(), "{lang}: {id} is empty");
            }
        }
        assert!(all.len() > 200, "the catalogue loaded ({} ids)", all.len());
    }

    #[test]
    fn placeables_come_back_as_slots_and_fill_in() {
        let c = catalog();
        let line = c.text("en", "learn-passed-count", &[("n", "2"), ("total", "5")]);
        assert_eq!(line, "2 of 5 courses passed");
        assert!(c.messages("fr")["learn-passed-count"].contains("{n}"));
        assert_eq!(c.text("xx", "learn-course", &[]), "Course");
        assert_eq!(c.text("de", "no-such-id", &[]), "no-such-id");
    }

    #[test]
    fn the_browser_gets_the_console_area_only() {
        let area = catalog().area("nl", "console-");
        assert!(area.keys().all(|k| k.starts_with("console-")));
        assert!(area.contains_key("console-ui-language"));
    }
}

#[cfg(test)]
mod visitor_tests {
    use super::for_visitor;

    #[test]
    fn a_visitor_gets_their_browsers_language_or_their_choice() {
        assert_eq!(for_visitor(None, Some("nl-BE,nl;q=0.9,en;q=0.8")), "nl");
        assert_eq!(for_visitor(None, Some("en;q=0.5, fr-BE")), "fr");
        assert_eq!(for_visitor(None, Some("es, de;q=0.3")), "de");
        assert_eq!(for_visitor(None, Some("es")), "en");
        assert_eq!(for_visitor(None, None), "en");
        assert_eq!(for_visitor(Some("de"), Some("fr")), "de");
        assert_eq!(for_visitor(Some("xx"), Some("fr")), "fr");
    }
}
