//! Validation of whole submissions and walks of every shipped script.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use scripting::lint::lint_paths;
use scripting::release::ReleaseContent;
use scripting::validate::{validate, Context};
use serde_json::{json, Map, Value as J};

fn content(script: &str) -> ReleaseContent {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (lib, diags) = lint_paths(&[root.join("scripts"), root.join("forms")]).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    ReleaseContent::from_library(&lib, script).unwrap()
}

pub fn ctx() -> Context {
    Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        person: json!({"first_name": "Ana", "last_name": "Peeters", "birth_date": "1985-07-30", "language": "fr", "postal_code": "1000"}),
        case: json!({"code": "K7M2QX", "type": "index", "test_date": "2026-11-21", "exposure_date": "2026-11-19"}),
    }
}

fn obj(v: J) -> Map<String, J> {
    v.as_object().unwrap().clone()
}

#[test]
fn every_error_at_once_with_paths_and_codes() {
    let c = content("index_case");
    let answers = obj(json!({
        "answered_by": "target_person",
        "has_high_risk_contacts": true,
        "contacts": [
            {"first_name": "Jan", "last_name": "Peeters", "phone": "0470 12 34 56", "last_contact_date": "2026-11-20", "contact_type": "household"},
            {"first_name": "Els", "last_name": "Maes", "phone": "12", "last_contact_date": "2026-11-20", "contact_type": "household"},
            {"first_name": "Tom", "last_name": "Claes", "national_number": "85073003300", "last_contact_date": "2026-11-20", "contact_type": "household"}
        ]
    }));
    let errors = validate(&c.form, &answers, &ctx(), "fr").unwrap_err();
    let has = |field: &str, code: &str| errors.iter().any(|e| e.field == field && e.code == code);
    assert!(has("contacts[1].phone", "invalid_phone"), "{errors:?}");
    assert!(
        has("contacts[2].national_number", "invalid_national_number"),
        "{errors:?}"
    );
    assert!(has("has_symptoms", "required"), "{errors:?}");
    assert!(errors.iter().all(|e| !e.message.is_empty()));
    assert!(
        errors.iter().any(|e| e.message.contains("obligatoire")),
        "messages in French: {errors:?}"
    );
}

#[test]
fn phone_is_normalised_and_hidden_fields_are_neither_required_nor_kept() {
    let c = content("index_case");
    // onset_date is visible only with symptoms: without symptoms it is not required, and a
    // value sent for it is dropped.
    let mut answers = obj(
        json!({"has_symptoms": false, "onset_date": "2026-11-20", "has_high_risk_contacts": true,
        "contacts": [{"first_name": "Jan", "last_name": "Peeters", "phone": "0470/12.34.56", "last_contact_date": "2026-11-20", "contact_type": "household"}]}),
    );
    let errors = validate(&c.form, &answers, &ctx(), "en").unwrap_err();
    assert!(
        !errors.iter().any(|e| e.field == "onset_date"),
        "{errors:?}"
    );
    // Fill what the form requires on the path to a reached end, taken from a walk.
    answers = obj(json!({"has_symptoms": true, "onset_date": "2026-11-30"}));
    let errors = validate(&c.form, &answers, &ctx(), "en").unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.field == "onset_date" && e.code == "constraint"),
        "a future onset date breaks the constraint: {errors:?}"
    );
    let form = &c.form;
    let contacts = form.field("contacts").unwrap();
    let phone = contacts.fields.iter().find(|f| f.id == "phone").unwrap();
    assert_eq!(
        scripting::values::normalize(form, phone, &json!("0470 12 34 56")),
        Ok(json!("+32470123456"))
    );
}

