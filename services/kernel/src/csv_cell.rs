//! Cells of the CSV files the platform writes, made safe to open in a spreadsheet.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
//! LibreOffice and Google Sheets as a formula ("CSV injection"): a campaign named
//! `=HYPERLINK(...)` would run in the epidemiologist's spreadsheet. Such a cell is written
//! with a leading apostrophe, which spreadsheets show as text and do not evaluate (the OWASP
//! recommendation). Every CSV writer of every service passes its text cells through
//! [`neutralise`].

use std::borrow::Cow;

/// `cell`, prefixed with `'` when a spreadsheet would read it as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text_and_the_rest_is_untouched() {
        for bad in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for fine in [
            "",
            "Index cases",
            "BRU",
            "6-9",
            "2026-11-29",
            "'quoted",
            "0.5000",
        ] {
            assert_eq!(neutralise(fine), fine);
        }
    }
}
