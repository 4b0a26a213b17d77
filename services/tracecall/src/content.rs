//! Script and form files on disk: `lint`, `publish`, `diff`, `schema`, and publishing the
//! shipped content when the server starts. A broken file never stops the server: its scripts
//! keep their last good release and the problems are logged.
#![allow(clippy::print_stdout)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kernel::Kernel;
use scripting::lint::{self, Diagnostic, Library};
use scripting::model::{Block, Form, Script};
use scripting::release::{diff, ReleaseContent};
use scripting::store;

/// Whether `path` is the document templates' folder or a file in it.
fn is_documents(path: &Path) -> bool {
    let named = |p: &Path| p.file_name().is_some_and(|n| n == "documents");
    named(path) || path.parent().is_some_and(named)
}

/// Whether `path` is the request topics' folder or a file in it.
fn is_topics(path: &Path) -> bool {
    let named = |p: &Path| p.file_name().is_some_and(|n| n == "topics");
    named(path) || path.parent().is_some_and(named)
}

/// Whether `path` is the knowledge base's folder or a file in it.
fn is_kb(path: &Path) -> bool {
    let named = |p: &Path| p.file_name().is_some_and(|n| n == "kb");
    named(path) || path.parent().is_some_and(named)
}

/// The knowledge base folder of `path` (the folder, or the folder of a file in it).
fn kb_dir(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
    }
}

/// The topic ids beside a knowledge base (`../topics`), when there is such a folder.
fn topics_beside(kb: &Path) -> Option<Vec<String>> {
    let topics = kb.parent()?.join("topics");
    let (good, _) = requests::topic::lint_paths(std::slice::from_ref(&topics)).ok()?;
    topics
        .is_dir()
        .then(|| good.into_iter().map(|(_, t)| t.id).collect())
}

/// `tracecall lint PATH...`: one `path:line:column: message` line per problem.
/// Course folders (`elearning/`) are linted as courses, `documents/` as document templates,
/// `topics/` as request topics, `kb/` as the knowledge base, everything else as scripts and
/// forms.
pub fn lint_command(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (kbs, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| is_kb(p));
    let (topics, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| is_topics(p));
    let (templates, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| is_documents(p));
    let (courses, others) = crate::courses::split(&paths);
    let (mut diags, checked) = crate::courses::lint_paths(&courses);
    let mut files = checked;
    if !templates.is_empty() {
        let (good, more) = documents::template::lint_paths(&templates)?;
        files += good.len() + more.len();
        diags.extend(more);
    }
    if !topics.is_empty() {
        let (good, more) = requests::topic::lint_paths(&topics)?;
        files += good.len() + more.len();
        diags.extend(more);
    }
    let kb_dirs: BTreeSet<PathBuf> = kbs.iter().map(|p| kb_dir(p)).collect();
    for dir in kb_dirs {
        let (good, more) = requests::kb::lint_dir(&dir, topics_beside(&dir).as_deref());
        files += good.len() + more.len();
        diags.extend(more);
    }
    if !others.is_empty() {
        let (lib, more) = lint::lint_paths(&others)?;
        diags.extend(more);
        files += lib.forms.len() + lib.scripts.len() + lib.blocks.len();
    }
    for d in &diags {
        println!("{d}");
    }
    if diags.is_empty() {
        println!("{files} file(s) or course(s) checked, no problems");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{} problem(s)", diags.len());
        Ok(ExitCode::FAILURE)
    }
}

/// Files that the release of `script_id` is built from.
fn files_of(lib: &Library, script_id: &str) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    if let Some((script, file)) = lib.scripts.get(script_id) {
        out.insert(file.path.clone());
        if let Some((_, f)) = lib.forms.get(&script.form) {
            out.insert(f.path.clone());
        }
        for call in script.nodes.iter().filter_map(|n| n.call.as_ref()) {
            if let Some((_, f)) = lib.blocks.get(call) {
                out.insert(f.path.clone());
            }
        }
    }
    out
}

/// Publishes every script of `paths` whose files have no problem. Returns the problems and
/// `(script, release number, new)` for each publication.
pub async fn publish_clean(
    kernel: &Kernel,
    paths: &[PathBuf],
    actor: &str,
) -> anyhow::Result<(Vec<Diagnostic>, Vec<(String, i64, bool)>)> {
    let (lib, diags) = lint::lint_paths(paths)?;
    let broken: BTreeSet<&Path> = diags.iter().map(|d| d.path.as_path()).collect();
    let mut done = Vec::new();
    for id in lib.scripts.keys() {
        if files_of(&lib, id)
            .iter()
            .any(|f| broken.contains(f.as_path()))
        {
            continue;
        }
        if let Some(content) = ReleaseContent::from_library(&lib, id) {
            let sources = ReleaseContent::sources_in(&lib, id);
            let p =
                store::publish(&kernel.db, kernel.now(), &content, &sources, actor, None).await?;
            done.push((id.clone(), p.release.number, p.new));
        }
    }
    Ok((diags, done))
}

