//! Contacts named during an index-case call become people and contact cases linked to that
//! index case, matched against people already on file (by national number, else phone,
//! birth date and surname) instead of duplicated.

use kernel::Kernel;
use scripting::ident::{NationalNumber, PhoneE164};
use serde_json::{Map, Value as J};

use crate::error::Result;
use crate::person::{CaseIn, CaseType, PersonIn};
use crate::store::{find_person, insert_person, upsert_case, CaseOutcome};

/// Records the validated items of a contacts repeat group (`first_name`, `last_name`,
/// `phone`, `national_number`, `last_contact_date`, `language`) for `index_case_code`.
/// Returns, per item, whether a case was created or merged and its code.
pub async fn record_contacts(
    k: &Kernel,
    index_case_code: &str,
    items: &[Map<String, J>],
    actor: &str,
) -> Result<Vec<CaseOutcome>> {
    let text = |m: &Map<String, J>, f: &str| m.get(f).and_then(J::as_str).map(str::to_string);
    let mut out = Vec::new();
    let mut tx = k.db.begin().await?;
    for item in items {
        let person = PersonIn {
            national_number: text(item, "national_number")
                .and_then(|v| NationalNumber::parse(&v).ok()),
            first_name: text(item, "first_name").unwrap_or_default(),
            last_name: text(item, "last_name").unwrap_or_default(),
            phone: text(item, "phone").and_then(|v| PhoneE164::parse(&v).ok()),
            language: text(item, "language")
                .filter(|l| matches!(l.as_str(), "fr" | "nl" | "de" | "en")),
            ..PersonIn::default()
        };
        if person.national_number.is_none() && person.phone.is_none() && person.last_name.is_empty()
        {
            continue;
        }
        let existing = match (&person.national_number, &person.phone) {
            (None, Some(_)) => phone_match(k, &mut tx, &person).await?,
            _ => find_person(k, &mut tx, &person).await?,
        };
        let person_id = match existing {
            Some(id) => id,
            None => insert_person(k, &mut tx, &person).await?,
        };
        let case = CaseIn {
            case_type: CaseType::Contact,
            index_case_code: Some(index_case_code.to_string()),
            test_date: None,
            exposure_date: text(item, "last_contact_date")
                .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        };
        out.push(upsert_case(k, &mut tx, &person_id, &case, actor).await?);
    }
    if !out.is_empty() {
        let codes: Vec<&str> = out
            .iter()
            .map(|o| match o {
                CaseOutcome::Created(c) | CaseOutcome::Merged(c) => c.as_str(),
            })
            .collect();
        kernel::audit::append(
            &mut tx,
            &k.db,
            k.now(),
            &kernel::audit::Event {
                actor,
                action: "contacts.recorded",
                subject: &format!("case_code:{index_case_code}"),
                request_id: None,
                detail: serde_json::json!({ "cases": codes }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// Without a birth date (rarely known for a contact), the same phone and surname.
async fn phone_match(k: &Kernel, tx: &mut kernel::db::Tx, p: &PersonIn) -> Result<Option<String>> {
    use sqlx::Row;
    let Some(phone) = &p.phone else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT p.id AS person_id FROM token_index t JOIN people p ON p.seq = t.person_key WHERE t.token = $1",
    )
        .bind(k.blind.token("phone", phone.as_str()))
        .fetch_all(&mut **tx)
        .await?;
    let last = crate::names::normalize(&p.last_name);
    for r in rows {
        let id: String = r.try_get("person_id")?;
        let d = crate::store::load_person(k, tx, &id).await?;
        if d.phone.as_deref() == Some(phone.as_str())
            && d.last_name.as_deref().map(crate::names::normalize) == Some(last.clone())
        {
            return Ok(Some(id));
        }
    }
    Ok(None)
}
