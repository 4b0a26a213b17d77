//! The telephony integration: the PBX tells us a call is ringing for an agent, and the agent's
//! console shows the cases matching the caller's number at once (screen pop).
//!
//! Only machine clients with the `telephony` role post events, signed with their token's
//! secret (see `kernel::auth::signature`); a person's session is refused, so nobody can fake
//! calls from a browser, and the PBX's credential opens no case. Each event id is accepted
//! once. The caller's number is sealed at rest; the push carries the event id, and the node
//! holding the agent's console opens it, searches, and audits what it showed.

use crate::replies::ScreenPop;
use axum::extract::{FromRef, State};
use axum::http::{Method, StatusCode};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::signature::SignedJson;
use kernel::auth::{Principal, Role};
use kernel::crypto::envelope::Aad;
use kernel::db::millis;
use kernel::problem::ApiJson;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::bus::Event;
use crate::error::{ConsoleError, Result};
use crate::Console;

const TELEPHONY: &[Role] = &[Role::Telephony];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::POST,
    "/api/v1/telephony/events",
    Access::Machine(TELEPHONY),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Console: FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(post_event))
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ringing,
    Answered,
    Ended,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Ringing => "ringing",
            Kind::Answered => "answered",
            Kind::Ended => "ended",
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TelephonyEvent {
    /// The PBX's id of this event, unique per token: a second event with the same id is a
    /// replay and is refused.
    pub id: String,
    pub event: Kind,
    /// The caller's number in E.164 (`+32470123456`).
    pub caller: String,
    /// The agent's email.
    pub agent: String,
    /// The PBX's own reference of the call.
    #[serde(default)]
    pub call_ref: Option<String>,
    /// The topic the caller chose in the voice menu (`cold_chain`): the inbound script of
    /// that id is the one the agent is offered first. Lower-case letters, digits and `_`.
    #[serde(default)]
    pub topic: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub id: i64,
}

fn aad(id: &str) -> Aad<'_> {
    Aad {
        table: "telephony_events",
        column: "caller",
        row: id,
    }
}

/// Receives a call event from the PBX; on `ringing`, the agent's consoles show the matching
/// cases.
#[utoipa::path(post, path = "/api/v1/telephony/events", tag = "console", request_body = TelephonyEvent,
    params(
        ("Tracecall-Timestamp" = i64, Header, description = "Unix seconds when the event was signed"),
        ("Tracecall-Signature" = String, Header, description = "sha256=HEX: HMAC-SHA256 of TIMESTAMP.BODY under the token's signing secret"),
    ),
    responses((status = 202, body = Accepted), (status = 401), (status = 403), (status = 409), (status = 422)))]
