//! Checking a dialing policy when it is written, so that nothing stored can later make the
//! outcome handler or the window arithmetic fail: every number within sane bounds, windows
//! as `HH:MM` pairs on real weekdays, holidays as dates, a time zone that exists.

use chrono::{NaiveDate, NaiveTime};
use kernel::problem::FieldError;

use crate::model::Policy;

/// The weekday keys of `Policy::windows`.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `(field, lowest, highest)` for every number of a policy.
const BOUNDS: &[(&str, i64, i64)] = &[
    ("max_attempts", 1, 50),
    ("retry_minutes_no_answer", 0, 7 * 24 * 60),
    ("retry_minutes_busy", 0, 7 * 24 * 60),
    ("retry_minutes_voicemail", 0, 7 * 24 * 60),
    ("deadline_hours", 1, 90 * 24),
    ("lease_seconds", 10, 3600),
    ("callback_hold_minutes", 0, 24 * 60),
    ("index_case_boost_minutes", 0, 7 * 24 * 60),
];

impl Policy {
    fn number(&self, field: &str) -> i64 {
        match field {
            "max_attempts" => self.max_attempts,
            "retry_minutes_no_answer" => self.retry_minutes_no_answer,
            "retry_minutes_busy" => self.retry_minutes_busy,
            "retry_minutes_voicemail" => self.retry_minutes_voicemail,
            "deadline_hours" => self.deadline_hours,
            "lease_seconds" => self.lease_seconds,
            "callback_hold_minutes" => self.callback_hold_minutes,
            _ => self.index_case_boost_minutes,
        }
    }

    /// Every problem of this policy, each naming its field (`policy.windows.mon[0]`).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (field, low, high) in BOUNDS {
            let v = self.number(field);
            if !(*low..=*high).contains(&v) {
                out.push(FieldError::new(
                    format!("policy.{field}"),
                    "out_of_range",
                    format!("{v} is not between {low} and {high}"),
                ));
            }
        }
        for (day, windows) in &self.windows {
            if !WEEKDAYS.contains(&day.as_str()) {
                out.push(FieldError::new(
                    format!("policy.windows.{day}"),
                    "unknown_weekday",
                    format!("weekdays are {}", WEEKDAYS.join(", ")),
                ));
                continue;
            }
            for (i, [from, to]) in windows.iter().enumerate() {
                let field = format!("policy.windows.{day}[{i}]");
                let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
                match (time(from), time(to)) {
                    (Some(a), Some(b)) if a < b => {}
                    (Some(_), Some(_)) => out.push(FieldError::new(
                        field,
                        "empty_window",
                        format!("{from} is not before {to}"),
                    )),
                    _ => out.push(FieldError::new(
                        field,
                        "invalid_time",
                        "a window is two times HH:MM",
                    )),
                }
            }
        }
        for (i, day) in self.holidays.iter().enumerate() {
            if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() {
                out.push(FieldError::new(
                    format!("policy.holidays[{i}]"),
                    "invalid_date",
                    "a holiday is a date YYYY-MM-DD",
                ));
            }
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            out.push(FieldError::new(
                "policy.time_zone",
                "unknown_time_zone",
                "an IANA time zone such as Europe/Brussels",
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_is_valid() {
        assert!(Policy::default().problems().is_empty());
    }

    #[test]
    fn absurd_values_are_named() {
        let mut p = Policy {
            retry_minutes_no_answer: i64::MAX,
            time_zone: "Mars/Olympus".into(),
            ..Policy::default()
        };
        p.windows
            .insert("mon".into(), vec![["09:00".into(), "25:00".into()]]);
        p.windows.insert("funday".into(), vec![]);
        let fields: Vec<String> = p.problems().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "policy.retry_minutes_no_answer",
                "policy.windows.funday",
                "policy.windows.mon[0]",
                "policy.time_zone"
            ]
        );
    }
}
