//! The public side of requests, no account needed: the page that files a request (topics,
//! the articles that may already answer while the requester types, the topic's form), the
//! help articles with "did this answer your question?", and the JSON those pages use. No
//! personal data is read here; what is written goes through the web form's checks
//! (`web`): a signed page token, a hidden field, rate limits.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::pages::{Context, Pages, Template};
use kernel::problem::{ApiJson, ApiQuery};
use kernel::{Kernel, Result};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kb_store::{self, Hit};

pub const TEMPLATES: &[Template] = &[
    (
        "request_new.html",
        include_str!("../templates/request_new.html"),
    ),
    ("help.html", include_str!("../templates/help.html")),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/requests/new", Access::Public),
    RoutePolicy::new(Method::GET, "/help", Access::Public),
    RoutePolicy::new(Method::GET, "/help/{id}", Access::Public),
    RoutePolicy::new(Method::POST, "/help/{id}/feedback", Access::Public),
    RoutePolicy::new(Method::GET, "/api/v1/kb/search", Access::Public),
    RoutePolicy::new(Method::POST, "/api/v1/kb/{id}/feedback", Access::Public),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/topics/{id}/form",
        Access::Public,
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/kb",
        Access::Roles(&[Role::Agent, Role::Supervisor]),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(new_page))
        .routes(routes!(help_index))
        .routes(routes!(help_page))
        .routes(routes!(help_feedback))
        .routes(routes!(search))
        .routes(routes!(feedback))
        .routes(routes!(topic_form))
        .routes(routes!(staff_search))
}

/// The page's language: `?lang=` when it is one of ours, else the visitor's browser's.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    pub lang: Option<String>,
    /// The topic to open the form on.
    pub topic: Option<String>,
}

fn language(chosen: Option<&str>, headers: &HeaderMap) -> &'static str {
    kernel::i18n::for_visitor(
        chosen,
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// The page that files a request: the topics, then what it is about (with the articles that
/// may answer it), the topic's form, and who to answer.
#[utoipa::path(get, path = "/requests/new", tag = "pages", params(PageQuery),
    responses((status = 200, content_type = "text/html")))]
async fn new_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response> {
    let lang = language(q.lang.as_deref(), &headers);
    let topics: Vec<serde_json::Value> = crate::store::topics(&k)
        .await?
        .into_iter()
        .map(|r| {
            let t = r.topic;
            serde_json::json!({
                "id": t.id,
                "title": t.title_in(lang),
                "description": t.description.get(lang).or_else(|| t.description.get("fr")).cloned().unwrap_or_default(),
                "form": t.form.is_some(),
                "chosen": q.topic.as_deref() == Some(t.id.as_str()),
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("topics", &topics);
    ctx.insert("token", &crate::web::token(&k));
    ctx.insert(
        "texts",
        &kernel::i18n::catalog().area(lang, "pages-request-new-js-"),
    );
    Ok(pages.render("request_new.html", &ctx))
}

/// The public articles, for browsing.
#[utoipa::path(get, path = "/help", tag = "pages", params(PageQuery),
    responses((status = 200, content_type = "text/html")))]
async fn help_index(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response> {
    let lang = language(q.lang.as_deref(), &headers);
    let list: Vec<serde_json::Value> = kb_store::articles(&k, false)
        .await?
        .into_iter()
        .filter_map(|a| {
            let t = a.text(lang)?;
            Some(serde_json::json!({ "id": a.id, "title": t.title, "summary": t.summary }))
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("mode", "index");
    ctx.insert("articles", &list);
    Ok(pages.render("help.html", &ctx))
}

async fn article_page(
    k: &Kernel,
    pages: &Pages,
    id: &str,
    lang: &str,
    staff: bool,
    thanks: Option<bool>,
) -> Result<Response> {
    let article = kb_store::articles(k, staff)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| kernel::Error::NotFound(format!("article {id}")))?;
    let t = article
        .text(lang)
        .ok_or_else(|| kernel::Error::NotFound(format!("article {id}")))?;
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("mode", "article");
    ctx.insert("id", &article.id);
    ctx.insert("title", &t.title);
    ctx.insert("summary", &t.summary);
    ctx.insert("body", &crate::kb::render(&t.body));
    ctx.insert("topic", &article.topics.first());
    ctx.insert(
        "staff_only",
        &(article.audience == crate::kb::Audience::Staff),
    );
    if let Some(helpful) = thanks {
        ctx.insert("thanks", &helpful);
    }
    Ok(pages.render("help.html", &ctx))
}

/// One article; a staff-only one for staff only (to anyone else it does not exist).
#[utoipa::path(get, path = "/help/{id}", tag = "pages", params(("id" = String, Path), PageQuery),
    responses((status = 200, content_type = "text/html"), (status = 404)))]
async fn help_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    who: Option<Principal>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response> {
    let lang = language(q.lang.as_deref(), &headers);
    article_page(&k, &pages, &id, lang, is_staff(who.as_ref()), None).await
}

fn is_staff(who: Option<&Principal>) -> bool {
    who.is_some_and(|p| matches!(p.role, Role::Agent | Role::Supervisor | Role::Admin))
}

/// "Did this answer your question?" from the article's page (a plain form: no script).
#[utoipa::path(post, path = "/help/{id}/feedback", tag = "pages", params(("id" = String, Path)),
    responses((status = 200, content_type = "text/html"), (status = 404)))]