async fn post_event(
    State(k): State<Kernel>,
    State(console): State<Console>,
    who: Principal,
    SignedJson(body): SignedJson<TelephonyEvent>,
) -> kernel::Result<(StatusCode, ApiJson<Accepted>)> {
    let event_ref = body.id.trim();
    if event_ref.is_empty() || event_ref.len() > 100 {
        return Err(kernel::Error::invalid(
            "id",
            "invalid_length",
            "an event id of 1 to 100 characters",
        ));
    }
    if !is_e164(&body.caller) {
        return Err(kernel::Error::invalid(
            "caller",
            "not_e164",
            "the caller's number in E.164: + then 2 to 15 digits, e.g. +32470123456",
        ));
    }
    if let Some(topic) = &body.topic {
        let ok = !topic.is_empty()
            && topic.len() <= 64
            && topic
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            return Err(kernel::Error::invalid(
                "topic",
                "invalid_topic",
                "a topic of 1 to 64 lower-case letters, digits and _, e.g. cold_chain",
            ));
        }
    }
    let agent = kernel::auth::users::list(&k.db, None)
        .await?
        .into_iter()
        .find(|u| u.email.eq_ignore_ascii_case(&body.agent) && u.role == Role::Agent && u.active)
        .ok_or_else(|| ConsoleError::invalid("agent", "no agent has this email"))?;
    let mut tx = k.db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO telephony_events (agent_id, event, caller, call_ref, at, token_id, event_ref, topic) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(agent.id)
    .bind(body.event.as_str())
    .bind(Vec::<u8>::new())
    .bind(&body.call_ref)
    .bind(millis(k.now()))
    .bind(who.id)
    .bind(event_ref)
    .bind(&body.topic)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match kernel::Error::on_unique(e, "an event with this id") {
        kernel::Error::Conflict(_) => kernel::Error::refused(
            StatusCode::CONFLICT,
            "replayed-event",
            format!("event {event_ref} was already received; it is not processed twice"),
        ),
        other => other,
    })?
    .try_get("id")?;
    if matches!(body.event, Kind::Ended) {
        // The number served the screen pop while the call rang and ran; once it ended, the
        // agent's events keep no caller (under the deployment's key, it is nobody's to shred).
        // The ended call's events (by the PBX's call reference when it sends one), not a
        // second call already ringing for the agent.
        sqlx::query(
            "UPDATE telephony_events SET caller = NULL, caller_token = NULL WHERE agent_id = $1 AND id <= $2 \
             AND ($3 IS NULL OR call_ref = $3) AND (caller IS NOT NULL OR caller_token IS NOT NULL)",
        )
        .bind(agent.id)
        .bind(id)
        .bind(&body.call_ref)
        .execute(&mut *tx)
        .await?;
    } else {
        // The caller's token lets an erasure find the calls from a person's number.
        let sealed = k
            .envelope
            .seal_str(aad(&id.to_string()), body.caller.trim())?;
        sqlx::query("UPDATE telephony_events SET caller = $2, caller_token = $3 WHERE id = $1")
            .bind(id)
            .bind(sealed)
            .bind(k.blind.token("phone", body.caller.trim()))
            .execute(&mut *tx)
            .await?;
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "telephony.event",
            subject: &format!("user:{}", agent.id),
            request_id: None,
            detail: serde_json::json!({ "event": body.event.as_str(), "id": id }),
        },
    )
    .await?;
    tx.commit().await?;
    if matches!(body.event, Kind::Ringing) {
        console
            .bus
            .publish(Event::ScreenPop { user: agent.id, id })
            .await;
    }
    Ok((StatusCode::ACCEPTED, ApiJson(Accepted { id })))
}

/// Whether `number` is in E.164: `+`, a non-zero digit, then 1 to 14 more digits.
fn is_e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|d| {
        (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
    })
}

/// The `screen_pop` push of event `id` for `user`: the caller masked, the matching cases
/// masked. What it shows is audited and lets `user` open those cases for a while.
pub async fn screen_pop(k: &Kernel, console: &Console, user: i64, id: i64) -> Result<ScreenPop> {
    let row = sqlx::query("SELECT caller, topic FROM telephony_events WHERE id = $1")
        .bind(id)
        .fetch_one(k.db.pool())
        .await?;
    let topic: Option<String> = row.try_get("topic")?;
    // The inbound script the caller's topic names, when one is published.
    let script = match &topic {
        Some(t) => crate::inbound::inbound_script(k, t)
            .await?
            .map(|_| t.clone()),
        None => None,
    };
    // Cleared when the caller's person was erased: nothing to look up any more.
    let Some(sealed) = row.try_get::<Option<Vec<u8>>, _>("caller")? else {
        return Ok(ScreenPop {
            event_id: id,
            caller_masked: "••••".into(),
            results: Vec::new(),
            topic,
            script,
        });
    };
    let caller = k.envelope.open_str(aad(&id.to_string()), &sealed)?;
    let results = cases::search::search(k, console.cases.meili.as_ref(), &caller, 10).await?;
    cases::access::grant_screen_pop(k, user, id, &results).await?;
    let digits: Vec<char> = caller.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    Ok(ScreenPop {
        event_id: id,
        caller_masked: format!("•••• •• {tail}"),
        results,
        topic,
        script,
    })
}
