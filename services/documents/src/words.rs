//! The few words the program itself puts into a letter: dates written out, "unknown", and
//! where to get tested. In the four languages of the templates.

use chrono::{Datelike, NaiveDate};

const MONTHS: [[&str; 12]; 4] = [
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

fn index(lang: &str) -> usize {
    match lang {
        "nl" => 1,
        "de" => 2,
        "en" => 3,
        _ => 0,
    }
}

/// `20 novembre 2026`, `20 november 2026`, `20. November 2026`, `20 November 2026`.
pub fn long_date(lang: &str, d: NaiveDate) -> String {
    let month = MONTHS[index(lang)][d.month0() as usize];
    match lang {
        "de" => format!("{}. {month} {}", d.day(), d.year()),
        _ => format!("{} {month} {}", d.day(), d.year()),
    }
}

/// "Number" before a document's reference.
pub fn number_sign(lang: &str) -> &'static str {
    ["n°", "nr.", "Nr.", "No."][index(lang)]
}

/// What stands for a birth date the file does not have.
pub fn unknown(lang: &str) -> &'static str {
    ["(inconnue)", "(onbekend)", "(unbekannt)", "(unknown)"][index(lang)]
}

/// Where a prescription can be used.
pub fn test_places(lang: &str) -> &'static str {
    [
        "Vous pouvez vous faire tester dans tout centre de test ou laboratoire agréé ; la liste et les heures d'ouverture se trouvent sur le site des autorités de santé de votre région.",
        "U kunt zich laten testen in elk erkend testcentrum of laboratorium; de lijst en de openingsuren staan op de website van de gezondheidsoverheid van uw regio.",
        "Sie können sich in jedem zugelassenen Testzentrum oder Labor testen lassen; die Liste und die Öffnungszeiten finden Sie auf der Website der Gesundheitsbehörden Ihrer Region.",
        "You can be tested at any approved test centre or laboratory; the list and opening hours are on the website of your region's health authorities.",
    ][index(lang)]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(long_date("fr", d), "20 novembre 2026");
        assert_eq!(long_date("nl", d), "20 november 2026");
        assert_eq!(long_date("de", d), "20. November 2026");
        assert_eq!(long_date("en", d), "20 November 2026");
    }
}
