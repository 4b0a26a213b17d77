//! The telephony integration: the PBX tells us a call is ringing for an agent, and the agent's
//! console shows the cases matching the caller's number at once (screen pop).
//!
//! Only machine clients (API tokens of a supervisor or admin role) post events; a person's
//! session is refused, so a supervisor cannot fake calls from the browser. The caller's
//! number is sealed at rest; the push carries the event id, and the node holding the agent's
//! console opens it and searches.

use crate::replies::ScreenPop;
use axum::extract::{FromRef, State};
use axum::http::{Method, StatusCode};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, PrincipalKind, Role};
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

const INTEGRATIONS: &[Role] = &[Role::Supervisor, Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::POST,
    "/api/v1/telephony/events",
    Access::Roles(INTEGRATIONS),
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
    pub event: Kind,
    /// The caller's number, in any common format.
    pub caller: String,
    /// The agent's email.
    pub agent: String,
    /// The PBX's own reference of the call.
    #[serde(default)]
    pub call_ref: Option<String>,
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
    responses((status = 202, body = Accepted), (status = 403), (status = 422)))]
async fn post_event(
    State(k): State<Kernel>,
    State(console): State<Console>,
    who: Principal,
    ApiJson(body): ApiJson<TelephonyEvent>,
) -> kernel::Result<(StatusCode, ApiJson<Accepted>)> {
    if who.kind != PrincipalKind::Token {
        return Err(kernel::Error::Forbidden);
    }
    if body.caller.trim().is_empty() || body.caller.len() > 40 {
        return Err(kernel::Error::invalid(
            "caller",
            "invalid",
            "a phone number, at most 40 characters",
        ));
    }
    let agent = kernel::auth::users::list(&k.db, None)
        .await?
        .into_iter()
        .find(|u| u.email.eq_ignore_ascii_case(&body.agent) && u.role == Role::Agent)
        .ok_or_else(|| ConsoleError::invalid("agent", "no agent has this email"))?;
    let mut tx = k.db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO telephony_events (agent_id, event, caller, call_ref, at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(agent.id)
    .bind(body.event.as_str())
    .bind(Vec::<u8>::new())
    .bind(&body.call_ref)
    .bind(millis(k.now()))
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    let sealed = k
        .envelope
        .seal_str(aad(&id.to_string()), body.caller.trim())?;
    sqlx::query("UPDATE telephony_events SET caller = $2 WHERE id = $1")
        .bind(id)
        .bind(sealed)
        .execute(&mut *tx)
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

/// The `screen_pop` push of event `id`: the caller masked, the matching cases masked.
pub async fn screen_pop(k: &Kernel, console: &Console, id: i64) -> Result<ScreenPop> {
    let row = sqlx::query("SELECT caller FROM telephony_events WHERE id = $1")
        .bind(id)
        .fetch_one(k.db.pool())
        .await?;
    let sealed: Vec<u8> = row.try_get("caller")?;
    let caller = k.envelope.open_str(aad(&id.to_string()), &sealed)?;
    let results = cases::search::search(k, console.cases.meili.as_ref(), &caller, 10).await?;
    let digits: Vec<char> = caller.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    Ok(ScreenPop {
        event_id: id,
        caller_masked: format!("•••• •• {tail}"),
        results,
    })
}
