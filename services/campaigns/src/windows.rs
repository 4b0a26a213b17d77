//! Calling windows: when citizens may be phoned. Per weekday, in the campaign's time zone,
//! with public holidays on which nobody is called. An empty set of windows means any time
//! (the demo campaign, or an emergency recall).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::model::Policy;

fn day_key(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Windows of one local day, as (start, end) times.
fn windows_of(
    windows: &BTreeMap<String, Vec<[String; 2]>>,
    day: Weekday,
) -> Vec<(NaiveTime, NaiveTime)> {
    windows
        .get(day_key(day))
        .into_iter()
        .flatten()
        .filter_map(|[a, b]| {
            Some((
                NaiveTime::parse_from_str(a, "%H:%M").ok()?,
                NaiveTime::parse_from_str(b, "%H:%M").ok()?,
            ))
        })
        .collect()
}

fn zone(p: &Policy) -> Tz {
    p.time_zone.parse().unwrap_or(chrono_tz::Europe::Brussels)
}

fn holiday(p: &Policy, d: NaiveDate) -> bool {
    p.holidays
        .iter()
        .any(|h| h == &d.format("%Y-%m-%d").to_string())
}

/// Whether `t` is inside a calling window.
pub fn open_at(p: &Policy, t: DateTime<Utc>) -> bool {
    if p.windows.is_empty() {
        return true;
    }
    let local = t.with_timezone(&zone(p));
    !holiday(p, local.date_naive())
        && windows_of(&p.windows, local.weekday())
            .iter()
            .any(|(a, b)| local.time() >= *a && local.time() < *b)
}

/// The first moment at or after `t` inside a calling window (`t` itself when open; within
/// two weeks, else `t` unchanged so a policy without any window left never loses an order).
pub fn next_open(p: &Policy, t: DateTime<Utc>) -> DateTime<Utc> {
    if open_at(p, t) {
        return t;
    }
    let tz = zone(p);
    let local = t.with_timezone(&tz);
    for offset in 0..15 {
        let date = local.date_naive() + Duration::days(offset);
        if holiday(p, date) {
            continue;
        }
        let mut starts: Vec<NaiveTime> = windows_of(&p.windows, date.weekday())
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        starts.sort();
        for s in starts {
            if let Some(candidate) = tz.from_local_datetime(&date.and_time(s)).earliest() {
                let candidate = candidate.with_timezone(&Utc);
                if candidate >= t {
                    return candidate;
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        let mut p = Policy::default();
        for d in ["mon", "tue", "wed", "thu", "fri"] {
            p.windows.insert(
                d.into(),
                vec![
                    ["09:00".into(), "12:00".into()],
                    ["14:00".into(), "20:00".into()],
                ],
            );
        }
        p.windows
            .insert("sat".into(), vec![["10:00".into(), "16:00".into()]]);
        p.holidays = vec!["2026-12-25".into()];
        p
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn windows_in_brussels_time() {
        let p = policy();
        // Monday 23 November 2026, 10:30 in Brussels is 09:30 UTC.
        assert!(open_at(&p, at("2026-11-23T09:30:00Z")));
        assert!(
            !open_at(&p, at("2026-11-23T11:30:00Z")),
            "12:30 local: lunch break"
        );
        assert_eq!(
            next_open(&p, at("2026-11-23T11:30:00Z")),
            at("2026-11-23T13:00:00Z")
        );
        // Friday evening -> Saturday 10:00.
        assert_eq!(
            next_open(&p, at("2026-11-27T19:30:00Z")),
            at("2026-11-28T09:00:00Z")
        );
        // Saturday after 16:00 -> Monday 09:00 (no Sunday window).
        assert_eq!(
            next_open(&p, at("2026-11-28T16:00:00Z")),
            at("2026-11-30T08:00:00Z")
        );
        // Christmas (a Friday) is skipped.
        assert_eq!(
            next_open(&p, at("2026-12-24T20:00:00Z")),
            at("2026-12-26T09:00:00Z")
        );
        // No windows at all: always open.
        assert!(open_at(&Policy::default(), at("2026-11-29T03:00:00Z")));
    }
}
