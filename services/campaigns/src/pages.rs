//! The supervisor's pages: the campaign builder (`/campaigns`: the campaigns with their
//! actions, and a form that writes, counts, saves, launches, edits and clones one) and the
//! order list (`/orders`: filters, and reassign, raise or cancel on each row). The server
//! renders the page and the choices only it knows (scripts and the case types they are
//! written for, teams, courses, provinces); the page's script does the rest through the JSON
//! API, so the page does exactly what the API allows and nothing more.

use std::collections::BTreeMap;

use axum::extract::{FromRef, Path, State};
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::i18n::catalog;
use kernel::pages::{Asset, Context, Pages, Template};
use kernel::Kernel;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use kernel::Result;

pub const TEMPLATES: &[Template] = &[
    (
        "campaigns.html",
        include_str!("../templates/campaigns.html"),
    ),
    ("orders.html", include_str!("../templates/orders.html")),
    ("cases.html", include_str!("../templates/cases.html")),
    ("import.html", include_str!("../templates/import.html")),
    (
        "documents.html",
        include_str!("../templates/documents.html"),
    ),
    (
        "supervise_nav.html",
        include_str!("../templates/supervise_nav.html"),
    ),
];

const ASSETS: &[Asset] = &[
    (
        "supervise.css",
        "text/css",
        include_str!("../assets/supervise.css"),
    ),
    (
        "builder.js",
        "text/javascript",
        include_str!("../assets/builder.js"),
    ),
    (
        "builder_form.js",
        "text/javascript",
        include_str!("../assets/builder_form.js"),
    ),
    (
        "week.js",
        "text/javascript",
        include_str!("../assets/week.js"),
    ),
    (
        "orders.js",
        "text/javascript",
        include_str!("../assets/orders.js"),
    ),
    (
        "cases.js",
        "text/javascript",
        include_str!("../assets/cases.js"),
    ),
    (
        "import.js",
        "text/javascript",
        include_str!("../assets/import.js"),
    ),
    (
        "documents.js",
        "text/javascript",
        include_str!("../assets/documents.js"),
    ),
];

const MANAGERS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/campaigns", Access::Roles(MANAGERS)),
    RoutePolicy::new(Method::GET, "/orders", Access::Roles(MANAGERS)),
    RoutePolicy::new(Method::GET, "/cases", Access::Roles(MANAGERS)),
    RoutePolicy::new(Method::GET, "/import", Access::Roles(MANAGERS)),
    RoutePolicy::new(Method::GET, "/documents", Access::Roles(MANAGERS)),
    // Code and styles only, the same for everyone.
    RoutePolicy::new(Method::GET, "/static/campaigns/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(campaigns_page))
        .routes(routes!(orders_page))
        .routes(routes!(cases_page))
        .routes(routes!(import_page))
        .routes(routes!(documents_page))
        .routes(routes!(asset))
}

/// The campaigns `user` reaches, as the options of a select.
async fn reachable(k: &Kernel, user: &Principal) -> Result<Vec<Choice>> {
    Ok(crate::store::list(k)
        .await?
        .into_iter()
        .filter(|c| crate::scope::reaches(user, c))
        .map(|c| Choice {
            value: c.id,
            label: c.name,
        })
        .collect())
}

/// One option of a select or a checkbox list: the value the API takes, and its label.
#[derive(Debug, Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// An outbound script as the builder offers it.
#[derive(Debug, Serialize)]
struct ScriptChoice {
    id: String,
    title: String,
    /// The case types it is written for (empty: any).
    case_types: Vec<String>,
    languages: Vec<String>,
    release_id: i64,
    release_number: i64,
    required_courses: Vec<String>,
}

/// What both pages are rendered with: the user, their language and the texts of the
/// `supervise-` area for the page's script (interface texts only).
fn context(user: &Principal) -> Context {
    let lang = user.ui_language();
    let texts: BTreeMap<String, String> = catalog().area(lang, "supervise-");
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", user);
    ctx.insert("texts", &texts);
    ctx
}

