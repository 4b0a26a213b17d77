//! `tracecall lint`: loads scripts, blocks and forms and reports every problem as
//! `path:line:column: message`.

mod forms;
mod scripts;
pub mod source;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use source::{Seg, SourceFile};

use crate::model::{Block, Form, Script};

/// One problem, at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema)]
pub struct Diagnostic {
    #[schema(value_type = String)]
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Parsed definitions with their sources.
#[derive(Default)]
pub struct Library {
    pub forms: BTreeMap<String, (Form, SourceFile)>,
    pub scripts: BTreeMap<String, (Script, SourceFile)>,
    pub blocks: BTreeMap<String, (Block, SourceFile)>,
}

enum Parsed {
    Script(Script),
    Block(Block),
    Form(Form),
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter<'a> {
    pub file: &'a SourceFile,
    pub out: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    pub fn at(&mut self, path: &[Seg], message: impl Into<String>) {
        let (line, column) = self.file.locate(path);
        self.push(line, column, message);
    }

    pub fn at_in(&mut self, path: &[Seg], value: &str, offset: usize, message: impl Into<String>) {
        let (line, column) = self.file.locate_in(path, value, offset);
        self.push(line, column, message);
    }

    fn push(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.out.push(Diagnostic {
            path: self.file.path.clone(),
            line,
            column,
            message: message.into(),
        });
    }
}

/// Every `.toml` file under `paths` (files or directories), sorted.
pub fn collect_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out)?;
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Every `.toml` file under `paths` read and checked by `check` (document templates, request
/// topics: files that stand alone): what passed, with its file, and the problems of the rest.
pub type Checked<T> = (Vec<(PathBuf, T)>, Vec<Diagnostic>);

pub fn lint_each<T>(
    paths: &[PathBuf],
    check: impl Fn(&Path, &str) -> Result<T, Vec<Diagnostic>>,
) -> std::io::Result<Checked<T>> {
    let (mut good, mut diags) = (Vec::new(), Vec::new());
    for path in collect_files(paths)? {
        let text = std::fs::read_to_string(&path)?;
        match check(&path, &text) {
            Ok(t) => good.push((path, t)),
            Err(d) => diags.extend(d),
        }
    }
    Ok((good, diags))
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        for entry in std::fs::read_dir(p)? {
            walk(&entry?.path(), out)?;
        }
    } else if p.extension().is_some_and(|e| e == "toml") {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// Loads `(path, text)` pairs into a library; files that do not parse become diagnostics.
pub fn load(files: Vec<(PathBuf, String)>) -> (Library, Vec<Diagnostic>) {
    let mut lib = Library::default();
    let mut diags = Vec::new();
    for (path, text) in files {
        let file = SourceFile::new(path, text);
        let table: toml::Table = match toml::from_str(&file.text) {
            Ok(t) => t,
            Err(e) => {
                let (line, column) = e.span().map_or((1, 1), |s| file.line_col(s.start));
                diags.push(Diagnostic {
                    path: file.path.clone(),
                    line,
                    column,
                    message: format!("syntax error: {}", e.message()),
                });
                continue;
            }
        };
        let kind = if table.contains_key("nodes") && table.contains_key("form") {
            "script"
        } else if table.contains_key("nodes") {
            "block"
        } else if table.contains_key("fields") {
            "form"
        } else {
            diags.push(Diagnostic {
                path: file.path.clone(),
                line: 1,
                column: 1,
                message: "not a script (nodes + form), a block (nodes) or a form (fields)".into(),
            });
            continue;
        };
        let id = table
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let parsed = match kind {
            "script" => toml::from_str::<Script>(&file.text).map(Parsed::Script),
            "block" => toml::from_str::<Block>(&file.text).map(Parsed::Block),
            _ => toml::from_str::<Form>(&file.text).map(Parsed::Form),
        };
        match parsed {
            Ok(Parsed::Script(s)) => insert(&mut lib.scripts, id, s, file, &mut diags, "script"),
            Ok(Parsed::Block(b)) => insert(&mut lib.blocks, id, b, file, &mut diags, "block"),
            Ok(Parsed::Form(f)) => insert(&mut lib.forms, id, f, file, &mut diags, "form"),
            Err(e) => {
                let (line, column) = e.span().map_or((1, 1), |s| file.line_col(s.start));
                diags.push(Diagnostic {
                    path: file.path.clone(),
                    line,
                    column,
                    message: e.message().to_string(),
                });
            }
        }
    }
    (lib, diags)
}

fn insert<T>(
    map: &mut BTreeMap<String, (T, SourceFile)>,
    id: String,
    value: T,
    file: SourceFile,
    diags: &mut Vec<Diagnostic>,
    what: &str,
) {
    if let Some((_, other)) = map.get(&id) {
        diags.push(Diagnostic {
            path: file.path.clone(),
            line: 1,
            column: 1,
            message: format!(
                "duplicate {what} id {id:?} (also in {})",
                other.path.display()
            ),
        });
        return;
    }
    map.insert(id, (value, file));
}

/// Every problem in the library.
pub fn lint(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (form, file) in lib.forms.values() {
        forms::lint_form(
            form,
            &mut Reporter {
                file,
                out: &mut out,
            },
        );
    }
    for (block, file) in lib.blocks.values() {
        scripts::lint_block(
            block,
            &mut Reporter {
                file,
                out: &mut out,
            },
        );
    }
    for (script, file) in lib.scripts.values() {
        scripts::lint_script(script, lib, file, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// Loads and lints files from disk.
pub fn lint_paths(paths: &[PathBuf]) -> std::io::Result<(Library, Vec<Diagnostic>)> {
    let mut files = Vec::new();
    for path in collect_files(paths)? {
        let text = std::fs::read_to_string(&path)?;
        files.push((path, text));
    }
    let (lib, mut diags) = load(files);
    diags.extend(lint(&lib));
    diags.sort();
    Ok((lib, diags))
}

pub(crate) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Languages a file may declare.
pub(crate) const KNOWN_LANGUAGES: [&str; 4] = ["fr", "nl", "en", "de"];
