//! What the author's page stands on: the files a release was published from, a check of
//! edited files (every problem at its `path:line:column`, and what would change against the
//! newest release), and a preview that walks the edited script as the agent would see it,
//! before anything is published. Publishing itself is `POST /api/v1/scripts/publish`.

use std::path::PathBuf;

use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use serde_json::Value as J;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ScriptingError;
use crate::lint::{Diagnostic, Library};
use crate::release::{diff, Diff, ReleaseContent};
use crate::routes::{walk_from, AnswersIn, NextOut, SourceFileIn};
use crate::store;
use kernel::Result;

/// Authors write and publish; admins may too (they did before these pages); supervisors
/// read what their campaigns' scripts are made of.
const AUTHORS: &[Role] = &[Role::Author, Role::Admin];
const READERS: &[Role] = &[Role::Author, Role::Supervisor, Role::Admin];

/// The most files and bytes one check takes: a script, its form and its blocks are a few
/// files of a few kilobytes; more is a mistake or an attack.
const MAX_FILES: usize = 50;
const MAX_BYTES: usize = 2_000_000;

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::GET,
        "/api/v1/releases/{id}/sources",
        Access::Roles(READERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/scripts/check",
        Access::Roles(AUTHORS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/scripts/preview",
        Access::Roles(AUTHORS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(sources))
        .routes(routes!(check))
        .routes(routes!(preview))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceFileOut {
    pub path: String,
    pub content: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Sources {
    /// Empty for a release published before its files were kept.
    pub files: Vec<SourceFileOut>,
}

/// The files a release was published from, as its author wrote them.
#[utoipa::path(get, path = "/api/v1/releases/{id}/sources", tag = "scripts",
    params(("id" = i64, Path)), responses((status = 200, body = Sources), (status = 404)))]
async fn sources(State(k): State<Kernel>, ApiPath(id): ApiPath<i64>) -> Result<ApiJson<Sources>> {
    store::info_by_id(&k.db, id)
        .await?
        .ok_or_else(|| ScriptingError::NotFound(format!("release {id}")))?;
    let files = store::sources(&k.db, id)
        .await?
        .into_iter()
        .map(|(path, content)| SourceFileOut { path, content })
        .collect();
    Ok(ApiJson(Sources { files }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub files: Vec<SourceFileIn>,
}

/// One script of the checked files.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedScript {
    pub id: String,
    /// The newest published release's number, if any.
    pub published: Option<i64>,
    /// What publishing would change against it (everything added when none).
    pub diff: Diff,
    /// Whether publishing would make a new release (false: the same content is published).
    pub changed: bool,
    /// The script, its form and blocks, for the preview.
    #[schema(value_type = Object)]
    pub content: J,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckResult {
    /// Every problem at its `path:line:column`; nothing can be published while any remains.
    pub problems: Vec<Diagnostic>,
    pub scripts: Vec<CheckedScript>,
}

/// Lints `files` the way publishing would, without a limit breaking the server.
fn lint(files: Vec<SourceFileIn>) -> Result<(Library, Vec<Diagnostic>)> {
    let bytes: usize = files.iter().map(|f| f.content.len() + f.path.len()).sum();
    if files.len() > MAX_FILES || bytes > MAX_BYTES {
        return Err(kernel::Error::invalid(
            "files",
            "too_large",
            format!("at most {MAX_FILES} files and {MAX_BYTES} bytes are checked at once"),
        ));
    }
    let files = files
        .into_iter()
        .map(|f| (PathBuf::from(f.path), f.content))
        .collect();
    let (lib, mut problems) = crate::lint::load(files);
    problems.extend(crate::lint::lint(&lib));
    problems.sort();
    Ok((lib, problems))
}

/// Lints edited files and says, per script, what publishing them would change. Nothing is
/// stored: 200 with the problems (if any) at their line and column.
#[utoipa::path(post, path = "/api/v1/scripts/check", tag = "scripts", request_body = CheckRequest,
    responses((status = 200, body = CheckResult), (status = 422)))]
async fn check(
    State(k): State<Kernel>,
    ApiJson(body): ApiJson<CheckRequest>,
) -> Result<ApiJson<CheckResult>> {
    let (lib, problems) = lint(body.files)?;
    let mut scripts = Vec::new();
    for id in lib.scripts.keys() {
        let Some(draft) = ReleaseContent::from_library(&lib, id) else {
            continue;
        };
        let latest = store::latest(&k.db, id).await?;
        let (published, old) = match &latest {
            Some(info) => (Some(info.number), Some(store::get(&k.db, info.id).await?.1)),
            None => (None, None),
        };
        let changed = latest
            .as_ref()
            .is_none_or(|l| l.content_hash != draft.hash());
        // A script never published: everything in it is new.
        let blank = || ReleaseContent {
            script: crate::model::Script {
                nodes: Vec::new(),
                ..draft.script.clone()
            },
            form: crate::model::Form {
                fields: Vec::new(),
                ..draft.form.clone()
            },
            blocks: Default::default(),
        };
        let diff = diff(old.as_ref().unwrap_or(&blank()), &draft);
        scripts.push(CheckedScript {
            id: id.clone(),
            published,
            diff,
            changed,
            content: serde_json::to_value(&draft)
                .map_err(|e| ScriptingError::Corrupt(e.to_string()))?,
        });
    }
    Ok(ApiJson(CheckResult { problems, scripts }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    pub files: Vec<SourceFileIn>,
    /// The script of the files to walk.
    pub script_id: String,
    /// The answers so far, the position and the language, as for a call.
    pub walk: AnswersIn,
}

/// Walks edited files' script as a call would (`/api/v1/releases/{id}/next` on a release
/// not yet published): 422 with the problems while the files do not lint.
#[utoipa::path(post, path = "/api/v1/scripts/preview", tag = "scripts", request_body = PreviewRequest,
    responses((status = 200, body = NextOut), (status = 422)))]
async fn preview(
    State(k): State<Kernel>,
    principal: Principal,
    ApiJson(body): ApiJson<PreviewRequest>,
) -> Result<ApiJson<NextOut>> {
    let (lib, problems) = lint(body.files)?;
    if !problems.is_empty() {
        return Err(ScriptingError::Lint(problems).into());
    }
    let content = ReleaseContent::from_library(&lib, &body.script_id)
        .ok_or_else(|| ScriptingError::NotFound(format!("script {}", body.script_id)))?;
    Ok(ApiJson(walk_from(
        &k,
        &content,
        &body.walk,
        &principal.name,
    )?))
}
