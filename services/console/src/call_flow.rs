//! A call from start to finish: opening the offered order's case, saving each answer as it
//! is typed, moving through the script (forward along the transitions, back to any visited
//! step) and switching language. Finishing with an outcome is in `call_end`.

use std::collections::BTreeSet;

use campaigns::dispatch;
use cases::purpose::OpenReason;
use kernel::db::millis;
use kernel::Kernel;
use scripting::validate::validate_asked;
use scripting::walk::{self, Step};
use serde_json::Value;

use crate::calls::CallKind;
use crate::calls::{self, Call};
use crate::error::{ConsoleError, Result};
use crate::presence::AgentStatus;
use crate::replies::Ack;
use crate::view::{form_fields, Loaded};
use crate::{presence, Ctx};

async fn no_call_running(ctx: &Ctx<'_>) -> Result<()> {
    match calls::open_of(ctx.k, ctx.user.id).await? {
        Some(_) => Err(ConsoleError::Conflict(
            "a call is already in progress".into(),
        )),
        None => Ok(()),
    }
}

/// Starts a call on `case_code` with release `release_id` (the case is opened, audited).
pub(crate) async fn begin(
    ctx: &Ctx<'_>,
    kind: CallKind,
    order_id: Option<i64>,
    case_code: &str,
    release_id: i64,
    language: &str,
) -> Result<Ack> {
    let (_, content) = scripting::store::get(&ctx.k.db, release_id).await?;
    let reason = if order_id.is_some() {
        OpenReason::CallOrder
    } else {
        OpenReason::Inbound
    };
    let purpose = cases::purpose::Purpose {
        reason,
        order_id,
        justification: None,
    };
    let detail =
        cases::access::open(ctx.k, ctx.user, case_code, purpose, Some(&ctx.request_id)).await?;
    let language = if content.script.languages.iter().any(|l| l == language) {
        language.to_string()
    } else {
        content
            .script
            .languages
            .first()
            .cloned()
            .unwrap_or_default()
    };
    let start = content.script.start.clone();
    let call = Call {
        id: uuid::Uuid::new_v4().to_string(),
        kind,
        order_id,
        case_id: detail.case.id,
        agent_id: ctx.user.id,
        release_id,
        language,
        position: start.clone(),
        path: vec![start],
        started_at: millis(ctx.k.now()),
    };
    let mut tx = ctx.k.db.begin().await?;
    calls::create(ctx.k, &mut tx, &call).await?;
    // Fields with a default start with it, as if prefilled: the agent sees it and can change
    // it; it is an answer like any other from then on.
    for f in content.form.fields.iter().filter(|f| f.compute.is_none()) {
        if let Some(value) = &f.default {
            calls::write_answer(ctx.k, &mut tx, &call, &f.id, value).await?;
        }
    }
    tx.commit().await?;
    presence::set(ctx.k, ctx.user.id, AgentStatus::InCall, None).await?;
    let loaded = Loaded::load(ctx.k, call).await?;
    let mut view = loaded.to_view(ctx.k, &ctx.user.name);
    view.notes = crate::wrap_up::notes_of_case(ctx.k, &loaded.call.case_id).await?;
    ctx.changed().await;
    Ok(Ack::Call {
        call: Box::new(view),
    })
}

/// Starts the call of the order offered to the agent.
pub async fn start_call(ctx: &Ctx<'_>, order_id: i64) -> Result<Ack> {
    no_call_running(ctx).await?;
    let order = dispatch::held(ctx.k, ctx.user)
        .await?
        .filter(|o| o.id == order_id)
        .ok_or_else(|| {
            ConsoleError::Conflict(format!("order {order_id} is not offered to you any more"))
        })?;
    let release_id = order.release_id.ok_or_else(|| {
        ConsoleError::Conflict("this campaign's script has no published release".into())
    })?;
    let case = cases::access::case_by_id(ctx.k, &order.case_id).await?;
    begin(
        ctx,
        CallKind::Outbound,
        Some(order.id),
        &case.code,
        release_id,
        &order.language,
    )
    .await
}

/// Saves one answer and validates that field with the release's rules.
pub async fn answer(ctx: &Ctx<'_>, call_id: &str, field: &str, value: &Value) -> Result<Ack> {
    let call = calls::get_open(ctx.k, ctx.user.id, call_id).await?;
    let (_, content) = scripting::store::get(&ctx.k.db, call.release_id).await?;
    let f = content.form.field(field).ok_or_else(|| {
        ConsoleError::invalid("field", format!("no field {field:?} in this form"))
    })?;
    if f.compute.is_some() {
        return Err(ConsoleError::invalid(
            "field",
            format!("{field:?} is computed, not answered"),
        ));
    }
    calls::save_answer(ctx.k, &call, field, value).await?;
    let loaded = Loaded::load(ctx.k, call).await?;
    let ctx_expr = loaded.context(ctx.k);
    let asked: BTreeSet<String> = [field.to_string()].into();
    let errors = match validate_asked(
        &loaded.content.form,
        &loaded.answers,
        &ctx_expr,
        &loaded.call.language,
        Some(&asked),
    ) {
        Ok(_) => Vec::new(),
        // This field's problems only; inside a repeat group, an item's other questions not
        // answered yet are not reported while the agent is still filling it in (Next and
        // Finish report them).
        Err(errors) => errors
            .into_iter()
            .filter(|e| {
                e.field == field
                    || (e.code != "required"
                        && (e.field.starts_with(&format!("{field}["))
                            || e.field.starts_with(&format!("{field}."))))
            })
            .collect(),
    };
    Ok(Ack::Answered {
        view: loaded.view(ctx.k, &ctx.user.name),
        errors,
    })
}

