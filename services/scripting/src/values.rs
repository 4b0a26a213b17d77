//! Normalising one answer according to its field's type: phones to E.164, national numbers
//! checked, dates to ISO. The result is what is stored and what expressions see.

use serde_json::Value as J;

use crate::ident::{parse_postal_code, NationalNumber, PhoneE164};
use crate::model::{Field, FieldType, Form};

/// Whether an answer counts as not given.
pub fn is_absent(v: &J) -> bool {
    match v {
        J::Null => true,
        J::String(s) => s.trim().is_empty(),
        J::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The normalised value of `raw` for `field`, or the error code.
pub fn normalize(form: &Form, field: &Field, raw: &J) -> Result<J, &'static str> {
    let text = || raw.as_str().map(str::trim).ok_or("invalid_type");
    match field.kind {
        FieldType::Text | FieldType::LongText => {
            let t = text()?;
            if t.chars().count() > field.max_len() {
                return Err("too_long");
            }
            Ok(J::String(t.to_string()))
        }
        FieldType::Integer => {
            let n = match raw {
                J::Number(n) => n.as_i64().ok_or("invalid_number")?,
                J::String(s) => s.trim().parse::<i64>().map_err(|_| "invalid_number")?,
                _ => return Err("invalid_type"),
            };
            in_range(field, n as f64)?;
            Ok(J::from(n))
        }
        FieldType::Decimal => {
            let n = match raw {
                J::Number(n) => n.as_f64().ok_or("invalid_number")?,
                J::String(s) => s
                    .trim()
                    .replace(',', ".")
                    .parse::<f64>()
                    .map_err(|_| "invalid_number")?,
                _ => return Err("invalid_type"),
            };
            if !n.is_finite() {
                return Err("invalid_number");
            }
            in_range(field, n)?;
            serde_json::Number::from_f64(n)
                .map(J::Number)
                .ok_or("invalid_number")
        }
        FieldType::Boolean => match raw {
            J::Bool(b) => Ok(J::Bool(*b)),
            J::String(s) if s == "true" => Ok(J::Bool(true)),
            J::String(s) if s == "false" => Ok(J::Bool(false)),
            _ => Err("invalid_type"),
        },
        FieldType::Date => parse_date(text()?).map(J::String).ok_or("invalid_date"),
        FieldType::Datetime => {
            let t = text()?;
            // A wall-clock time as the agent and the citizen agreed it; the console sends
            // RFC 3339 with the browser's offset, which is that same wall-clock time.
            let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| chrono::NaiveDateTime::parse_from_str(t, f).ok())
                .or_else(|| {
                    chrono::DateTime::parse_from_rfc3339(t)
                        .ok()
                        .map(|d| d.naive_local())
                })
                .ok_or("invalid_datetime")?;
            Ok(J::String(parsed.format("%Y-%m-%dT%H:%M").to_string()))
        }
        FieldType::Choice => {
            let t = text()?;
            if option_values(form, field).any(|v| v == t) {
                Ok(J::String(t.to_string()))
            } else {
                Err("invalid_choice")
            }
        }
        FieldType::MultiChoice => {
            let items = raw.as_array().ok_or("invalid_type")?;
            let mut out: Vec<String> = Vec::new();
            for item in items {
                let t = item.as_str().ok_or("invalid_type")?;
                if !option_values(form, field).any(|v| v == t) {
                    return Err("invalid_choice");
                }
                if !out.iter().any(|o| o == t) {
                    out.push(t.to_string());
                }
            }
            Ok(J::from(out))
        }
        FieldType::Phone => PhoneE164::parse(text()?)
            .map(|p| J::String(p.to_string()))
            .map_err(|_| "invalid_phone"),
        FieldType::Email => {
            let t = text()?.to_lowercase();
            let ok = t.len() <= 254
                && !t.contains(char::is_whitespace)
                && t.split_once('@').is_some_and(|(l, d)| {
                    !l.is_empty() && d.contains('.') && !d.ends_with('.') && !d.starts_with('.')
                });
            if ok {
                Ok(J::String(t))
            } else {
                Err("invalid_email")
            }
        }
        FieldType::NationalNumber => NationalNumber::parse(text()?)
            .map(|n| J::String(n.to_string()))
            .map_err(|_| "invalid_national_number"),
        FieldType::PostalCode => parse_postal_code(text()?)
            .map(J::String)
            .map_err(|_| "invalid_postal_code"),
        // Repeat groups are validated item by item by the caller.
        FieldType::Repeat => Ok(raw.clone()),
    }
}

fn in_range(field: &Field, n: f64) -> Result<(), &'static str> {
    if field.min.is_some_and(|m| n < m) || field.max.is_some_and(|m| n > m) {
        return Err("out_of_range");
    }
    Ok(())
}

/// ISO `YYYY-MM-DD` from ISO or `dd/mm/yyyy`, for real calendar dates only.
pub fn parse_date(t: &str) -> Option<String> {
    ["%Y-%m-%d", "%d/%m/%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(t.trim(), f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn option_values<'a>(form: &'a Form, field: &Field) -> impl Iterator<Item = &'a str> {
    field
        .choices
        .as_ref()
        .and_then(|c| form.choices.get(c))
        .into_iter()
        .flat_map(|c| c.options.iter().map(|o| o.value.as_str()))
}

/// A representative value of each type, for checking expressions at lint time.
pub fn sample(form: &Form, field: &Field) -> J {
    match field.kind {
        FieldType::Text | FieldType::LongText | FieldType::Email => J::from("sample"),
        FieldType::Integer => J::from(1),
        FieldType::Decimal => J::from(1.5),
        FieldType::Boolean => J::Bool(true),
        FieldType::Date => J::from("2026-01-15"),
        FieldType::Datetime => J::from("2026-01-15T10:00"),
        FieldType::Choice => J::from(option_values(form, field).next().unwrap_or("x")),
        FieldType::MultiChoice => J::from(vec![option_values(form, field).next().unwrap_or("x")]),
        FieldType::Phone => J::from("+32470123456"),
        FieldType::NationalNumber => J::from("85073003328"),
        FieldType::PostalCode => J::from("1000"),
        FieldType::Repeat => J::Array(vec![J::Object(
            field
                .fields
                .iter()
                .map(|f| (f.id.clone(), sample(form, f)))
                .collect(),
        )]),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::normalize;
    use crate::model::{Field, FieldType, Form};
    use serde_json::json;

    fn datetime() -> (Form, Field) {
        let field: Field = serde_json::from_value(
            json!({"id": "callback_when", "type": "datetime", "label": {"en": "When?"}}),
        )
        .unwrap();
        let form = serde_json::from_value(json!({
            "id": "f", "languages": ["en"], "title": {"en": "F"}, "fields": []
        }))
        .unwrap();
        (form, field)
    }

    #[test]
    fn a_date_and_time_keeps_the_wall_clock_time_the_console_sent() {
        let (form, field) = datetime();
        assert_eq!(field.kind, FieldType::Datetime);
        for sent in [
            "2030-01-15T17:00",
            "2030-01-15T17:00:00+01:00",
            "2030-01-15T17:00:00Z",
        ] {
            assert_eq!(
                normalize(&form, &field, &json!(sent)),
                Ok(json!("2030-01-15T17:00")),
                "{sent}"
            );
        }
        assert_eq!(
            normalize(&form, &field, &json!("tomorrow 17:00")),
            Err("invalid_datetime")
        );
    }
}
