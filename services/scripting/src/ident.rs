//! Identifiers that can only hold valid values: parse, don't validate.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Belgian national register number (or BIS number), 11 digits, checksum verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NationalNumber(String);

impl NationalNumber {
    /// Accepts separators (`85.07.30-033.28`, spaces). The check number is 97 minus the first
    /// nine digits modulo 97; for people born from 2000 on, the digit 2 is put in front of
    /// those nine digits first. BIS numbers add 20 or 40 to the month (with the same rules);
    /// a month or day of 0 stands for an unknown birth date.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '/'))
            .collect();
        if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("a national number has 11 digits");
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u64>().unwrap_or(u64::MAX);
        let month = num(2..4);
        let day = num(4..6);
        let real_month = match month {
            0..=12 => month,
            20..=32 => month - 20,
            40..=52 => month - 40,
            _ => return Err("the month part of the national number is impossible"),
        };
        if real_month > 12 || day > 31 {
            return Err("the birth date part of the national number is impossible");
        }
        let base = num(0..9);
        let check = num(9..11);
        let before_2000 = 97 - base % 97 == check;
        let from_2000 = 97 - (2_000_000_000 + base) % 97 == check;
        if !(before_2000 || from_2000) {
            return Err("the check digits of the national number do not match");
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NationalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number in E.164 (`+32470123456`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneE164(String);

impl PhoneE164 {
    /// Accepts the common ways of writing a number (`0470/12.34.56`, `+32 470 12 34 56`,
    /// `0032470123456`); numbers without a country code are Belgian.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '/' | '-' | '(' | ')'))
            .collect();
        let cleaned = match cleaned.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => cleaned,
        };
        if cleaned.len() < 6 || cleaned.len() > 20 {
            return Err("not a phone number");
        }
        let number = phonenumber::parse(Some(phonenumber::country::Id::BE), &cleaned)
            .map_err(|_| "not a phone number")?;
        if !phonenumber::is_valid(&number) {
            return Err("not a valid phone number");
        }
        Ok(Self(
            number.format().mode(phonenumber::Mode::E164).to_string(),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Belgian postal code (1000 to 9999).
pub fn parse_postal_code(input: &str) -> Result<String, &'static str> {
    let t = input.trim();
    match t.parse::<u16>() {
        Ok(n) if t.len() == 4 && (1000..=9999).contains(&n) => Ok(t.to_string()),
        _ => Err("a Belgian postal code has 4 digits, 1000 to 9999"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_numbers() {
        // Born 1985-07-30: 97 - (850730033 % 97) = 28? Computed, not guessed:
        let base = 850_730_033u64;
        let check = 97 - base % 97;
        let valid = format!("{base}{check:02}");
        assert!(NationalNumber::parse(&valid).is_ok());
        let wrong = format!("{base}{:02}", (check % 97) + 1);
        assert!(NationalNumber::parse(&wrong).is_err());
        // Born in 2001: the 2 goes in front.
        let base = 10_203_004u64; // 01.02.03-004
        let check = 97 - (2_000_000_000 + base) % 97;
        let valid = format!("{base:09}{check:02}");
        assert!(NationalNumber::parse(&valid).is_ok(), "{valid}");
        // BIS number: month + 40.
        let base = 854_230_033u64;
        let check = 97 - base % 97;
        assert!(NationalNumber::parse(&format!("{base}{check:02}")).is_ok());
        // Separators are accepted.
        let base = 850_730_033u64;
        let check = 97 - base % 97;
        assert!(NationalNumber::parse(&format!("85.07.30-033.{check:02}")).is_ok());
        assert!(NationalNumber::parse("123").is_err());
        assert!(NationalNumber::parse("85133003328").is_err());
    }

    #[test]
    fn phones() {
        for input in [
            "0470 12 34 56",
            "0470/12.34.56",
            "+32 470 12 34 56",
            "0032470123456",
        ] {
            assert_eq!(
                PhoneE164::parse(input).map(|p| p.to_string()),
                Ok("+32470123456".into()),
                "{input}"
            );
        }
        assert!(PhoneE164::parse("12").is_err());
        assert!(PhoneE164::parse("not a phone").is_err());
    }

    #[test]
    fn postal_codes() {
        assert_eq!(parse_postal_code("1000"), Ok("1000".into()));
        assert!(parse_postal_code("0999").is_err());
        assert!(parse_postal_code("10000").is_err());
    }
}
