//! The console's background work on each node:
//!
//! - on PostgreSQL, a listener that receives every node's events (`LISTEN`);
//! - a router that turns events into pushes to this node's connections;
//! - the dashboard: once a second and on change events, while a supervisor is connected
//!   here, the figures are recomputed and pushed when they changed;
//! - the matcher: agents who are ready and hold nothing are offered orders as they become
//!   available (on an `Orders` event, and every few seconds for orders whose retry time or
//!   calling window has come).

use std::sync::Arc;
use std::time::Duration;

use crate::replies::{Dashboard, Push};
use kernel::auth::Role;
use kernel::db::Backend;
use kernel::Kernel;
use tokio::sync::{broadcast, watch, Notify};
use tokio::task::JoinHandle;

use crate::bus::{Event, CHANNEL};
use crate::protocol::push;
use crate::supervisor::{self, SUPERVISORS};
use crate::{agent, messages, telephony, Console};

/// How often the matcher looks for orders without being told.
pub const MATCH_EVERY: Duration = Duration::from_secs(5);

pub fn spawn(k: Kernel, console: Console, stop: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
    let dirty = Arc::new(Notify::new());
    let wake = Arc::new(Notify::new());
    let mut out = vec![
        tokio::spawn(route(
            k.clone(),
            console.clone(),
            dirty.clone(),
            wake.clone(),
            stop.clone(),
        )),
        tokio::spawn(dashboard(k.clone(), console.clone(), dirty, stop.clone())),
        tokio::spawn(matcher(k.clone(), console.clone(), wake, stop.clone())),
        tokio::spawn(forward_notices(k.clone(), console.clone(), stop.clone())),
        tokio::spawn(sweep_sessions(k.clone(), console.clone(), stop.clone())),
    ];
    if k.db.backend() == Backend::Postgres {
        out.push(tokio::spawn(listen(k, console, stop)));
    }
    out
}

async fn stopped(stop: &mut watch::Receiver<bool>) {
    while !*stop.borrow() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// Forwards the kernel's notices raised on this node (break-glass opens, ended sessions) to
/// every node through the bus.
async fn forward_notices(k: Kernel, console: Console, mut stop: watch::Receiver<bool>) {
    let mut notices = k.notices.subscribe();
    loop {
        let notice = tokio::select! {
            n = notices.recv() => n,
            () = stopped(&mut stop) => return,
        };
        match notice {
            Ok(n) => console.bus.publish(Event::from(n)).await,
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(lost = n, "notices lost before they reached the bus");
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

/// How often connections are checked against their sessions.
pub const SWEEP_EVERY: Duration = Duration::from_secs(5);

/// Closes the connections whose session is no longer live on an active account. The bus
/// closes a user's connections at once when this system ends a session; this catches what
/// it cannot announce: a session that expired, an account changed by the command line on
/// SQLite (a process with no bus), a notice lost, one session of several logged out.
async fn sweep_sessions(k: Kernel, console: Console, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            () = tokio::time::sleep(SWEEP_EVERY) => {}
            () = stopped(&mut stop) => return,
        }
        let sessions = console.hub.sessions();
        if sessions.is_empty() && console.hub.count() == 0 {
            continue;
        }
        match kernel::auth::sessions::live(&k.db, &sessions, k.now()).await {
            Ok(alive) => {
                console.hub.kick_all_but(&alive);
            }
            Err(e) => tracing::warn!(error = %e, "sessions not checked"),
        }
    }
}

/// Receives the events of every node from PostgreSQL.
async fn listen(k: Kernel, console: Console, mut stop: watch::Receiver<bool>) {
    let url = k.config.database_url();
    loop {
        let mut listener = match sqlx::postgres::PgListener::connect(&url).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "console listener cannot connect; retrying");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                    () = stopped(&mut stop) => return,
                }
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "console listener cannot LISTEN; retrying");
            continue;
        }
        // Anything may have happened while not listening.
        console.bus.deliver(Event::Dashboard);
        console.bus.deliver(Event::Orders);
        loop {
            tokio::select! {
                n = listener.recv() => match n {
                    Ok(n) => match serde_json::from_str::<Event>(n.payload()) {
                        Ok(e) => console.bus.deliver(e),
                        Err(e) => tracing::warn!(error = %e, "unreadable console event"),
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "console listener lost its connection");
                        break;
                    }
                },
                () = stopped(&mut stop) => return,
            }
        }
    }
}