/// Walks `script` with `answers` and checks the positions visited and the end reached; the
/// answers then validate with only the questions on that path required.
fn walk(script: &str, answers: J, expected: &[&str], outcome: &str) {
    let c = content(script);
    let answers = obj(answers);
    let (path, step) = scripting::walk::path(&c, &answers, &ctx());
    assert_eq!(path, expected, "{script}: path");
    match step {
        scripting::walk::Step::End { outcome: o, .. } => {
            assert_eq!(serde_json::to_value(o).unwrap(), json!(outcome), "{script}")
        }
        other => panic!("{script}: stopped at {other:?}"),
    }
    let asked = scripting::walk::asked_fields(&c, &path);
    if let Err(errors) =
        scripting::validate::validate_asked(&c.form, &answers, &ctx(), "en", Some(&asked))
    {
        panic!("{script}: answers on the path do not validate: {errors:?}");
    }
}

#[test]
fn index_case_paths() {
    walk(
        "index_case",
        json!({
            "answered_by": "target_person", "availability": "now", "identity_birth_date_matches": true,
            "continues_interview": true, "has_symptoms": true, "symptoms": ["fever", "cough"], "onset_date": "2026-11-18",
            "breathless_at_rest": true, "urgent_action": "will_call_gp", "household_type": "with_others", "household_members": 3,
            "can_isolate_separately": true, "isolation_understood": true, "has_high_risk_contacts": true,
            "contacts": [{"first_name": "Jan", "last_name": "Peeters", "phone": "0470 12 34 56", "last_contact_date": "2026-11-20", "contact_type": "household"}],
            "needs_certificate": true, "certificate_for": "employer"
        }),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/identity_ok",
            "inform_result",
            "symptoms",
            "onset",
            "vulnerability",
            "urgent_advice",
            "household",
            "isolation",
            "contacts",
            "certificate",
            "end_reached",
        ],
        "reached",
    );
    walk(
        "index_case",
        json!({"answered_by": "target_person", "availability": "now", "identity_birth_date_matches": false, "identity_postal_code_matches": false}),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/ask_postal_code",
            "identity/identity_not_confirmed",
            "end_identity_failed",
        ],
        "not_applicable",
    );
    walk(
        "index_case",
        json!({"answered_by": "target_person", "availability": "now", "identity_birth_date_matches": true, "continues_interview": false}),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/identity_ok",
            "inform_result",
            "end_refused_after_info",
        ],
        "refused",
    );
}

#[test]
fn contact_paths() {
    walk(
        "contact",
        json!({"answered_by": "target_person", "availability": "later", "callback_when": "2030-01-15T17:00"}),
        &["intro", "availability", "end_callback"],
        "callback",
    );
    walk(
        "contact",
        json!({"answered_by": "target_person", "availability": "now", "identity_birth_date_matches": false, "identity_postal_code_matches": false}),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/ask_postal_code",
            "identity/identity_not_confirmed",
            "end_identity_failed",
        ],
        "not_applicable",
    );
}

/// The contact script's full interviews: without symptoms (quarantine, a day-7 test, work
/// with vulnerable people) and with symptoms (isolation, a test at once).
#[test]
fn contact_reached_paths() {
    walk(
        "contact",
        json!({
            "answered_by": "target_person", "availability": "now", "identity_birth_date_matches": true,
            "continues_interview": true, "exposure_date_confirmed": true, "last_exposure_date": "2026-11-19",
            "has_symptoms": false, "quarantine_understood": true, "test_prescription_needed": true,
            "test_type": "pcr", "planned_test_date": "2026-11-26", "works_with_vulnerable": true,
            "workplace_type": "care_home", "will_inform_occupational_health": true, "needs_certificate": true
        }),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/identity_ok",
            "inform_exposure",
            "exposure_date",
            "symptoms",
            "quarantine",
            "testing",
            "work",
            "work_advice",
            "end_reached",
        ],
        "reached",
    );
    walk(
        "contact",
        json!({
            "answered_by": "target_person", "availability": "now", "identity_birth_date_matches": true,
            "continues_interview": true, "exposure_date_confirmed": true, "last_exposure_date": "2026-11-19",
            "has_symptoms": true, "symptoms": ["fever"], "onset_date": "2026-11-22", "isolation_understood": true,
            "test_prescription_needed": true, "test_type": "pcr", "planned_test_date": "2026-11-23",
            "works_with_vulnerable": false
        }),
        &[
            "intro",
            "availability",
            "identity",
            "identity/ask_birth_date",
            "identity/identity_ok",
            "inform_exposure",
            "exposure_date",
            "symptoms",
            "symptomatic_advice",
            "testing",
            "work",
            "end_reached",
        ],
        "reached",
    );
}

