//! E-learning course folders on disk: `tracecall lint elearning`, `tracecall publish
//! elearning`, and publishing the shipped courses when the server starts. Like scripts, a
//! broken course never stops the server: it keeps its last good version.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

use elearning::lint;
use kernel::Kernel;
use scripting::lint::Diagnostic;

/// Splits `paths` into course folders (or folders of them) and everything else.
pub fn split(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    paths
        .iter()
        .cloned()
        .partition(|p| p.is_dir() && lint::is_elearning(p))
}

/// Lints course folders; returns the problems and how many courses were checked.
pub fn lint_paths(paths: &[PathBuf]) -> (Vec<Diagnostic>, usize) {
    let checked = paths.iter().map(|p| lint::course_dirs(p).len()).sum();
    let (_, diags) = lint::lint_paths(paths);
    (diags, checked)
}

/// Publishes every course without problems; returns the problems and `(course, version,
/// new)` for each publication.
pub async fn publish(
    kernel: &Kernel,
    paths: &[PathBuf],
    actor: &str,
) -> anyhow::Result<(Vec<Diagnostic>, Vec<(String, i64, bool)>)> {
    let (courses, diags) = lint::lint_paths(paths);
    let mut done = Vec::new();
    for course in &courses {
        let (v, new) = elearning::store::publish(&kernel.db, kernel.now(), course, actor).await?;
        done.push((v.course_id, v.number, new));
    }
    Ok((diags, done))
}

/// At start-up: publish the courses under `dir/elearning` when present.
pub async fn publish_at_start(kernel: &Kernel, dir: &Path) {
    let path = dir.join("elearning");
    if !path.is_dir() {
        return;
    }
    match publish(kernel, &[path], "system").await {
        Ok((diags, done)) => {
            for d in diags {
                tracing::warn!(problem = %d, "course refused; its last good version stays in use");
            }
            for (id, number, new) in done {
                tracing::info!(course = %id, number, new, "course version");
            }
        }
        Err(e) => tracing::error!(error = %e, "publishing the courses at start failed"),
    }
}
