//! Documents a call asks for: a finished call whose answers say a certificate or a test
//! prescription is needed issues it in the call's own transaction, so the call's end and
//! its documents commit together; finishing again issues nothing more.

use chrono::NaiveDate;
use kernel::db::Tx;
use kernel::Kernel;
use serde_json::Value;

use crate::error::Result;
use crate::store::{issue_in, IssueIn, Source};
use crate::template::DocumentKind;

/// The call that ended, as the documents need it.
#[derive(Debug, Clone)]
pub struct FinishedCall<'a> {
    pub call_id: &'a str,
    pub case_id: &'a str,
    /// Index case or contact: which date a quarantine starts from.
    pub index_case: bool,
    pub language: &'a str,
    pub actor: &'a str,
    pub holder_name: String,
    pub birth_date: Option<NaiveDate>,
    /// The case's test and exposure dates, when known.
    pub test_date: Option<NaiveDate>,
    pub exposure_date: Option<NaiveDate>,
}

fn date(answers: &serde_json::Map<String, Value>, field: &str) -> Option<NaiveDate> {
    answers
        .get(field)
        .and_then(Value::as_str)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// Issues what the answers ask for; returns the new documents' ids.
pub async fn issue_for_call(
    k: &Kernel,
    tx: &mut Tx,
    call: &FinishedCall<'_>,
    answers: &serde_json::Map<String, Value>,
) -> Result<Vec<String>> {
    let wanted = |field: &str| answers.get(field) == Some(&Value::Bool(true));
    let mut kinds = Vec::new();
    if wanted("needs_certificate") {
        kinds.push(DocumentKind::QuarantineCertificate);
    }
    if wanted("test_prescription_needed") {
        kinds.push(DocumentKind::TestPrescription);
    }
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let signer = crate::sign::DocumentSigner::derive(k.envelope.index_root())?;
    let today = k.now().date_naive();
    // An index case is isolated from the onset of symptoms (else the test); a contact is
    // quarantined from the last contact. Never from a date in the future.
    let start = if call.index_case {
        date(answers, "onset_date").or(call.test_date)
    } else {
        date(answers, "last_exposure_date").or(call.exposure_date)
    }
    .map_or(today, |d| d.min(today));
    let mut out = Vec::new();
    for kind in kinds {
        let d = IssueIn {
            kind,
            case_id: call.case_id,
            language: call.language,
            source: Source::Call,
            call_id: Some(call.call_id),
            job_id: None,
            actor: call.actor,
            holder_name: call.holder_name.clone(),
            birth_date: call.birth_date,
            start,
        };
        if let Some(id) = issue_in(k, &signer, tx, &d).await? {
            out.push(id);
        }
    }
    Ok(out)
}

/// The holder's name as a document prints it: first name and last name.
pub fn holder_name(person: &cases::store::PersonData) -> String {
    [person.first_name.as_deref(), person.last_name.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
