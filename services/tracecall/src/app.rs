//! The application: every service's router and access decisions mounted in one place, the
//! middleware stack, and [`launch`], which serves on a given listener until a shutdown future
//! resolves (so tests bind port 0 and stop cleanly).

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, FromRef, MatchedPath, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::{Extension, Router};
use kernel::auth::guard::{guard, AccessTable, GuardState, RoutePolicy};
use kernel::http::REQUEST_ID_HEADER;
use kernel::metrics::HttpLabels;
use kernel::problem::Problem;
use kernel::Kernel;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::ops;

/// State handed to handlers; each service extracts the part it needs through `FromRef`.
#[derive(Clone)]
pub struct AppState {
    pub kernel: Kernel,
    pub pages: kernel::pages::Pages,
    pub cases: cases::routes::CasesState,
    pub console: console::Console,
    pub exporter: exporter::Exporter,
}

impl FromRef<AppState> for exporter::Exporter {
    fn from_ref(state: &AppState) -> Self {
        state.exporter.clone()
    }
}

impl FromRef<AppState> for console::Console {
    fn from_ref(state: &AppState) -> Self {
        state.console.clone()
    }
}

impl FromRef<AppState> for cases::routes::CasesState {
    fn from_ref(state: &AppState) -> Self {
        state.cases.clone()
    }
}

impl FromRef<AppState> for kernel::pages::Pages {
    fn from_ref(state: &AppState) -> Self {
        state.pages.clone()
    }
}

impl FromRef<AppState> for Kernel {
    fn from_ref(state: &AppState) -> Kernel {
        state.kernel.clone()
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tracecall",
        description = "Contact-center platform for public-health outreach"
    ),
    components(schemas(kernel::problem::Problem, kernel::problem::FieldError))
)]
struct ApiDoc;

/// Every access decision of every mounted service. The route-walk test checks that this and
/// the OpenAPI route list name the same routes.
pub fn policies() -> impl Iterator<Item = &'static RoutePolicy> {
    kernel::auth::routes::POLICIES
        .iter()
        .chain(kernel::auth::team_routes::POLICIES)
        .chain(kernel::auth::account_routes::POLICIES)
        .chain(kernel::auth::admin_pages::POLICIES)
        .chain(kernel::pages::POLICIES)
        .chain(scripting::routes::POLICIES)
        .chain(scripting::authoring::POLICIES)
        .chain(scripting::pages::POLICIES)
        .chain(cases::routes::POLICIES)
        .chain(cases::listing::POLICIES)
        .chain(cases::import_jobs::POLICIES)
        .chain(campaigns::routes::POLICIES)
        .chain(campaigns::do_not_call::POLICIES)
        .chain(campaigns::builder_routes::POLICIES)
        .chain(campaigns::pages::POLICIES)
        .chain(console::figures_page::POLICIES)
        .chain(elearning::routes::POLICIES)
        .chain(elearning::pages::POLICIES)
        .chain(ops::POLICIES)
        .chain(console::policies())
        .chain(exporter::routes::POLICIES)
        .chain(documents::routes::POLICIES)
        .chain(documents::pages::POLICIES)
        .chain(documents::citizen::POLICIES)
        .chain(documents::job_routes::POLICIES)
        .chain(requests::routes::POLICIES)
        .chain(requests::requester::POLICIES)
        .chain(requests::pages::POLICIES)
        .chain(requests::public::POLICIES)
        .chain(requests::report_routes::POLICIES)
        .chain(requests::report_page::POLICIES)
        .chain(requests::work_routes::POLICIES)
        .chain(requests::inbox_page::POLICIES)
        .chain(exporter::pages::POLICIES)
}

/// The router with every route, and the OpenAPI document generated from the same handlers.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(kernel::auth::routes::router())
        .merge(kernel::auth::team_routes::router())
        .merge(kernel::auth::account_routes::router())
        .merge(kernel::auth::admin_pages::router())
        .merge(kernel::pages::router())
        .merge(scripting::routes::router())
        .merge(scripting::authoring::router())
        .merge(scripting::pages::router())
        .merge(cases::routes::router())
        .merge(cases::listing::router())
        .merge(cases::import_jobs::router())
        .merge(campaigns::routes::router())
        .merge(campaigns::do_not_call::router())
        .merge(campaigns::builder_routes::router())
        .merge(campaigns::pages::router())
        .merge(console::figures_page::router())
        .merge(elearning::routes::router())
        .merge(elearning::pages::router())
        .merge(ops::router())
        .merge(console::socket::router())
        .merge(console::telephony::router())
        .merge(console::pages::router())
        .merge(exporter::routes::router())
        .merge(documents::routes::router())
        .merge(documents::pages::router())
        .merge(documents::citizen::router())
        .merge(documents::job_routes::router())
        .merge(requests::routes::router())
        .merge(requests::requester::router())
        .merge(requests::pages::router())
        .merge(requests::public::router())
        .merge(requests::report_routes::router())
        .merge(requests::report_page::router())
        .merge(requests::work_routes::router())
        .merge(requests::inbox_page::router())
        .merge(exporter::pages::router())
        .split_for_parts()
}

