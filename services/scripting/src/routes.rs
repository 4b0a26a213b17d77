//! HTTP routes for scripts and releases.

use std::path::PathBuf;

use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::http::RequestId;
use kernel::problem::{ApiJson, ApiPath, ApiQuery};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as J};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ScriptingError;
use crate::release::{diff, Diff, ReleaseContent};
use crate::store::{self, Published, ReleaseInfo};
use crate::validate::{validate, Context};
use crate::walk::{self, NodeView, Step};
use kernel::Result;

const AUTHORS: &[Role] = &[Role::Author, Role::Admin];
const REVIEWERS: &[Role] = &[Role::Author, Role::Supervisor, Role::Admin];
const CALLERS: &[Role] = &[Role::Agent, Role::Supervisor, Role::Author, Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/api/v1/scripts", Access::Authenticated),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/scripts/publish",
        Access::Roles(AUTHORS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/scripts/{script}/releases",
        Access::Authenticated,
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/scripts/{script}/diff",
        Access::Roles(REVIEWERS),
    ),
    RoutePolicy::new(Method::GET, "/api/v1/releases/{id}", Access::Authenticated),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/releases/{id}/validate",
        Access::Roles(CALLERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/releases/{id}/next",
        Access::Roles(CALLERS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_scripts))
        .routes(routes!(publish))
        .routes(routes!(list_releases))
        .routes(routes!(release_diff))
        .routes(routes!(get_release))
        .routes(routes!(validate_answers))
        .routes(routes!(next_step))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScriptList {
    /// The newest release of each script.
    pub scripts: Vec<ReleaseInfo>,
}

/// Scripts and their newest release.
#[utoipa::path(get, path = "/api/v1/scripts", tag = "scripts", responses((status = 200, body = ScriptList)))]
async fn list_scripts(State(k): State<Kernel>) -> Result<ApiJson<ScriptList>> {
    Ok(ApiJson(ScriptList {
        scripts: store::latest_all(&k.db).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFileIn {
    /// A name for messages, e.g. `scripts/index_case.toml`.
    pub path: String,
    /// The TOML text.
    pub content: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    /// Scripts with the forms and blocks they use.
    pub files: Vec<SourceFileIn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublishResult {
    pub published: Vec<Published>,
}

/// Lints the files and publishes every script in them as a release; nothing is published when
/// any file has a problem (422 with each `path:line:column`).
#[utoipa::path(post, path = "/api/v1/scripts/publish", tag = "scripts", request_body = PublishRequest,
    responses((status = 200, body = PublishResult), (status = 422)))]
async fn publish(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiJson(body): ApiJson<PublishRequest>,
) -> Result<ApiJson<PublishResult>> {
    let files = body
        .files
        .into_iter()
        .map(|f| (PathBuf::from(f.path), f.content))
        .collect();
    let (lib, mut diags) = crate::lint::load(files);
    diags.extend(crate::lint::lint(&lib));
    if !diags.is_empty() {
        return Err(ScriptingError::Lint(diags).into());
    }
    let mut published = Vec::new();
    for id in lib.scripts.keys() {
        let content = ReleaseContent::from_library(&lib, id)
            .ok_or_else(|| ScriptingError::NotFound(format!("parts of script {id}")))?;
        published.push(
            store::publish(
                &k.db,
                k.now(),
                &content,
                &ReleaseContent::sources_in(&lib, id),
                &principal.actor(),
                Some(&rid),
            )
            .await?,
        );
    }
    Ok(ApiJson(PublishResult { published }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseList {
    pub releases: Vec<ReleaseInfo>,
}

/// Releases of a script, newest first.
#[utoipa::path(get, path = "/api/v1/scripts/{script}/releases", tag = "scripts",
    params(("script" = String, Path)), responses((status = 200, body = ReleaseList)))]
async fn list_releases(
    State(k): State<Kernel>,
    ApiPath(script): ApiPath<String>,
) -> Result<ApiJson<ReleaseList>> {
    Ok(ApiJson(ReleaseList {
        releases: store::list(&k.db, &script).await?,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DiffQuery {
    pub from: i64,
    pub to: i64,
}

/// Nodes and fields added, removed or changed between two releases of a script.
#[utoipa::path(get, path = "/api/v1/scripts/{script}/diff", tag = "scripts",
    params(("script" = String, Path), DiffQuery), responses((status = 200, body = Diff), (status = 404)))]
async fn release_diff(
    State(k): State<Kernel>,
    ApiPath(script): ApiPath<String>,
    ApiQuery(q): ApiQuery<DiffQuery>,
) -> Result<ApiJson<Diff>> {
    let (_, old) = store::get_by_number(&k.db, &script, q.from).await?;
    let (_, new) = store::get_by_number(&k.db, &script, q.to).await?;
    Ok(ApiJson(diff(&old, &new)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseOut {
    pub release: ReleaseInfo,
    /// The script, its form and its blocks.
    #[schema(value_type = Object)]
    pub content: J,
}

/// A release with its full content.
#[utoipa::path(get, path = "/api/v1/releases/{id}", tag = "scripts",
    params(("id" = i64, Path)), responses((status = 200, body = ReleaseOut), (status = 404)))]
async fn get_release(
    State(k): State<Kernel>,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<ReleaseOut>> {
    let (release, content) = store::get(&k.db, id).await?;
    let content =
        serde_json::to_value(&content).map_err(|e| ScriptingError::Corrupt(e.to_string()))?;
    Ok(ApiJson(ReleaseOut { release, content }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersIn {
    #[schema(value_type = Object)]
    pub answers: Map<String, J>,
    /// Language of messages and texts (fr, nl, en).
    #[serde(default = "default_lang")]
    pub language: String,
    /// Current position (for `next`).
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub person: Option<J>,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub case: Option<J>,
}

fn default_lang() -> String {
    "en".into()
}

fn context(k: &Kernel, body: &AnswersIn) -> Context {
    Context {
        today: k.now().date_naive(),
        person: body.person.clone().unwrap_or(J::Object(Map::new())),
        case: body.case.clone().unwrap_or(J::Object(Map::new())),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Validated {
    /// The normalised answers that would be stored.
    #[schema(value_type = Object)]
    pub answers: Map<String, J>,
}

/// Validates answers against a release: 200 with the normalised answers, or 422 with every
/// error (field path, code, message in the requested language).
#[utoipa::path(post, path = "/api/v1/releases/{id}/validate", tag = "scripts", params(("id" = i64, Path)),
    request_body = AnswersIn, responses((status = 200, body = Validated), (status = 422)))]
async fn validate_answers(
    State(k): State<Kernel>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AnswersIn>,
) -> Result<ApiJson<Validated>> {
    let (_, content) = store::get(&k.db, id).await?;
    let ctx = context(&k, &body);
    validate(&content.form, &body.answers, &ctx, &body.language)
        .map(|answers| ApiJson(Validated { answers }))
        .map_err(|e| ScriptingError::Invalid(e).into())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NextOut {
    pub step: Step,
    pub view: Option<NodeView>,
}

/// Where the answers lead from `position` (the start when absent), and what that node shows.
#[utoipa::path(post, path = "/api/v1/releases/{id}/next", tag = "scripts", params(("id" = i64, Path)),
    request_body = AnswersIn, responses((status = 200, body = NextOut), (status = 404)))]
async fn next_step(
    State(k): State<Kernel>,
    principal: Principal,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AnswersIn>,
) -> Result<ApiJson<NextOut>> {
    let (_, content) = store::get(&k.db, id).await?;
    Ok(ApiJson(walk_from(&k, &content, &body, &principal.name)?))
}

/// Where `body`'s answers lead in `content` from its position (the start when absent), and
/// what that node shows: for a call, and for the author's preview of a draft.
pub(crate) fn walk_from(
    k: &Kernel,
    content: &ReleaseContent,
    body: &AnswersIn,
    agent_name: &str,
) -> Result<NextOut> {
    let ctx = context(k, body);
    let step = match &body.position {
        None => Step::Node {
            position: content.script.start.clone(),
        },
        Some(p) => walk::next(content, p, &body.answers, &ctx)
            .ok_or_else(|| ScriptingError::NotFound(format!("position {p}")))?,
    };
    let position = match &step {
        Step::Node { position } | Step::End { position, .. } => Some(position.clone()),
        Step::Waiting => None,
    };
    let view = position
        .and_then(|p| walk::view(content, &p, &body.language, &body.answers, &ctx, agent_name));
    Ok(NextOut { step, view })
}
