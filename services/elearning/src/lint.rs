//! `tracecall lint elearning`: checks course folders and loads the ones without problems.
//!
//! Every problem is a [`Diagnostic`] (`path:line:column: message`), located with the same
//! TOML span locator the script linter uses. A course with any problem is not loaded, so the
//! server keeps serving its last good version.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use base64::Engine;
use scripting::lint::source::{Seg, SourceFile};
use scripting::lint::Diagnostic;
use serde::de::DeserializeOwned;

use crate::content::{Course, CourseMeta, Kind, Lesson, QuizFile, Translated};
use crate::markdown;

/// Quizzes have between this many questions...
pub const MIN_QUESTIONS: usize = 5;
/// ...and this many.
pub const MAX_QUESTIONS: usize = 10;

/// Whether `path` is a course folder or a folder of course folders.
pub fn is_elearning(path: &Path) -> bool {
    !course_dirs(path).is_empty()
}

/// The course folders at or directly under `path`, sorted.
pub fn course_dirs(path: &Path) -> Vec<PathBuf> {
    if path.join("course.toml").is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    out.sort();
    out
}

/// Lints every course under `paths`; returns the courses without problems and every problem.
pub fn lint_paths(paths: &[PathBuf]) -> (Vec<Course>, Vec<Diagnostic>) {
    let mut courses = Vec::new();
    let mut diags = Vec::new();
    for dir in paths.iter().flat_map(|p| course_dirs(p)) {
        let (course, mut found) = lint_course(&dir);
        if found.is_empty() {
            courses.extend(course);
        }
        diags.append(&mut found);
    }
    diags.sort();
    diags.dedup();
    (courses, diags)
}

struct Lint {
    out: Vec<Diagnostic>,
}

impl Lint {
    fn push(&mut self, path: &Path, (line, column): (usize, usize), message: impl Into<String>) {
        self.out.push(Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        });
    }

    fn at(&mut self, file: &SourceFile, at: &[Seg], message: impl Into<String>) {
        self.push(&file.path, file.locate(at), message);
    }

    /// Reads and parses a TOML file into `T`, reporting syntax and shape errors.
    fn parse<T: DeserializeOwned>(&mut self, path: &Path) -> Option<(T, SourceFile)> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                self.push(path, (1, 1), format!("cannot read: {e}"));
                return None;
            }
        };
        let file = SourceFile::new(path.to_path_buf(), text);
        match toml::from_str::<T>(&file.text) {
            Ok(v) => Some((v, file)),
            Err(e) => {
                let at = e.span().map_or((1, 1), |s| file.line_col(s.start));
                self.push(path, at, e.message().to_string());
                None
            }
        }
    }

    /// Every language of the course is present in `t`.
    fn translated(&mut self, file: &SourceFile, at: &[Seg], t: &Translated, langs: &[String]) {
        for lang in langs {
            if t.get(lang).is_none_or(|s| s.trim().is_empty()) {
                self.at(file, at, format!("missing translation: {lang}"));
            }
        }
    }
}

/// Lints one course folder; the course is returned when it could be assembled.
pub fn lint_course(dir: &Path) -> (Option<Course>, Vec<Diagnostic>) {
    let mut lint = Lint { out: Vec::new() };
    let course = check(dir, &mut lint);
    lint.out.sort();
    (course, lint.out)
}

fn check(dir: &Path, lint: &mut Lint) -> Option<Course> {
    let (meta, meta_file) = lint.parse::<CourseMeta>(&dir.join("course.toml"))?;
    check_meta(dir, &meta, &meta_file, lint);
    let langs = meta.languages.clone();
    let mut files = BTreeMap::new();
    let lessons = meta
        .lessons
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let at = [Seg::from("lessons"), Seg::from(i)];
            lesson(dir, id, &langs, &meta_file, &at, &mut files, lint)
        })
        .collect::<Vec<_>>();
    unlisted_lessons(dir, &meta, lint);
    let questions = match lint.parse::<QuizFile>(&dir.join("quiz.toml")) {
        Some((quiz, file)) => {
            check_quiz(&quiz, &file, &langs, lint);
            quiz.questions
        }
        None => Vec::new(),
    };
    Some(Course {
        meta,
        lessons,
        questions,
        files,
    })
}