/// The published outbound scripts, their newest release, in the user's language.
async fn scripts(k: &Kernel, lang: &str) -> Result<Vec<ScriptChoice>> {
    let mut out = Vec::new();
    for info in scripting::store::latest_all(&k.db).await? {
        let (_, content) = scripting::store::get(&k.db, info.id).await?;
        let script = content.script;
        if script.kind != scripting::model::ScriptKind::Outbound {
            continue;
        }
        let title = script
            .title
            .get(lang)
            .or_else(|| script.title.get("en"))
            .or_else(|| script.title.values().next())
            .cloned()
            .unwrap_or_else(|| script.id.clone());
        out.push(ScriptChoice {
            id: script.id,
            title,
            case_types: script.case_types,
            languages: script.languages,
            release_id: info.id,
            release_number: info.number,
            required_courses: info.required_courses,
        });
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(out)
}

/// Campaigns with their actions, and the builder.
#[utoipa::path(get, path = "/campaigns", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn campaigns_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
) -> Result<Response> {
    let lang = user.ui_language();
    let mut ctx = context(&user);
    ctx.insert("scripts", &scripts(&k, lang).await?);
    // A team's supervisor builds for their team only (the API holds them to it).
    let teams: Vec<String> = match &user.team {
        Some(team) => vec![team.clone()],
        None => kernel::auth::teams::list(&k.db)
            .await?
            .into_iter()
            .map(|t| t.name)
            .collect(),
    };
    ctx.insert("teams", &teams);
    let courses: Vec<Choice> = elearning::store::catalog(&k.db)
        .await
        .map_err(kernel::Error::from)?
        .into_iter()
        .map(|(_, c)| Choice {
            label: c
                .meta
                .title
                .get(lang)
                .or_else(|| c.meta.title.get("en"))
                .cloned()
                .unwrap_or_else(|| c.meta.id.clone()),
            value: c.meta.id,
        })
        .collect();
    ctx.insert("courses", &courses);
    ctx.insert("provinces", &provinces(lang));
    ctx.insert("age_bands", &cases::stats::AGE_BANDS);
    let languages: Vec<Choice> = kernel::i18n::LANGUAGES
        .iter()
        .map(|l| Choice {
            value: (*l).to_string(),
            label: catalog().text_or(lang, &format!("access-language-{l}"), l),
        })
        .collect();
    ctx.insert("languages", &languages);
    ctx.insert("here", "campaigns");
    Ok(pages.render("campaigns.html", &ctx))
}

/// The orders of the supervisor's campaigns, with filters and each row's actions.
#[utoipa::path(get, path = "/orders", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn orders_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
) -> Result<Response> {
    let mut ctx = context(&user);
    ctx.insert("campaigns", &reachable(&k, &user).await?);
    // The agents an order can be handed to: the supervisor's team's (every team's for a
    // national supervisor), active ones only.
    let agents: Vec<Choice> = kernel::auth::users::active_agents(&k.db)
        .await?
        .into_iter()
        .filter(|a| user.team.is_none() || a.team == user.team)
        .map(|a| Choice {
            value: a.id.to_string(),
            label: a.name,
        })
        .collect();
    ctx.insert("agents", &agents);
    ctx.insert("languages", &kernel::i18n::LANGUAGES);
    ctx.insert("here", "orders");
    Ok(pages.render("orders.html", &ctx))
}

/// The provinces, labelled in `lang`, for the filters.
fn provinces(lang: &str) -> Vec<Choice> {
    kernel::postal::PROVINCES
        .iter()
        .map(|p| {
            let name = p.names.first().copied().unwrap_or(p.code);
            Choice {
                value: p.code.to_string(),
                label: catalog().text_or(lang, &format!("access-region-{name}"), name),
            }
        })
        .collect()
}

/// The cases of the supervisor's jurisdiction, filtered, a page at a time (no personal data).
#[utoipa::path(get, path = "/cases", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn cases_page(State(pages): State<Pages>, user: Principal) -> Result<Response> {
    let mut ctx = context(&user);
    ctx.insert("provinces", &provinces(user.ui_language()));
    ctx.insert("here", "cases");
    Ok(pages.render("cases.html", &ctx))
}

/// Importing people and cases from a CSV file, with a progress bar and the rejected lines.
#[utoipa::path(get, path = "/import", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn import_page(State(pages): State<Pages>, user: Principal) -> Result<Response> {
    let mut ctx = context(&user);
    ctx.insert("columns", &cases::import::COLUMNS.join(", "));
    ctx.insert("max_mib", &(cases::import_jobs::MAX_BYTES / 1024 / 1024));
    ctx.insert("here", "import");
    Ok(pages.render("import.html", &ctx))
}

/// Documents in bulk for a campaign's people (with progress, resumable, the print run), and
/// revoking one by its number.
#[utoipa::path(get, path = "/documents", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn documents_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
) -> Result<Response> {
    let mut ctx = context(&user);
    ctx.insert("campaigns", &reachable(&k, &user).await?);
    ctx.insert("mail", &kernel::mail::configured(&k.config.mail));
    ctx.insert("here", "documents");
    Ok(pages.render("documents.html", &ctx))
}

/// A static file of the supervisor's pages.
#[utoipa::path(get, path = "/static/campaigns/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}
