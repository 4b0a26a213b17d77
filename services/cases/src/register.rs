//! Registering a caller who has no case: during an inbound call the telephony system
//! announced, an agent types the caller's details and the person and a case are created
//! exactly as an import row would create them (same validation, same duplicate detection:
//! a person already on file is merged, an open case of the same type is reused), audited
//! `case.registered`, and the agent is granted the inbound open of that case, as a strong
//! identification on the line would.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kernel::auth::{Principal, Role};
use kernel::problem::FieldError;
use kernel::Kernel;

use crate::error::Result;
use crate::store::{find_person, insert_person, upsert_case, CaseOutcome};

/// What registering did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub code: String,
    /// A new person (not one already on file).
    pub new_person: bool,
    /// A new case (not an open case of the same type reused).
    pub new_case: bool,
}

/// The fields an agent may give, as the import's columns.
pub const FIELDS: [&str; 11] = [
    "first_name",
    "last_name",
    "birth_date",
    "national_number",
    "phone",
    "email",
    "language",
    "postal_code",
    "case_type",
    "test_date",
    "exposure_date",
];

/// Registers the caller `fields` describe (field name → typed text) for agent `who`.
pub async fn register_caller(
    k: &Kernel,
    who: &Principal,
    fields: &BTreeMap<String, String>,
    request_id: Option<&str>,
) -> Result<Registered> {
    let user = who.user_id()?;
    if who.role != Role::Agent {
        return Err(kernel::Error::Forbidden.into());
    }
    if !crate::lookup::in_inbound_call(k, user).await? {
        return Err(kernel::Error::refused(
            StatusCode::FORBIDDEN,
            "purpose-refused",
            "a caller is registered during an inbound call the telephony system announced",
        )
        .into());
    }
    let unknown: Vec<FieldError> = fields
        .keys()
        .filter(|f| !FIELDS.contains(&f.as_str()))
        .map(|f| FieldError::new(f, "unknown", format!("{f} is not a caller's detail")))
        .collect();
    if !unknown.is_empty() {
        return Err(kernel::Error::Invalid(unknown).into());
    }
    let get = |name: &str| {
        fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let (person, case) = crate::import::parse_row(get, k.now().date_naive()).map_err(|errors| {
        kernel::Error::Invalid(
            errors
                .into_iter()
                .map(|(field, message)| FieldError::new(&field, "invalid", message))
                .collect(),
        )
    })?;
    let now = kernel::db::millis(k.now());
    let mut tx = k.db.begin().await?;
    let (person_id, new_person) = match find_person(k, &mut tx, &person).await? {
        Some(id) => (id, false),
        None => (insert_person(k, &mut tx, &person).await?, true),
    };
    let (code, new_case) = match upsert_case(k, &mut tx, &person_id, &case, &who.actor()).await? {
        CaseOutcome::Created(code) => (code, true),
        CaseOutcome::Merged(code) => (code, false),
    };
    crate::access::grant(&mut tx, user, &code, crate::access::Grant::Inbound, now).await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "case.registered",
            subject: &format!("case:{code}"),
            request_id,
            detail: serde_json::json!({
                "channel": "inbound",
                "new_person": new_person,
                "new_case": new_case,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Registered {
        code,
        new_person,
        new_case,
    })
}
