//! The WebSocket: the upgrade's checks and buffers, and one task per connection that reads
//! requests, answers each, and writes pushes from the hub.
//!
//! Memory per idle connection stays small (benchmark B5): the read buffer is 4 KiB instead
//! of tungstenite's 128 KiB default, outgoing frames wait in a 64-entry queue of shared
//! buffers, writes are bounded, and a request's handling is boxed so the idle connection's
//! future does not carry the largest handler's state.

use std::time::Duration;

use crate::replies::{Ack, Push, Welcome};
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRef, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::Problem;
use kernel::Kernel;
use tokio::sync::mpsc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ConsoleError, Result};
use crate::hub::QUEUE;
use crate::protocol::{self, Request, HEARTBEAT_MS, MAX_MESSAGE};
use crate::{agent, call_flow, inbound, supervisor, Console, Ctx};

const USERS: &[Role] = &[Role::Agent, Role::Supervisor];

/// Read buffer per connection.
pub const READ_BUFFER: usize = 4 * 1024;
/// Most bytes a connection may have waiting to be written before it is dropped.
pub const MAX_WRITE_BUFFER: usize = 256 * 1024;
/// A connection silent for this long (no request, no heartbeat) is closed.
pub const IDLE: Duration = Duration::from_millis(3 * HEARTBEAT_MS as u64);

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/api/v1/console/ws",
    Access::Roles(USERS),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Console: FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(upgrade))
}

/// The origin browsers of this server send: the configured public URL's, else the one of
/// the host the request was sent to.
fn origin_allowed(k: &Kernel, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Not a browser: cross-site WebSocket hijacking needs one.
        return true;
    };
    match &k.config.public_url {
        Some(url) => {
            let ours: String = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            origin.eq_ignore_ascii_case(&ours)
        }
        None => headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|host| {
                origin.eq_ignore_ascii_case(&format!("http://{host}"))
                    || origin.eq_ignore_ascii_case(&format!("https://{host}"))
            }),
    }
}

/// Opens the console's WebSocket (see PROTOCOL.md): 101 with a session and the server's own
/// origin, 401 without a session, 403 for another role or a foreign origin, 426 for a request
/// that is not a WebSocket upgrade.
#[utoipa::path(get, path = "/api/v1/console/ws", tag = "console",
    responses((status = 101), (status = 401), (status = 403), (status = 426)))]
async fn upgrade(
    State(k): State<Kernel>,
    State(console): State<Console>,
    user: Principal,
    headers: HeaderMap,
    ws: std::result::Result<
        WebSocketUpgrade,
        axum::extract::ws::rejection::WebSocketUpgradeRejection,
    >,
) -> Response {
    if !origin_allowed(&k, &headers) {
        return Problem::new(
            StatusCode::FORBIDDEN,
            "foreign-origin",
            "this console belongs to another site",
        )
        .into_response();
    }
    let Ok(ws) = ws else {
        return Problem::new(
            StatusCode::UPGRADE_REQUIRED,
            "websocket-only",
            "this route speaks WebSocket",
        )
        .into_response();
    };
    // The session the connection is opened with: the sweep closes it when that session ends.
    let session = kernel::auth::sessions::hash_of_request(&headers);
    ws.read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(MAX_WRITE_BUFFER)
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| serve(k, console, user, session, socket))
}

/// The first messages: `welcome`, then the agent's `state` or the supervisor's `dashboard`.
async fn greet(k: &Kernel, user: &Principal) -> Result<Vec<Utf8Bytes>> {
    let mut out = vec![protocol::push(&Push::Welcome(Welcome {
        protocol: protocol::VERSION,
        user: user.clone(),
        ui_language: user.ui_language().to_string(),
        heartbeat_ms: HEARTBEAT_MS,
    }))
    .into()];
    if user.role == Role::Agent {
        let state = agent::state(k, user).await?;
        out.push(protocol::push(&Push::State(Box::new(state))).into());
    } else {
        let figures = supervisor::figures(k).await?;
        let at = kernel::db::millis(k.now());
        let mine = supervisor::for_viewer(&figures, user, at);
        out.push(protocol::push(&Push::Dashboard(mine)).into());
    }
    Ok(out)
}

