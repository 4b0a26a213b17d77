//! Lint on the shipped content and on broken copies of it: exact `path:line:column`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use scripting::lint::{lint_paths, Diagnostic};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped() -> Vec<PathBuf> {
    vec![root().join("scripts"), root().join("forms")]
}

/// A copy of the shipped content in a temporary directory.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["scripts", "scripts/blocks", "forms"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(root().join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                std::fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// Replaces the first `from` with `to` in `file` and returns the (line, column) where `to`
/// (or `at` within it) now stands.
fn mutate(dir: &Path, file: &str, from: &str, to: &str, at: &str) -> (usize, usize) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    let new = text.replacen(from, to, 1);
    std::fs::write(&path, &new).unwrap();
    let idx = new.find(to).unwrap() + to.find(at).unwrap();
    let line = new[..idx].matches('\n').count() + 1;
    let col = new[..idx].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn lint(dir: &Path) -> Vec<Diagnostic> {
    lint_paths(&[dir.join("scripts"), dir.join("forms")])
        .unwrap()
        .1
}

#[test]
fn shipped_content_is_clean() {
    let (lib, diags) = lint_paths(&shipped()).unwrap();
    assert!(
        diags.is_empty(),
        "{}",
        diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(lib.scripts.len(), 4);
    assert!(lib.scripts.contains_key("index_case") && lib.scripts.contains_key("cold_chain"));
}

#[test]
fn syntax_error_is_located() {
    let dir = copy();
    let (line, _) = mutate(
        dir.path(),
        "scripts/index_case.toml",
        "start = \"intro\"",
        "start = \"intro",
        "start",
    );
    let diags = lint(dir.path());
    let d = diags
        .iter()
        .find(|d| d.path.ends_with("scripts/index_case.toml"))
        .expect("a diagnostic");
    assert!(d.message.starts_with("syntax error"), "{d}");
    assert_eq!(d.line, line, "{d}");
}

#[test]
fn unknown_field_in_a_condition_is_located() {
    let dir = copy();
    let at = mutate(
        dir.path(),
        "scripts/index_case.toml",
        "answers.availability == 'now'",
        "answers.availabilty == 'now'",
        "availabilty",
    );
    let diags = lint(dir.path());
    let d = diags
        .iter()
        .find(|d| d.message.contains("availabilty"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert!(d.path.ends_with("scripts/index_case.toml"));
    assert_eq!((d.line, d.column), at, "{d}");
    assert_eq!(d.message, "unknown field `answers.availabilty`");
}

#[test]
fn unreachable_node_is_located() {
    let dir = copy();
    let path = dir.path().join("scripts/index_case.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n[[nodes]]\nid = \"orphan\"\nend = \"reached\"\n");
    std::fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l == "id = \"orphan\"").unwrap() + 1;
    let diags = lint(dir.path());
    let d = diags
        .iter()
        .find(|d| d.message.contains("orphan"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!((d.line, d.column), (line, 6), "{d}");
    assert!(d.message.contains("cannot be reached"), "{d}");
    assert_eq!(
        d.to_string(),
        format!("{}:{line}:6: {}", path.display(), d.message)
    );
}

#[test]
fn loop_without_exit_missing_translation_and_type_error() {
    let dir = copy();
    let path = dir.path().join("scripts/cold_chain.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    // Two nodes that only lead to each other, reached from nowhere else: both unreachable
    // and endless.
    text.push_str("\n[[nodes]]\nid = \"spin_a\"\nnext = [{ goto = \"spin_b\" }]\n\n[[nodes]]\nid = \"spin_b\"\nnext = [{ goto = \"spin_a\" }]\n");
    std::fs::write(&path, &text).unwrap();
    let diags = lint(dir.path());
    assert!(
        diags.iter().any(|d| d
            .message
            .contains("no end can be reached from node \"spin_a\"")),
        "{diags:?}"
    );

    let dir = copy();
    mutate(dir.path(), "forms/cold_chain.toml", "en = ", "xx = ", "xx");
    assert!(lint(dir.path())
        .iter()
        .any(|d| d.message == "missing translation `en`"));

    let dir = copy();
    let text = std::fs::read_to_string(dir.path().join("forms/cold_chain.toml")).unwrap();
    let cond = text
        .lines()
        .find(|l| l.starts_with("visible_if = "))
        .unwrap()
        .to_string();
    mutate(
        dir.path(),
        "forms/cold_chain.toml",
        &cond,
        "visible_if = \"1 + 'a' == 2\"",
        "1 +",
    );
    assert!(
        lint(dir.path())
            .iter()
            .any(|d| d.message.starts_with("type error")),
        "{:?}",
        lint(dir.path())
    );
}

/// The index-case script speaks of the test date: used on contacts, the agent would read a
/// gap (or tell a contact their test is positive). Declared for index cases only, a
/// placeholder that only contacts fill is refused where it stands, and so is the test date
/// in a script that does not say it is for index cases.
#[test]
fn a_placeholder_must_have_a_value_for_the_scripts_case_types() {
    let dir = copy();
    let at = mutate(
        dir.path(),
        "scripts/index_case.toml",
        "{{case.test_date}}",
        "{{case.exposure_date}}",
        "{{case.exposure_date}}",
    );
    let diags = lint(dir.path());
    let d = diags
        .iter()
        .find(|d| d.message.contains("case.exposure_date"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert!(d.path.ends_with("scripts/index_case.toml"));
    assert_eq!((d.line, d.column), at, "{d}");
    assert!(
        d.message
            .contains("has a value only for contact cases: declare case_types = [\"contact\"]"),
        "{d}"
    );

    let dir = copy();
    mutate(
        dir.path(),
        "scripts/index_case.toml",
        "case_types = [\"index\"]\n",
        "\n",
        "\n",
    );
    let diags = lint(dir.path());
    assert!(
        diags
            .iter()
            .any(|d| d.path.ends_with("scripts/index_case.toml")
                && d.message
                    .contains("{{case.test_date}} has a value only for index cases")),
        "{diags:?}"
    );

    let dir = copy();
    let at = mutate(
        dir.path(),
        "scripts/contact.toml",
        "case_types = [\"contact\"]",
        "case_types = [\"contacts\"]",
        "\"contacts\"",
    );
    let diags = lint(dir.path());
    let d = diags
        .iter()
        .find(|d| d.message.contains("unknown case type"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!((d.line, d.column), at, "{d}");
}