/// Moves along the transition the answers select.
pub async fn next(ctx: &Ctx<'_>, call_id: &str) -> Result<Ack> {
    let call = calls::get_open(ctx.k, ctx.user.id, call_id).await?;
    let mut loaded = Loaded::load(ctx.k, call).await?;
    step_answered(ctx.k, &loaded)?;
    let step = walk::next(
        &loaded.content,
        &loaded.call.position,
        &loaded.answers,
        &loaded.context(ctx.k),
    );
    let target = match step {
        // A step that only calls a block leads straight into the block's first step.
        Some(Step::Node { position }) => match walk::resolve(&loaded.content, &position) {
            Some((node, None)) if node.call.is_some() => {
                match walk::next(
                    &loaded.content,
                    &position,
                    &loaded.answers,
                    &loaded.context(ctx.k),
                ) {
                    Some(Step::Node { position: inner }) => inner,
                    _ => position,
                }
            }
            _ => position,
        },
        Some(Step::End { position, .. }) if position != loaded.call.position => position,
        Some(Step::End { .. }) => {
            return Err(ConsoleError::Conflict(
                "this is the end of the script: finish the call".into(),
            ))
        }
        Some(Step::Waiting) | None => {
            return Err(ConsoleError::Conflict(
                "answer the questions of this step first".into(),
            ))
        }
    };
    // Moving forward from a step reached by going back drops the steps after it: the path
    // shows the route the answers now take.
    let here = loaded
        .call
        .path
        .iter()
        .position(|p| p == &loaded.call.position)
        .map_or(loaded.call.path.len(), |i| i + 1);
    loaded.call.path.truncate(here);
    loaded.call.path.push(target.clone());
    loaded.call.position = target;
    calls::move_to(ctx.k, call_id, &loaded.call.position, &loaded.call.path).await?;
    Ok(Ack::Moved {
        view: loaded.view(ctx.k, &ctx.user.name),
        path: loaded.call.path,
    })
}

/// The questions of the current step must be answered (and valid) before moving on: a
/// script's fallback transition would otherwise take an unanswered step somewhere the agent
/// did not mean to go.
fn step_answered(k: &Kernel, loaded: &Loaded) -> Result<()> {
    let Some((node, _)) = walk::resolve(&loaded.content, &loaded.call.position) else {
        return Ok(());
    };
    let asked: BTreeSet<String> = node.fields.iter().cloned().collect();
    match validate_asked(
        &loaded.content.form,
        &loaded.answers,
        &loaded.context(k),
        &loaded.call.language,
        Some(&asked),
    ) {
        Ok(_) => Ok(()),
        Err(errors) => {
            let here: Vec<_> = errors
                .into_iter()
                .filter(|e| {
                    asked.iter().any(|f| {
                        e.field == *f
                            || e.field.starts_with(&format!("{f}["))
                            || e.field.starts_with(&format!("{f}."))
                    })
                })
                .collect();
            if here.is_empty() {
                Ok(())
            } else {
                Err(ConsoleError::Validation(here))
            }
        }
    }
}

/// Goes back to a visited step; answers stay.
pub async fn goto(ctx: &Ctx<'_>, call_id: &str, position: &str) -> Result<Ack> {
    let call = calls::get_open(ctx.k, ctx.user.id, call_id).await?;
    if !call.path.iter().any(|p| p == position) {
        return Err(ConsoleError::invalid(
            "position",
            "only a step already visited can be gone back to",
        ));
    }
    calls::move_to(ctx.k, call_id, position, &call.path).await?;
    let mut loaded = Loaded::load(ctx.k, call).await?;
    loaded.call.position = position.to_string();
    Ok(Ack::Moved {
        view: loaded.view(ctx.k, &ctx.user.name),
        path: loaded.call.path,
    })
}

/// Switches the language the script and form are shown in.
pub async fn language(ctx: &Ctx<'_>, call_id: &str, language: &str) -> Result<Ack> {
    let call = calls::get_open(ctx.k, ctx.user.id, call_id).await?;
    let mut loaded = Loaded::load(ctx.k, call).await?;
    if !loaded
        .content
        .script
        .languages
        .iter()
        .any(|l| l == language)
    {
        return Err(ConsoleError::invalid(
            "language",
            format!("this script is not written in {language:?}"),
        ));
    }
    calls::set_language(ctx.k, call_id, language).await?;
    loaded.call.language = language.to_string();
    Ok(Ack::Language {
        view: loaded.view(ctx.k, &ctx.user.name),
        form: form_fields(&loaded.content.form, language),
        title: scripting::messages::pick(&loaded.content.script.title, language).to_string(),
        step_labels: crate::view::step_labels(&loaded.content, language),
    })
}

pub use crate::call_end::finish;