async fn serve(
    k: Kernel,
    console: Console,
    user: Principal,
    session: Option<String>,
    mut socket: WebSocket,
) {
    let (tx, mut rx) = mpsc::channel::<Utf8Bytes>(QUEUE);
    let conn = console.hub.register(user, session, tx.clone());
    match Box::pin(greet(&k, &conn.user)).await {
        Ok(frames) => {
            for f in frames {
                let _ = tx.try_send(f);
            }
        }
        Err(e) => tracing::error!(error = %e, "console greeting failed"),
    }
    let idle = tokio::time::sleep(IDLE);
    tokio::pin!(idle);
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                idle.as_mut().reset(tokio::time::Instant::now() + IDLE);
                let reply = match incoming {
                    Some(Ok(Message::Text(text))) => {
                        Box::pin(handle(&k, &console, &conn.user, text.as_str())).await
                    }
                    Some(Ok(Message::Binary(_))) => protocol::refusal(&protocol::Refusal {
                        re: None,
                        code: "malformed",
                        message: "messages are JSON text frames".into(),
                    }),
                    Some(Ok(_)) => continue,
                    Some(Err(_)) | None => break,
                };
                if tx.try_send(reply.into()).is_err() {
                    break;
                }
            }
            out = rx.recv() => match out {
                Some(frame) => {
                    if socket.send(Message::Text(frame)).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
            () = conn.kick.notified() => break,
            () = &mut idle => break,
        }
    }
    let others = console.hub.unregister(&conn);
    if !others && conn.user.role == Role::Agent {
        if let Err(e) = agent::disconnected(&k, &console, &conn.user).await {
            tracing::warn!(error = %e, "agent state not updated on disconnect");
        }
    }
}

/// One request: its reply (`ack` or `error`).
async fn handle(k: &Kernel, console: &Console, user: &Principal, text: &str) -> String {
    let (re, request) = match protocol::parse(text) {
        Ok(parsed) => parsed,
        Err(refusal) => return protocol::refusal(&refusal),
    };
    let ctx = Ctx {
        k,
        console,
        user,
        request_id: uuid::Uuid::new_v4().to_string(),
    };
    match dispatch(&ctx, request).await {
        Ok(body) => protocol::ack(re.as_deref(), &body),
        Err(e) => {
            match e.code() {
                "internal" => tracing::error!(error = %e, "console request failed"),
                "unavailable" => {
                    tracing::warn!(error = %e, "console request refused: database unreachable")
                }
                _ => {}
            }
            protocol::error(re.as_deref(), &e)
        }
    }
}

async fn dispatch(ctx: &Ctx<'_>, request: Request) -> Result<Ack> {
    let agent_only = || {
        if ctx.user.role == Role::Agent {
            Ok(())
        } else {
            Err(ConsoleError::Forbidden)
        }
    };
    match request {
        Request::Ready => {
            agent_only()?;
            agent::ready(ctx).await
        }
        Request::Pause { reason } => {
            agent_only()?;
            agent::pause(ctx, reason).await
        }
        Request::Heartbeat => match ctx.user.role {
            Role::Agent => agent::heartbeat(ctx).await,
            _ => Ok(Ack::Done {}),
        },
        Request::StartCall { order_id } => {
            agent_only()?;
            call_flow::start_call(ctx, order_id).await
        }
        Request::Answer {
            call_id,
            field,
            value,
        } => call_flow::answer(ctx, &call_id, &field, &value).await,
        Request::Next { call_id } => call_flow::next(ctx, &call_id).await,
        Request::Goto { call_id, position } => call_flow::goto(ctx, &call_id, &position).await,
        Request::Language { call_id, language } => {
            call_flow::language(ctx, &call_id, &language).await
        }
        Request::Finish {
            call_id,
            outcome,
            callback_at,
        } => call_flow::finish(ctx, &call_id, outcome, callback_at).await,
        Request::Search { q } => {
            agent_only()?;
            inbound::search(ctx, &q).await
        }
        Request::OpenCase {
            code,
            reason,
            justification,
        } => {
            agent_only()?;
            let purpose = cases::purpose::Purpose {
                reason,
                order_id: None,
                justification: justification.as_deref(),
            };
            inbound::open_case(ctx, &code, purpose).await
        }
        Request::StartInbound {
            code,
            script,
            order_id,
        } => {
            agent_only()?;
            match order_id {
                Some(order) => inbound::complete_missed(ctx, &code, order).await,
                None => inbound::start_inbound(ctx, &code, script.as_deref()).await,
            }
        }
        Request::Launch { campaign_id } => supervisor::launch(ctx, &campaign_id).await,
        Request::PauseCampaign { campaign_id } => {
            supervisor::pause_campaign(ctx, &campaign_id).await
        }
        Request::Reassign { order_id, agent_id } => {
            supervisor::reassign(ctx, order_id, agent_id).await
        }
        Request::Message { agent_id, text } => supervisor::message(ctx, agent_id, &text).await,
        Request::RegisterCaller { fields } => {
            agent_only()?;
            crate::inbound::register_caller(ctx, &fields).await
        }
        Request::WrapUpNote { call_id, text } => {
            agent_only()?;
            crate::wrap_up::save_note(ctx, &call_id, &text).await
        }
    }
}