fn check_meta(dir: &Path, meta: &CourseMeta, file: &SourceFile, lint: &mut Lint) {
    let folder = dir.file_name().map(|n| n.to_string_lossy().to_string());
    if folder.as_deref() != Some(meta.id.as_str()) {
        lint.at(
            file,
            &[Seg::from("id")],
            format!(
                "course id {:?} must equal its folder name {:?}",
                meta.id,
                folder.unwrap_or_default()
            ),
        );
    }
    if meta.languages.is_empty() {
        lint.at(
            file,
            &[Seg::from("languages")],
            "declare at least one language",
        );
    }
    lint.translated(file, &[Seg::from("title")], &meta.title, &meta.languages);
    lint.translated(
        file,
        &[Seg::from("summary")],
        &meta.summary,
        &meta.languages,
    );
    if !(1..=100).contains(&meta.pass_mark) {
        lint.at(
            file,
            &[Seg::from("pass_mark")],
            "pass_mark is a percentage from 1 to 100",
        );
    }
    if meta.cooldown_minutes < 0 {
        lint.at(
            file,
            &[Seg::from("cooldown_minutes")],
            "cooldown_minutes cannot be negative",
        );
    }
    if meta.minutes <= 0 {
        lint.at(file, &[Seg::from("minutes")], "minutes must be positive");
    }
    if meta.lessons.is_empty() {
        lint.at(
            file,
            &[Seg::from("lessons")],
            "a course needs at least one lesson",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, id) in meta.lessons.iter().enumerate() {
        if !seen.insert(id) {
            lint.at(
                file,
                &[Seg::from("lessons"), Seg::from(i)],
                format!("lesson {id:?} is listed twice"),
            );
        }
    }
}

/// Loads one lesson in every language, checking its title line and what it points at.
fn lesson(
    dir: &Path,
    id: &str,
    langs: &[String],
    meta_file: &SourceFile,
    at: &[Seg],
    files: &mut BTreeMap<String, String>,
    lint: &mut Lint,
) -> Option<Lesson> {
    let mut title = Translated::new();
    let mut markdown = Translated::new();
    for lang in langs {
        let path = dir.join("lessons").join(format!("{id}.{lang}.md"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            lint.at(
                meta_file,
                at,
                format!("lesson {id:?} has no {lang} file ({})", path.display()),
            );
            continue;
        };
        let src = SourceFile::new(path.clone(), text);
        match markdown::title(&src.text) {
            Some(t) => {
                title.insert(lang.clone(), t);
            }
            None => lint.push(&path, (1, 1), "a lesson starts with its title: `# Title`"),
        }
        for r in markdown::references(&src.text) {
            check_reference(dir, &src, &r, files, lint);
        }
        markdown.insert(lang.clone(), src.text);
    }
    Some(Lesson {
        id: id.to_string(),
        title,
        markdown,
    })
}

fn check_reference(
    dir: &Path,
    src: &SourceFile,
    r: &markdown::Reference,
    files: &mut BTreeMap<String, String>,
    lint: &mut Lint,
) {
    if markdown::is_external(&r.target) {
        return;
    }
    let what = if r.image { "image" } else { "link" };
    let at = src.line_col(r.offset);
    let Some(inner) = markdown::resolve(&r.target) else {
        lint.push(
            &src.path,
            at,
            format!("{what} {:?} points outside the course folder", r.target),
        );
        return;
    };
    if !inner.starts_with("lessons/") && !inner.starts_with("images/") {
        lint.push(
            &src.path,
            at,
            format!("{what} {:?}: only lessons and images/ are served", r.target),
        );
        return;
    }
    match std::fs::read(dir.join(&inner)) {
        Ok(bytes) => {
            if inner.starts_with("images/") {
                files.insert(
                    inner,
                    base64::engine::general_purpose::STANDARD.encode(bytes),
                );
            }
        }
        Err(_) => lint.push(
            &src.path,
            at,
            format!("broken {what}: {:?} does not exist", r.target),
        ),
    }
}

/// A lesson file that `course.toml` does not list is most likely a forgotten entry.
fn unlisted_lessons(dir: &Path, meta: &CourseMeta, lint: &mut Lint) {
    let listed: BTreeSet<&str> = meta.lessons.iter().map(String::as_str).collect();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("lessons"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        let Some(stem) = name.as_deref().and_then(|n| n.strip_suffix(".md")) else {
            continue;
        };
        let id = stem.rsplit_once('.').map_or(stem, |(id, _)| id);
        if !listed.contains(id) {
            lint.push(
                &path,
                (1, 1),
                format!("lesson {id:?} is not listed in course.toml"),
            );
        }
    }
}

fn check_quiz(quiz: &QuizFile, file: &SourceFile, langs: &[String], lint: &mut Lint) {
    let n = quiz.questions.len();
    if !(MIN_QUESTIONS..=MAX_QUESTIONS).contains(&n) {
        lint.at(
            file,
            &[Seg::from("questions")],
            format!("a quiz has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, this one {n}"),
        );
    }
    let mut ids = BTreeSet::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let at = |k: &str| [Seg::from("questions"), Seg::from(i), Seg::from(k)];
        if !ids.insert(q.id.as_str()) {
            lint.at(file, &at("id"), format!("duplicate question id {:?}", q.id));
        }
        lint.translated(file, &at("text"), &q.text, langs);
        lint.translated(file, &at("explanation"), &q.explanation, langs);
        if q.options.len() < 2 {
            lint.at(
                file,
                &at("options"),
                "a question needs at least two options",
            );
        }
        let mut options = BTreeSet::new();
        for (j, o) in q.options.iter().enumerate() {
            let oat = [
                Seg::from("questions"),
                Seg::from(i),
                Seg::from("options"),
                Seg::from(j),
            ];
            if !options.insert(o.id.as_str()) {
                lint.at(file, &oat, format!("duplicate option id {:?}", o.id));
            }
            let mut tat = oat.to_vec();
            tat.push(Seg::from("text"));
            lint.translated(file, &tat, &o.text, langs);
        }
        if q.answer.is_empty() {
            lint.at(file, &at("answer"), "the answer key names no option");
        }
        for (j, a) in q.answer.iter().enumerate() {
            if !options.contains(a.as_str()) {
                let aat = [
                    Seg::from("questions"),
                    Seg::from(i),
                    Seg::from("answer"),
                    Seg::from(j),
                ];
                lint.at(
                    file,
                    &aat,
                    format!("answer {a:?} is not an option of question {:?}", q.id),
                );
            }
        }
        if q.kind == Kind::Single && q.answer.len() != 1 {
            lint.at(
                file,
                &at("answer"),
                "a single-choice question has exactly one right option",
            );
        }
    }
}
