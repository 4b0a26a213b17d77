//! Finishing a call with an outcome.
//!
//! Finishing `reached` validates the whole form with the release's rules, replaying the
//! script from its start on the saved answers rather than trusting the console's path: the
//! questions on the path the answers take must be answered, hidden ones are not required.
//! The sealed submission, the call's end, the order's outcome, the case's update, the
//! person's corrected details (fields declared `updates`) and the audit event are committed
//! in one transaction; an index case's contacts become contact cases after it.

use chrono::{DateTime, Utc};
use kernel::audit::{self, Event};
use kernel::db::millis;
use kernel::Kernel;
use scripting::model::Outcome;
use scripting::validate::validate_asked;
use scripting::walk::{self, Step};
use serde_json::{json, Map, Value};

use campaigns::dispatch::{self, OutcomeIn};
use cases::person::CaseStatus;

use crate::calls::{self, CallKind};
use crate::error::{ConsoleError, Result};
use crate::replies::Ack;
use crate::view::Loaded;
use crate::{bus, Ctx};

/// The answers to store: for `reached`, validated and normalised (or every error at once).
fn submission(k: &Kernel, loaded: &Loaded, outcome: Outcome) -> Result<Map<String, Value>> {
    if outcome != Outcome::Reached {
        return Ok(loaded.answers.clone());
    }
    let ctx = loaded.context(k);
    let (visited, step) = walk::path(&loaded.content, &loaded.answers, &ctx);
    let asked =
        matches!(step, Step::End { .. }).then(|| walk::asked_fields(&loaded.content, &visited));
    validate_asked(
        &loaded.content.form,
        &loaded.answers,
        &ctx,
        &loaded.call.language,
        asked.as_ref(),
    )
    .map_err(ConsoleError::Validation)
}

/// The person's details the answers replace: fields declared `updates = "person.phone"`
/// (and the like) that were answered.
fn detail_updates(
    loaded: &Loaded,
    stored: &Map<String, Value>,
) -> Vec<(cases::contact_update::Detail, String)> {
    loaded
        .content
        .form
        .fields
        .iter()
        .filter_map(|f| {
            let detail = cases::contact_update::Detail::from_target(f.updates.as_deref()?)?;
            let value = stored.get(&f.id)?.as_str()?;
            Some((detail, value.to_string()))
        })
        .collect()
}

