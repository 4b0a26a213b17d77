//! Validation messages in the agent's language, from the one catalogue (`validation-*` in
//! `services/kernel/i18n`). Codes are stable and machine-readable; messages are for people.
//! Unknown languages fall back to English, unknown codes to the generic message.

/// The message for `code` in `lang`.
pub fn message(code: &str, lang: &str) -> String {
    let catalog = kernel::i18n::catalog();
    let id = format!("validation-{}", code.replace('_', "-"));
    if catalog.messages(kernel::i18n::FALLBACK).contains_key(&id) {
        catalog.text(lang, &id, &[])
    } else {
        catalog.text(lang, "validation-constraint", &[])
    }
}

/// The text of `texts` in `lang`, else English, else any.
pub fn pick<'a>(texts: &'a crate::model::Texts, lang: &str) -> &'a str {
    texts
        .get(lang)
        .or_else(|| texts.get("en"))
        .or_else(|| texts.values().next())
        .map(String::as_str)
        .unwrap_or("")
}