/// Turns events into pushes to this node's connections.
async fn route(
    k: Kernel,
    console: Console,
    dirty: Arc<Notify>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let mut events = console.bus.subscribe();
    loop {
        let event = tokio::select! {
            e = events.recv() => e,
            () = stopped(&mut stop) => return,
        };
        match event {
            Ok(Event::State { user }) => push_state(&k, &console, user).await,
            Ok(Event::Message { user, id }) if console.hub.has_user(user) => {
                match messages::get(&k, id).await {
                    Ok(Some(m)) => {
                        console.hub.send_user(user, push(&Push::Message(m)).into());
                    }
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "message not pushed"),
                }
            }
            Ok(Event::ScreenPop { user, id }) if console.hub.has_user(user) => {
                match telephony::screen_pop(&k, &console, user, id).await {
                    Ok(pop) => {
                        console
                            .hub
                            .send_user(user, push(&Push::ScreenPop(pop)).into());
                    }
                    Err(e) => tracing::warn!(error = %e, "screen pop not pushed"),
                }
            }
            Ok(Event::RequestNotice {
                user,
                reference,
                notice,
            }) if console.hub.has_user(user) => {
                let notice = crate::replies::RequestNotice {
                    reference,
                    kind: notice,
                };
                console
                    .hub
                    .send_user(user, push(&Push::RequestNotice(notice)).into());
            }
            Ok(Event::Message { .. } | Event::ScreenPop { .. } | Event::RequestNotice { .. }) => {}
            Ok(Event::SessionsEnded { user }) => {
                console.hub.kick_user(user);
            }
            Ok(Event::BreakGlass {
                user,
                case_code,
                count_today,
            }) => {
                let alert = crate::alerts::break_glass(&k, user, case_code, count_today);
                crate::alerts::tell_supervisors(&k, &console, user, alert).await;
            }
            Ok(Event::SearchLimited { user }) => {
                let alert = crate::alerts::search_limited(&k, user);
                crate::alerts::tell_supervisors(&k, &console, user, alert).await;
            }
            Ok(Event::Dashboard) => dirty.notify_one(),
            Ok(Event::Orders) => wake.notify_one(),
            Err(broadcast::error::RecvError::Lagged(_)) => {
                // Events were lost: refresh everything this node shows.
                for user in console.hub.users_of(&[Role::Agent]) {
                    push_state(&k, &console, user.id).await;
                }
                dirty.notify_one();
                wake.notify_one();
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}

async fn push_state(k: &Kernel, console: &Console, user_id: i64) {
    let Some(user) = console
        .hub
        .users_of(&[Role::Agent])
        .into_iter()
        .find(|u| u.id == user_id)
    else {
        return;
    };
    match agent::state(k, &user).await {
        Ok(s) => {
            console
                .hub
                .send_user(user_id, push(&Push::State(Box::new(s))).into());
        }
        Err(e) => tracing::warn!(error = %e, "state not pushed"),
    }
}

/// Pushes the dashboard's figures to this node's supervisors when they change.
async fn dashboard(
    k: Kernel,
    console: Console,
    dirty: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let mut last: Option<Dashboard> = None;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        // Every second (times and deadlines move), and at once when something changed.
        tokio::select! {
            _ = tick.tick() => {}
            () = dirty.notified() => {}
            () = stopped(&mut stop) => return,
        }
        let viewers = console.hub.users_of(SUPERVISORS);
        if viewers.is_empty() {
            last = None;
            continue;
        }
        let figures = match supervisor::figures(&k).await {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(error = %e, "dashboard figures unavailable");
                continue;
            }
        };
        if last.as_ref() == Some(&figures) {
            continue;
        }
        let at = kernel::db::millis(k.now());
        for viewer in viewers {
            let body = supervisor::for_viewer(&figures, &viewer, at);
            console
                .hub
                .send_user(viewer.id, push(&Push::Dashboard(body)).into());
        }
        last = Some(figures);
    }
}

/// Offers orders to ready agents connected here who hold none.
async fn matcher(k: Kernel, console: Console, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(MATCH_EVERY) => {}
            () = stopped(&mut stop) => return,
        }
        // After-call work that ran out ends here (then the loop below offers work).
        match crate::wrap_up::end_expired(&k).await {
            Ok(ended) => {
                for user in ended {
                    console.bus.publish(Event::State { user }).await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "ending after-call work failed"),
        }
        for user in console.hub.users_of(&[Role::Agent]) {
            match crate::offers::offer_next(&k, &user).await {
                Ok(true) => {
                    console.bus.publish(Event::State { user: user.id }).await;
                    console.bus.publish(Event::Dashboard).await;
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "offering an order failed"),
            }
        }
    }
}
