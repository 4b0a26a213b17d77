//! Source files and positions: a lint finding names a TOML path (`nodes[3].next[1].if`) and
//! the locator turns it into `line:column` using the spans `toml_edit` keeps.

use std::ops::Range;
use std::path::PathBuf;

/// One step of a path into a TOML document.
#[derive(Debug, Clone)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Builds a path: `at!["nodes", 3, "next"]`.
#[macro_export]
macro_rules! at {
    ($($s:expr),* $(,)?) => { [$($crate::lint::source::Seg::from($s)),*] };
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_string())
    }
}
impl From<&String> for Seg {
    fn from(s: &String) -> Self {
        Seg::Key(s.clone())
    }
}
impl From<String> for Seg {
    fn from(s: String) -> Self {
        Seg::Key(s)
    }
}
impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// A file being linted.
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    doc: Option<toml_edit::ImDocument<String>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let doc = toml_edit::ImDocument::parse(text.clone()).ok();
        Self { path, text, doc }
    }

    /// The byte span of the value at `path`, as close as the document allows.
    fn span(&self, path: &[Seg]) -> Option<Range<usize>> {
        let doc = self.doc.as_ref()?;
        let mut item: &toml_edit::Item = doc.as_item();
        let mut best = None;
        for seg in path {
            let next = match seg {
                Seg::Key(k) => item.get(k.as_str()),
                Seg::Index(i) => item.get(*i),
            };
            match next {
                Some(n) => {
                    item = n;
                    if let Some(s) = n.span() {
                        best = Some(s);
                    }
                }
                None => break,
            }
        }
        best
    }

    /// `(line, column)` (1-based) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Where the value at `path` starts.
    pub fn locate(&self, path: &[Seg]) -> (usize, usize) {
        self.span(path).map_or((1, 1), |s| self.line_col(s.start))
    }

    /// Where byte `offset` of the string value at `path` is, when the string is written
    /// without escapes (so source and value line up); else where the value starts.
    pub fn locate_in(&self, path: &[Seg], value: &str, offset: usize) -> (usize, usize) {
        match self.span(path) {
            Some(s) if self.text.get(s.start + 1..s.start + 1 + value.len()) == Some(value) => {
                self.line_col(s.start + 1 + offset)
            }
            Some(s) => self.line_col(s.start),
            None => (1, 1),
        }
    }
}
