//! A person and a case as the platform receives them, already parsed (parse, don't validate):
//! identifiers are newtypes that only hold valid values.

use chrono::{Datelike, NaiveDate};
use scripting::ident::{NationalNumber, PhoneE164};

kernel::text_enum! {
    /// An index case (tested positive) or one of its contacts.
    #[derive(utoipa::ToSchema)]
    pub enum CaseType {
        Index = "index",
        Contact = "contact",
    }
}

kernel::text_enum! {
    /// Where a case is in its follow-up; a closed case can reopen.
    #[derive(utoipa::ToSchema)]
    pub enum CaseStatus {
        Open = "open",
        InProgress = "in_progress",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, Default)]
pub struct PersonIn {
    pub national_number: Option<NationalNumber>,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<String>,
    pub phone: Option<PhoneE164>,
    pub email: Option<String>,
    pub language: Option<String>,
    pub postal_code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CaseIn {
    pub case_type: CaseType,
    pub index_case_code: Option<String>,
    pub test_date: Option<NaiveDate>,
    pub exposure_date: Option<NaiveDate>,
}

/// The Belgian province (or Brussels) of a postal code, the region exports aggregate by.
pub fn province(postal_code: &str) -> Option<&'static str> {
    kernel::postal::province(postal_code).map(|p| p.code)
}

/// Ten-year age band on `on` (`0-9`, ..., `80+`).
pub fn age_band(birth: NaiveDate, on: NaiveDate) -> String {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    match age.max(0) {
        a if a >= 80 => "80+".into(),
        a => format!("{}-{}", a / 10 * 10, a / 10 * 10 + 9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_and_bands() {
        assert_eq!(province("1000"), Some("BRU"));
        assert_eq!(province("3001"), Some("VBR"));
        assert_eq!(province("9000"), Some("OVL"));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(age_band(d(1985, 7, 30), d(2026, 7, 29)), "40-49");
        assert_eq!(age_band(d(1985, 7, 30), d(2025, 7, 29)), "30-39");
        assert_eq!(age_band(d(1930, 1, 1), d(2026, 1, 1)), "80+");
    }
}
