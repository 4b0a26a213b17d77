//! The staff's requests page: their team's queue (national supervisors: any team's), one
//! request at a time, known issues in one click, their notices. The page carries only what
//! is no one's personal data (topics, quick replies, teams, regions); the script reads the
//! queue and each request through the API, which decides and audits.

use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::i18n::catalog;
use kernel::pages::{Context, Pages, Template};
use kernel::problem::ApiQuery;
use kernel::{Kernel, Result};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const TEMPLATES: &[Template] = &[(
    "request_inbox.html",
    include_str!("../templates/request_inbox.html"),
)];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/requests/queue",
    Access::Roles(&[Role::Agent, Role::Supervisor]),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(inbox_page))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// A request to open at once (the link of a notice's mail).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

fn pick(m: &std::collections::BTreeMap<String, String>, lang: &str) -> String {
    m.get(lang)
        .or_else(|| m.get("en"))
        .or_else(|| m.get("fr"))
        .cloned()
        .unwrap_or_default()
}

/// The requests page.
#[utoipa::path(get, path = "/requests/queue", tag = "pages", params(InboxQuery),
    responses((status = 200, content_type = "text/html")))]
async fn inbox_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> Result<Response> {
    let lang = user.ui_language();
    let topics: Vec<serde_json::Value> = crate::store::topics(&k)
        .await?
        .into_iter()
        .map(|r| {
            let t = r.topic;
            serde_json::json!({
                "id": t.id,
                "title": t.title_in(lang),
                "form": t.form.is_some(),
                "quick_replies": t.quick_replies.iter().map(|q| serde_json::json!({
                    "id": q.id, "title": pick(&q.title, lang), "body": pick(&q.body, lang),
                })).collect::<Vec<_>>(),
                "quick_requests": t.quick_requests.iter().map(|q| serde_json::json!({
                    "id": q.id, "title": pick(&q.title, lang),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let teams: Vec<String> = kernel::auth::teams::list(&k.db)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect();
    let mut regions: Vec<&str> = kernel::postal::PROVINCES
        .iter()
        .filter_map(|p| p.names.first().copied())
        .collect();
    regions.extend(
        kernel::postal::Region::ALL
            .iter()
            .filter_map(|r| r.names().first().copied()),
    );
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", &user);
    ctx.insert("here", "requests");
    ctx.insert("texts", &catalog().area(lang, "supervise-"));
    ctx.insert("national", &user.team.is_none());
    ctx.insert("teams", &teams);
    ctx.insert("topics", &topics);
    ctx.insert("regions", &regions);
    ctx.insert(
        "open_ref",
        &q.reference
            .filter(|r| r.len() <= 20 && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or_default(),
    );
    Ok(pages.render("request_inbox.html", &ctx))
}