/// Ends the call; then the agent's after-call work begins (see `wrap_up`), or, when the
/// centre configured none, the next order is offered.
pub async fn finish(
    ctx: &Ctx<'_>,
    call_id: &str,
    outcome: Outcome,
    callback_at: Option<DateTime<Utc>>,
) -> Result<Ack> {
    let call = calls::get_open(ctx.k, ctx.user.id, call_id).await?;
    let loaded = Loaded::load(ctx.k, call).await?;
    if outcome == Outcome::Callback && callback_at.is_none_or(|at| at <= ctx.k.now()) {
        return Err(ConsoleError::invalid(
            "callback_at",
            "a callback needs a time in the future",
        ));
    }
    let stored = submission(ctx.k, &loaded, outcome)?;
    let now = millis(ctx.k.now());
    let name = outcome.as_str();
    let case = &loaded.detail.case;
    let mut tx = ctx.k.db.begin().await?;
    calls::finish(ctx.k, &mut tx, &loaded.call, name, Some(&stored)).await?;
    let scheduled = match loaded.call.order_id {
        Some(order_id) => {
            let s = dispatch::record_outcome_in(
                ctx.k,
                &mut tx,
                ctx.user,
                order_id,
                &OutcomeIn {
                    outcome,
                    callback_at,
                },
            )
            .await?;
            Some(s)
        }
        None => {
            cases::store::event(
                &mut tx,
                &case.id,
                now,
                &ctx.user.actor(),
                "call.outcome",
                json!({ "outcome": name, "inbound": true }),
            )
            .await?;
            None
        }
    };
    let status = if outcome == Outcome::Reached && loaded.call.kind == CallKind::Outbound {
        CaseStatus::Closed
    } else {
        CaseStatus::InProgress
    };
    let onset = stored.get("onset_date").and_then(Value::as_str);
    cases::access::after_call(ctx.k, &mut tx, &case.id, status, onset, now).await?;
    let updated = if outcome == Outcome::Reached {
        let changes = detail_updates(&loaded, &stored);
        cases::contact_update::update_details(ctx.k, &mut tx, &case.person_id, &changes).await?
    } else {
        Vec::new()
    };
    // The certificate or prescription the answers ask for, with the call's end.
    let documents = if outcome == Outcome::Reached {
        issue_documents(ctx, &mut tx, &loaded, &stored).await?
    } else {
        Vec::new()
    };
    audit::append(
        &mut tx,
        &ctx.k.db,
        ctx.k.now(),
        &Event {
            actor: &ctx.user.actor(),
            action: "call.finished",
            subject: &format!("call:{call_id}"),
            request_id: Some(&ctx.request_id),
            detail: json!({
                "outcome": name,
                "order_id": loaded.call.order_id,
                "case": case.code,
                "updated": updated,
                "documents": documents,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    mail_documents(ctx.k, ctx.user.actor(), &documents);
    record_contacts(ctx, &loaded, &stored, outcome).await;
    crate::wrap_up::begin(ctx.k, ctx.user.id).await?;
    crate::offers::offer_next(ctx.k, ctx.user).await?;
    ctx.console.bus.publish(bus::Event::Orders).await;
    ctx.changed().await;
    Ok(Ack::Finished { scheduled })
}

/// The documents the call issued go to the address the citizen has on file, when the centre
/// sends mail: in the background after the commit, so the call's end never waits on a mail
/// server. A failure is logged (without personal data); the agent or a supervisor sends the
/// document again from the case's list.
fn mail_documents(k: &kernel::Kernel, actor: String, ids: &[String]) {
    if ids.is_empty() || !kernel::mail::configured(&k.config.mail) {
        return;
    }
    let (k, ids) = (k.clone(), ids.to_vec());
    tokio::spawn(async move {
        for id in ids {
            if let Err(e) = documents::delivery::email_if_address(&k, &actor, &id, None).await {
                tracing::warn!(document = %id, error = %e, "document not mailed");
            }
        }
    });
}

/// Issues, in the call's transaction, the documents the answers ask for.
async fn issue_documents(
    ctx: &Ctx<'_>,
    tx: &mut kernel::db::Tx,
    loaded: &Loaded,
    stored: &Map<String, Value>,
) -> Result<Vec<String>> {
    let person = &loaded.detail.person;
    let case = &loaded.detail.case;
    let day = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let holder_name = documents::calls::holder_name(person);
    let call = documents::calls::FinishedCall {
        call_id: &loaded.call.id,
        case_id: &case.id,
        index_case: case.case_type == cases::person::CaseType::Index,
        // The citizen's language decides; the call's when the file has none.
        language: person.language.as_deref().unwrap_or(&loaded.call.language),
        actor: &ctx.user.actor(),
        holder_name,
        birth_date: day(&person.birth_date),
        test_date: day(&case.test_date),
        exposure_date: day(&case.exposure_date),
    };
    documents::calls::issue_for_call(ctx.k, tx, &call, stored)
        .await
        .map_err(|e| ConsoleError::from(kernel::Error::from(e)))
}

/// An index case's contacts become contact cases linked to it. After the commit, because it
/// has its own transaction; a failure is logged and the submission keeps the list.
async fn record_contacts(
    ctx: &Ctx<'_>,
    loaded: &Loaded,
    stored: &Map<String, Value>,
    outcome: Outcome,
) {
    if outcome != Outcome::Reached || loaded.detail.case.case_type != cases::person::CaseType::Index
    {
        return;
    }
    let Some(Value::Array(items)) = stored.get("contacts") else {
        return;
    };
    let items: Vec<Map<String, Value>> = items
        .iter()
        .filter_map(|i| i.as_object().cloned())
        .collect();
    if let Err(e) =
        cases::contacts::record_contacts(ctx.k, &loaded.detail.case.code, &items, &ctx.user.actor())
            .await
    {
        tracing::error!(error = %e, call = %loaded.call.id, "contacts of a finished call not recorded");
    }
}
