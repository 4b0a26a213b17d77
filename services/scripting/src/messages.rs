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

/// "Enter a value between 35 and 42.5": the range a number field allows, in `lang` (with the
/// language's decimal separator).
pub fn range_message(field: &crate::model::Field, lang: &str) -> String {
    let number = |n: f64| {
        let text = if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        };
        if lang == "en" {
            text
        } else {
            text.replace('.', ",")
        }
    };
    let catalog = kernel::i18n::catalog();
    match (field.min, field.max) {
        (Some(min), Some(max)) => catalog.text(
            lang,
            "validation-between",
            &[("min", &number(min)), ("max", &number(max))],
        ),
        (Some(min), None) => catalog.text(lang, "validation-at-least", &[("min", &number(min))]),
        (None, Some(max)) => catalog.text(lang, "validation-at-most", &[("max", &number(max))]),
        (None, None) => message("out_of_range", lang),
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
