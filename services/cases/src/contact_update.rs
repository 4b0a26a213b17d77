//! A call can correct how a person is reached: a new phone, e-mail, postcode or language
//! said by the citizen (form fields declared `updates = "person.phone"`, ...). The new value
//! replaces the old one in the call's own transaction: sealed under the person's key, the
//! phone's search token swapped (so the new number finds the case and the old one no longer
//! does), the postcode's province and the search document updated. The audit log says which
//! details changed, never their values.

use kernel::db::{millis, Tx};
use kernel::Kernel;
use scripting::ident::{parse_postal_code, PhoneE164};

use crate::error::{CasesError, Result};
use crate::person::province;
use crate::store::{load_person, reindex, seal};

/// A person's detail a call may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Phone,
    Email,
    PostalCode,
    Language,
}

impl Detail {
    /// From a form's `updates` target (`person.phone`, ...).
    pub fn from_target(target: &str) -> Option<Self> {
        match target {
            "person.phone" => Some(Self::Phone),
            "person.email" => Some(Self::Email),
            "person.postal_code" => Some(Self::PostalCode),
            "person.language" => Some(Self::Language),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Email => "email",
            Self::PostalCode => "postal_code",
            Self::Language => "language",
        }
    }
}

/// Replaces the given details of `person_id` (values as the form normalised them); returns
/// the names of those that changed.
pub async fn update_details(
    k: &Kernel,
    tx: &mut Tx,
    person_id: &str,
    changes: &[(Detail, String)],
) -> Result<Vec<&'static str>> {
    // Most calls correct nothing: no reads then (every finished call comes through here).
    if changes.iter().all(|(_, v)| v.trim().is_empty()) {
        return Ok(Vec::new());
    }
    let current = load_person(k, tx, person_id).await?;
    let key = crate::keys::sealing_key(k, tx, person_id).await?;
    let now = millis(k.now());
    let mut changed = Vec::new();
    for (detail, value) in changes {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match detail {
            Detail::Phone => {
                let phone = PhoneE164::parse(value)
                    .map_err(|e| CasesError::invalid("phone", "invalid_phone", e))?;
                if current.phone.as_deref() == Some(phone.as_str()) {
                    continue;
                }
                reseal(tx, &key, person_id, "phone", phone.as_str(), now).await?;
                let old = current.phone.as_deref().map(|p| k.blind.token("phone", p));
                let new = k.blind.token("phone", phone.as_str());
                crate::token_rows::replace(k, tx, person_id, old, new).await?;
            }
            Detail::Email => {
                if current.email.as_deref() == Some(value) {
                    continue;
                }
                reseal(tx, &key, person_id, "email", value, now).await?;
            }
            Detail::PostalCode => {
                let code = parse_postal_code(value)
                    .map_err(|e| CasesError::invalid("postal_code", "invalid_postal_code", e))?;
                if current.postal_code.as_deref() == Some(code.as_str()) {
                    continue;
                }
                sqlx::query(
                    "UPDATE people SET postal_code = $2, region = $3, updated_at = $4 WHERE id = $1",
                )
                .bind(person_id)
                .bind(&code)
                .bind(province(&code))
                .bind(now)
                .execute(&mut **tx)
                .await?;
                // The cases' province follows (campaign targets read it).
                sqlx::query("UPDATE cases SET region = $2, updated_at = $3 WHERE person_id = $1")
                    .bind(person_id)
                    .bind(province(&code))
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
            }
            Detail::Language => {
                if current.language.as_deref() == Some(value) {
                    continue;
                }
                sqlx::query("UPDATE people SET language = $2, updated_at = $3 WHERE id = $1")
                    .bind(person_id)
                    .bind(value)
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        changed.push(detail.name());
    }
    if !changed.is_empty() {
        reindex(k, tx, person_id).await?;
    }
    Ok(changed)
}

/// Replaces one sealed column of `people` (`phone`, `email`) with `value`, sealed under the
/// person's key.
async fn reseal(
    tx: &mut Tx,
    key: &kernel::crypto::person::PersonKey,
    person_id: &str,
    column: &'static str,
    value: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(&format!(
        "UPDATE people SET {column} = $2, updated_at = $3 WHERE id = $1"
    ))
    .bind(person_id)
    .bind(seal(key, column, person_id, Some(value))?)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
