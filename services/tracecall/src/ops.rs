//! Operational routes: liveness, readiness, metrics and the OpenAPI document.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::IntoResponse;
use axum::Extension;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::Kernel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/healthz", Access::Public),
    RoutePolicy::new(Method::GET, "/readyz", Access::Public),
    // Metrics carry route names and counts, no personal data; scrapers do not log in.
    RoutePolicy::new(Method::GET, "/metrics", Access::Public),
    RoutePolicy::new(Method::GET, "/api/v1/openapi.json", Access::Public),
];

/// The routes, for any application state that holds a [`Kernel`] (so this module needs
/// nothing from `app`, which mounts it).
pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(metrics))
        .routes(routes!(openapi))
}

/// The process is alive.
#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, body = String)))]
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "ops", responses((status = 200, body = String), (status = 503)))]
async fn readyz(State(k): State<Kernel>) -> impl IntoResponse {
    match k.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database not reachable")
        }
    }
}

/// Prometheus text exposition. The gauges of shared state are read from the database first.
#[utoipa::path(get, path = "/metrics", tag = "ops", responses((status = 200, body = String)))]
async fn metrics(State(k): State<Kernel>) -> impl IntoResponse {
    if let Err(e) = refresh_gauges(&k).await {
        // The counters and the HTTP metrics are still worth a scrape.
        tracing::warn!(error = %e, "business gauges not refreshed");
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        k.metrics.render(),
    )
}

/// This document, generated from the code.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "ops", responses((status = 200)))]
async fn openapi(Extension(doc): Extension<Arc<utoipa::openapi::OpenApi>>) -> impl IntoResponse {
    axum::Json(doc.as_ref().clone())
}

/// Queue depth and orders at risk per live campaign, agents by state: what every node reads
/// alike from the database (aggregate them with `max`).
async fn refresh_gauges(k: &Kernel) -> kernel::Result<()> {
    use kernel::metrics::{CampaignLabels, StateLabels};
    let b = &k.metrics.business;
    let figures = campaigns::figures::campaigns(k).await?;
    b.queue_depth.clear();
    b.orders_at_risk.clear();
    for f in figures.iter().filter(|f| {
        matches!(
            f.status,
            campaigns::states::CampaignStatus::Running | campaigns::states::CampaignStatus::Paused
        )
    }) {
        let labels = CampaignLabels {
            campaign_id: f.id.clone(),
            campaign: f.name.clone(),
        };
        b.queue_depth.get_or_create(&labels).set(f.waiting);
        b.orders_at_risk.get_or_create(&labels).set(f.at_risk);
    }
    let agents = console::presence::all(k).await?;
    for state in console::presence::AgentStatus::ALL {
        let n = agents.iter().filter(|a| a.status == *state).count();
        b.agents
            .get_or_create(&StateLabels {
                state: state.as_str().into(),
            })
            .set(n as i64);
    }
    Ok(())
}