async fn help_feedback(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    who: Option<Principal>,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> Result<Response> {
    let lang = language(form.get("lang").map(String::as_str), &headers);
    let helpful = form.get("helpful").is_some_and(|v| v == "yes");
    let staff = is_staff(who.as_ref());
    // Counted only for an article the visitor can see.
    let page = article_page(&k, &pages, &id, lang, staff, Some(helpful)).await?;
    kb_store::feedback(&k, &id, lang, helpful).await?;
    Ok(page)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What the requester typed (at most 300 characters are read).
    pub q: String,
    pub lang: Option<String>,
    pub topic: Option<String>,
}

fn clip(q: &str) -> &str {
    match q.char_indices().nth(300) {
        Some((i, _)) => &q[..i],
        None => q,
    }
}

/// The public articles that may answer a question, best first (at most five).
#[utoipa::path(get, path = "/api/v1/kb/search", tag = "requests", params(SearchQuery),
    responses((status = 200, body = Vec<Hit>)))]
async fn search(
    State(k): State<Kernel>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<ApiJson<Vec<Hit>>> {
    let lang = kernel::i18n::supported(q.lang.as_deref().unwrap_or("fr"));
    Ok(ApiJson(
        kb_store::search(&k, clip(&q.q), lang, q.topic.as_deref(), false).await?,
    ))
}

/// Every article (staff ones too) that may answer a question, for agents writing a reply.
#[utoipa::path(get, path = "/api/v1/requests/kb", tag = "requests", params(SearchQuery),
    responses((status = 200, body = Vec<Hit>)))]
async fn staff_search(
    State(k): State<Kernel>,
    _who: Principal,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<ApiJson<Vec<Hit>>> {
    let lang = kernel::i18n::supported(q.lang.as_deref().unwrap_or("fr"));
    let mut hits = kb_store::search(&k, clip(&q.q), lang, q.topic.as_deref(), true).await?;
    // A link an agent pastes into a reply must work from the requester's mail.
    let base = k.config.public_base();
    for h in &mut hits {
        h.url = format!("{base}{}", h.url);
    }
    Ok(ApiJson(hits))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackIn {
    pub helpful: bool,
    pub lang: Option<String>,
}

/// "Did this answer your question?" from the request page's suggestions.
#[utoipa::path(post, path = "/api/v1/kb/{id}/feedback", tag = "requests", params(("id" = String, Path)),
    request_body = FeedbackIn, responses((status = 204), (status = 404)))]
async fn feedback(
    State(k): State<Kernel>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<FeedbackIn>,
) -> Result<StatusCode> {
    if !kb_store::articles(&k, false)
        .await?
        .iter()
        .any(|a| a.id == id)
    {
        return Err(kernel::Error::NotFound(format!("article {id}")));
    }
    let lang = kernel::i18n::supported(body.lang.as_deref().unwrap_or("fr"));
    kb_store::feedback(&k, &id, lang, body.helpful).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A topic's form as the public page draws it (the call form's fields, in `lang`).
#[utoipa::path(get, path = "/api/v1/requests/topics/{id}/form", tag = "requests",
    params(("id" = String, Path), PageQuery), responses((status = 200), (status = 404)))]
async fn topic_form(
    State(k): State<Kernel>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Response> {
    let lang = kernel::i18n::supported(q.lang.as_deref().unwrap_or("fr"));
    let release = crate::store::topic(&k, &id)
        .await?
        .ok_or_else(|| kernel::Error::NotFound(format!("topic {id}")))?;
    let fields = match &release.topic.form {
        Some(f) => crate::web::form(&k, f)
            .await?
            .map(|form| scripting::fields::form_fields(&form, lang))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(ApiJson(serde_json::json!({ "topic": id, "fields": fields })).into_response())
}