/// `tracecall publish PATH...`: all or nothing, like the API; course folders publish
/// courses.
pub async fn publish_command(kernel: &Kernel, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (courses, paths) = crate::courses::split(paths);
    let (mut diags, _) = crate::courses::lint_paths(&courses);
    if !paths.is_empty() {
        diags.extend(lint::lint_paths(&paths)?.1);
    }
    if !diags.is_empty() {
        for d in &diags {
            println!("{d}");
        }
        println!("{} problem(s): nothing published", diags.len());
        return Ok(ExitCode::FAILURE);
    }
    let state = |new: bool| if new { " (new)" } else { " (unchanged)" };
    for (id, number, new) in crate::courses::publish(kernel, &courses, "cli").await?.1 {
        println!("course {id}: version {number}{}", state(new));
    }
    if !paths.is_empty() {
        for (id, number, new) in publish_clean(kernel, &paths, "cli").await?.1 {
            println!("{id}: release {number}{}", state(new));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tracecall diff SCRIPT FROM TO`.
pub async fn diff_command(
    kernel: &Kernel,
    script: &str,
    from: i64,
    to: i64,
) -> anyhow::Result<ExitCode> {
    let (_, old) = store::get_by_number(&kernel.db, script, from).await?;
    let (_, new) = store::get_by_number(&kernel.db, script, to).await?;
    print!("{}", diff(&old, &new));
    Ok(ExitCode::SUCCESS)
}

/// The JSON Schemas editors use to check files as authors type.
pub fn schemas() -> Vec<(&'static str, String)> {
    let render = |s: schemars::schema::RootSchema| {
        serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
    };
    vec![
        ("form.schema.json", render(schemars::schema_for!(Form))),
        ("script.schema.json", render(schemars::schema_for!(Script))),
        ("block.schema.json", render(schemars::schema_for!(Block))),
    ]
}

/// `tracecall schema --out DIR`.
pub fn schema_command(out: &Path) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(out)?;
    for (name, text) in schemas() {
        std::fs::write(out.join(name), text)?;
        println!("wrote {}", out.join(name).display());
    }
    Ok(ExitCode::SUCCESS)
}

/// At start-up: publish the content under `dir` (its `scripts/` and `forms/`) when present.
pub async fn publish_at_start(kernel: &Kernel, dir: &Path) {
    let paths = [dir.join("scripts"), dir.join("forms")];
    if !paths.iter().all(|p| p.is_dir()) {
        return;
    }
    match publish_clean(kernel, &paths, "system").await {
        Ok((diags, done)) => {
            for d in diags {
                tracing::warn!(problem = %d, "script file refused; its last good release stays in use");
            }
            for (id, number, new) in done {
                tracing::info!(script = %id, number, new, "script release");
            }
        }
        Err(e) => tracing::error!(error = %e, "publishing the content at start failed"),
    }
}

/// At start-up: publish the document templates of `dir` (a broken one keeps its last good
/// release, and is logged).
pub async fn publish_documents_at_start(kernel: &Kernel, dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    match documents::store::publish_dir(kernel, dir, "system").await {
        Ok((diags, done)) => {
            for d in diags {
                tracing::warn!(problem = %d, "document template refused; its last good release stays in use");
            }
            for (id, number, new) in done {
                tracing::info!(template = %id, number, new, "document template release");
            }
        }
        Err(e) => tracing::error!(error = %e, "publishing the document templates failed"),
    }
}

/// At start-up: publish the request topics of `dir` (a broken one keeps its last good
/// release, and is logged).
pub async fn publish_topics_at_start(kernel: &Kernel, dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    match requests::store::publish_dir(kernel, dir, "system").await {
        Ok((diags, done)) => {
            for d in diags {
                tracing::warn!(problem = %d, "request topic refused; its last good release stays in use");
            }
            for (id, number, new) in done {
                tracing::info!(topic = %id, number, new, "request topic release");
            }
        }
        Err(e) => tracing::error!(error = %e, "publishing the request topics failed"),
    }
}

/// At start-up: publish the knowledge base of `dir` (after the topics it refers to; a broken
/// article keeps its last good release, and is logged).
pub async fn publish_kb_at_start(kernel: &Kernel, dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    match requests::kb_store::publish_dir(kernel, dir, "system").await {
        Ok((diags, done)) => {
            for d in diags {
                tracing::warn!(problem = %d, "article refused; its last good release stays in use");
            }
            for (id, number, new) in done {
                tracing::info!(article = %id, number, new, "knowledge base release");
            }
        }
        Err(e) => tracing::error!(error = %e, "publishing the knowledge base failed"),
    }
}