/// A cold-chain report takes the advice its temperatures call for.
#[test]
fn cold_chain_advice_paths() {
    let report = |min: f64, max: f64, minutes: i64, frozen: bool, decision: &str| {
        json!({
            "is_cold_chain_report": true, "pharmacy_name": "Pharmacie du Centre", "pharmacy_postal_code": "1000",
            "reporter_name": "M. Dupont", "reporter_phone": "02 512 34 56", "product": "influenza_vaccine",
            "batch_number": "K3T081B", "doses_affected": 40, "min_temperature": min, "max_temperature": max,
            "duration_minutes": minutes, "was_frozen": frozen, "decision": decision, "fridge_back_in_range": true
        })
    };
    let path = |advice: &str| {
        vec![
            "greeting".to_string(),
            "reporter".into(),
            "product".into(),
            "temperatures".into(),
            advice.into(),
            "decision".into(),
            "end_reached".into(),
        ]
    };
    for (answers, advice) in [
        (
            report(4.0, 14.0, 360, false, "quarantine_pending_advice"),
            "advice_major",
        ),
        (report(4.0, 11.0, 45, false, "keep_and_use"), "advice_minor"),
        (report(-3.0, 5.0, 120, true, "discard"), "advice_frozen"),
    ] {
        let expected = path(advice);
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        walk("cold_chain", answers, &expected, "reached");
    }
}

#[test]
fn inbound_and_cold_chain_paths() {
    walk(
        "inbound",
        json!({"caller_reason": "complaint", "caller_note": "Called three times without answer", "callback_needed": true}),
        &["greeting", "caller_note", "callback", "end_reached"],
        "reached",
    );
    walk(
        "inbound",
        json!({"caller_reason": "certificate_request", "identity_birth_date_matches": true, "certificate_for": "school", "callback_needed": false}),
        &[
            "greeting",
            "identity",
            "identity/ask_birth_date",
            "identity/identity_ok",
            "certificate",
            "callback",
            "end_reached",
        ],
        "reached",
    );
    let c = content("cold_chain");
    let (path, _) = scripting::walk::path(&c, &obj(json!({"is_cold_chain_report": false})), &ctx());
    assert_eq!(path.last().map(String::as_str), Some("end_redirect"));
}

/// "Value out of range" did not say which: the message names the range, in the agent's
/// language and with its decimal separator.
#[test]
fn out_of_range_says_the_range() {
    let c = content("cold_chain");
    let answers = obj(json!({"min_temperature": -50.5, "doses_affected": 0}));
    for (lang, temperature, doses) in [
        ("fr", "entre -40 et 60", "entre 1 et 100000"),
        ("en", "between -40 and 60", "between 1 and 100000"),
        ("nl", "tussen -40 en 60", "tussen 1 en 100000"),
        ("de", "zwischen -40 und 60", "zwischen 1 und 100000"),
    ] {
        let errors = validate(&c.form, &answers, &ctx(), lang).unwrap_err();
        let message = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field && e.code == "out_of_range")
                .map(|e| e.message.clone())
                .unwrap_or_else(|| panic!("{field} in {errors:?}"))
        };
        assert!(
            message("min_temperature").contains(temperature),
            "{errors:?}"
        );
        assert!(message("doses_affected").contains(doses), "{errors:?}");
    }
}