/// Every service's templates in one renderer.
pub fn templates() -> kernel::Result<kernel::pages::Pages> {
    kernel::pages::Pages::new(&[
        kernel::auth::admin_pages::TEMPLATES,
        console::pages::TEMPLATES,
        campaigns::pages::TEMPLATES,
        console::figures_page::TEMPLATES,
        scripting::pages::TEMPLATES,
        elearning::pages::TEMPLATES,
        exporter::pages::TEMPLATES,
        documents::pages::TEMPLATES,
        documents::citizen::TEMPLATES,
        requests::requester::TEMPLATES,
        requests::public::TEMPLATES,
        requests::report_page::TEMPLATES,
        requests::inbox_page::TEMPLATES,
    ])
}

/// Builds the complete application for `kernel`.
pub fn build(
    kernel: Kernel,
    console: console::Console,
    exporter: exporter::Exporter,
) -> kernel::Result<Router> {
    let pages = templates()?;
    let table = AccessTable::new(policies())?;
    let (router, doc) = routes();
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let state = AppState {
        kernel: kernel.clone(),
        pages,
        cases: console.cases.clone(),
        console,
        exporter,
    };
    Ok(router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            GuardState {
                kernel: kernel.clone(),
                table,
            },
            guard,
        ))
        // Outside the guard, so that its refusals become pages for a browser too.
        .layer(middleware::from_fn_with_state(
            (kernel.clone(), state.pages.clone()),
            kernel::error_pages::html_errors,
        ))
        .layer(middleware::from_fn_with_state(
            kernel.clone(),
            record_metrics,
        ))
        .layer(Extension(Arc::new(doc)))
        .layer(DefaultBodyLimit::max(kernel.config.http.body_limit_bytes))
        // A body trickled in slower than this is cut off with 408.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            std::time::Duration::from_secs(kernel.config.http.body_timeout_secs.max(1)),
        ))
        .layer(middleware::from_fn(kernel::http::problem_for_bare_errors))
        .layer(middleware::from_fn(kernel::http::limit_head))
        .layer(middleware::from_fn_with_state(
            kernel.clone(),
            kernel::http::security_headers,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state))
}

/// Serves `kernel`'s application on `listener`, with the background workers, until
/// `shutdown` resolves; then lets open requests finish and stops the workers.
pub async fn launch(
    kernel: Kernel,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // A database restored from before an erasure must not serve until it is re-applied.
    kernel::erasure::check_not_behind(&kernel.db, &kernel.config.checkpoint_dir()).await?;
    let cases_config =
        cases::config::CasesConfig::from_kernel(&kernel).map_err(anyhow::Error::msg)?;
    let meili = if cases_config.uses_meilisearch() {
        let m = cases::meili::Meili::new(&cases_config)?;
        // Meilisearch down at start does not keep the node down: searches fall back to the
        // token index until it answers (the outbox keeps what it must receive).
        if let Err(e) = m.prepare().await {
            tracing::warn!(error = %e, "Meilisearch not ready; searches use the token index until it is");
        }
        Some(m)
    } else {
        None
    };
    let console = console::Console::new(
        &kernel,
        cases::routes::CasesState {
            meili: meili.clone(),
        },
    );
    let exporter = exporter::Exporter::new(&kernel).await?;
    let app = build(kernel.clone(), console.clone(), exporter.clone())?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = console::workers::spawn(kernel.clone(), console, stopped.clone());
    workers.extend(exporter::schedule::spawn(
        kernel.clone(),
        exporter,
        stopped.clone(),
    ));
    workers.extend(cases::workers::spawn(
        kernel.clone(),
        &cases_config,
        meili,
        stopped.clone(),
    ));
    workers.extend(requests::reminders::spawn(kernel.clone(), stopped.clone()));
    workers.extend(kernel::workers::spawn(kernel.clone(), stopped));
    let header_timeout =
        std::time::Duration::from_secs(kernel.config.http.header_timeout_secs.max(1));
    crate::listener::serve(listener, app, header_timeout, shutdown).await;
    let _ = stop.send(true);
    for w in workers {
        let _ = w.await;
    }
    Ok(())
}

async fn not_found(
    State(k): State<Kernel>,
    State(pages): State<kernel::pages::Pages>,
    method: axum::http::Method,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let problem = Problem::new(StatusCode::NOT_FOUND, "not-found", "no such route");
    kernel::error_pages::or_problem(&k, &pages, &method, &headers, uri.path(), problem).await
}

/// The span of one request: method, matched route (never the raw path or query, which can
/// carry personal data such as a searched name), request id, and the actor once known.
/// Health checks and scrapes are logged at DEBUG so they do not drown the rest.
fn request_span(req: &Request) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let request_id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if matches!(route.as_str(), "/healthz" | "/readyz" | "/metrics") {
        tracing::debug_span!("request", method = %req.method(), route, request_id, actor = tracing::field::Empty)
    } else {
        tracing::info_span!("request", method = %req.method(), route, request_id, actor = tracing::field::Empty)
    }
}

async fn record_metrics(State(k): State<Kernel>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let response = next.run(req).await;
    let labels = HttpLabels {
        method,
        route,
        status: response.status().as_u16(),
    };
    k.metrics.http_requests.get_or_create(&labels).inc();
    k.metrics
        .http_seconds
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    response
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
