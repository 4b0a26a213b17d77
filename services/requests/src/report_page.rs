//! The supervisors' page of requests figures: the live dashboard of their team, and the
//! report over a period with its charts (drawn on the server as SVG, no script and no
//! library) and its tables, with the same report as CSV one click away.

use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::i18n::catalog;
use kernel::pages::{Context, Pages, Template};
use kernel::problem::ApiQuery;
use kernel::{Kernel, Result};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::report::Group;

pub const TEMPLATES: &[Template] = &[
    (
        "request_reports_macros.html",
        include_str!("../templates/request_reports_macros.html"),
    ),
    (
        "request_reports.html",
        include_str!("../templates/request_reports.html"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/requests/reports",
    Access::Roles(&[Role::Supervisor]),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(reports_page))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<chrono::NaiveDate>,
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<chrono::NaiveDate>,
    pub team: Option<String>,
}

/// One bar of a chart, placed.
#[derive(Debug, Serialize)]
struct Bar {
    label: String,
    value: String,
    y: i64,
    width: i64,
}

/// The chart's widest bar, in SVG units.
const WIDTH: f64 = 360.0;
const ROW: i64 = 28;

fn bars(items: &[(String, Option<i64>)]) -> Vec<Bar> {
    let max = items
        .iter()
        .filter_map(|(_, v)| *v)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    items
        .iter()
        .enumerate()
        .map(|(i, (label, v))| Bar {
            label: label.clone(),
            value: v.map_or_else(|| "–".into(), |v| v.to_string()),
            y: i as i64 * ROW,
            width: v.map_or(0, |v| ((v as f64 / max) * WIDTH).round() as i64),
        })
        .collect()
}

fn volume(groups: &[Group], label: impl Fn(&str) -> String) -> Vec<Bar> {
    bars(
        &groups
            .iter()
            .map(|g| (label(&g.key), Some(g.figures.requests)))
            .collect::<Vec<_>>(),
    )
}

/// The dashboard and the report of a period (the last seven days by default).
#[utoipa::path(get, path = "/requests/reports", tag = "pages", params(PageQuery),
    responses((status = 200, content_type = "text/html")))]
async fn reports_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response> {
    let lang = user.ui_language();
    let today = k.now().date_naive();
    let to = q.to.unwrap_or(today);
    let from = q
        .from
        .filter(|f| *f <= to && (to - *f).num_days() <= 366)
        .unwrap_or(to - chrono::Days::new(6));
    let team = q.team.as_deref().filter(|t| !t.is_empty());
    let report = crate::report::build(&k, &user, from, to, team).await?;
    let board = crate::dashboard::build(&k, &user, team).await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &user.actor(),
            action: "requests.reported",
            subject: &format!("team:{}", report.team.as_deref().unwrap_or("*")),
            request_id: None,
            detail: serde_json::json!({ "from": report.from, "to": report.to, "page": true }),
        },
    )
    .await?;
    let topics = crate::store::topics(&k).await?;
    let topic_title = |id: &str| {
        topics
            .iter()
            .find(|t| t.topic.id == id)
            .map_or(id.to_string(), |t| t.topic.title_in(lang).to_string())
    };
    let channel = |c: &str| catalog().text(lang, &format!("supervise-requests-channel-{c}"), &[]);
    let teams: Vec<String> = kernel::auth::teams::list(&k.db)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect();
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", &user);
    ctx.insert("here", "request-reports");
    ctx.insert("report", &report);
    ctx.insert("board", &board);
    ctx.insert(
        "board_topics",
        &board
            .topics
            .iter()
            .map(|(id, c)| (topic_title(id), c))
            .collect::<Vec<_>>(),
    );
    ctx.insert("teams", &teams);
    ctx.insert("national", &user.team.is_none());
    ctx.insert("chosen_team", &team.unwrap_or(""));
    ctx.insert("channel_bars", &volume(&report.channels, channel));
    ctx.insert("topic_bars", &volume(&report.topics, topic_title));
    ctx.insert(
        "response_bars",
        &bars(
            &report
                .topics
                .iter()
                .map(|g| (topic_title(&g.key), g.figures.first_response_median_minutes))
                .collect::<Vec<_>>(),
        ),
    );
    ctx.insert(
        "topic_rows",
        &report
            .topics
            .iter()
            .map(|g| (topic_title(&g.key), &g.figures))
            .collect::<Vec<_>>(),
    );
    ctx.insert("row", &ROW);
    ctx.insert(
        "csv",
        &format!(
            "/api/v1/requests/report?from={}&to={}&format=csv{}",
            report.from,
            report.to,
            team.map(|t| format!("&team={t}")).unwrap_or_default()
        ),
    );
    Ok(pages.render("request_reports.html", &ctx))
}
