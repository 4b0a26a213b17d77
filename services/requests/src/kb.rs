//! The knowledge base: self-service articles as Markdown files under `kb/`, one per language
//! (`<id>.fr.md`, `<id>.nl.md`, `<id>.en.md`), listed in `kb/index.toml` with the topics
//! they help with, their audience (the public, or staff only) and the words people type when
//! they look for them. Each file starts with `# Title`, then a one-paragraph summary (the
//! search snippet), then the body. Linted like scripts (every problem with its file, line
//! and column) and published as releases; the public form shows matching articles while the
//! requester types (the cheapest answer is the one they find themselves).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scripting::lint::source::SourceFile;
use scripting::lint::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::topic::LANGUAGES;

kernel::text_enum! {
    /// Who an article is for.
    #[derive(utoipa::ToSchema)]
    pub enum Audience {
        Public = "public",
        Staff = "staff",
    }
}

/// An article's entry in `kb/index.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    topics: Vec<String>,
    audience: Audience,
    keywords: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    article: Vec<Entry>,
}

/// One language of an article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Text {
    pub title: String,
    pub summary: String,
    /// The Markdown after the summary.
    pub body: String,
    pub keywords: Vec<String>,
}

/// An article in every language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub topics: Vec<String>,
    pub audience: Audience,
    pub texts: BTreeMap<String, Text>,
}

impl Article {
    /// The text in `lang`, else in French.
    pub fn text(&self, lang: &str) -> Option<&Text> {
        self.texts.get(lang).or_else(|| self.texts.get("fr"))
    }
}

fn diag(path: &Path, (line, column): (usize, usize), message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        message: message.into(),
    }
}

/// Reads one language file: its text, or the problems with their places.
fn read_text(path: &Path, md: &str, keywords: Vec<String>) -> Result<Text, Vec<Diagnostic>> {
    let src = SourceFile::new(path.to_path_buf(), md.to_string());
    let mut out = Vec::new();
    let mut lines = md.lines();
    let title = lines
        .next()
        .and_then(|l| l.trim_end().strip_prefix("# "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if title.is_none() {
        out.push(diag(
            path,
            (1, 1),
            "an article starts with its title: `# Title`",
        ));
    }
    let rest: Vec<&str> = lines.collect();
    let start = rest.iter().position(|l| !l.trim().is_empty());
    let summary: Vec<&str> = start.map_or(Vec::new(), |s| {
        rest[s..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .copied()
            .collect()
    });
    let summary_line = start.map_or(2, |s| s + 2);
    if summary.is_empty() || summary[0].starts_with('#') || summary[0].starts_with('-') {
        out.push(diag(
            path,
            (summary_line, 1),
            "after the title comes a one-paragraph summary in plain text (the search shows it)",
        ));
    }
    let body_from = start.map_or(rest.len(), |s| s + summary.len());
    let body = rest[body_from.min(rest.len())..].join("\n");
    for (event, range) in
        pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::empty()).into_offset_iter()
    {
        match event {
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_) => {
                // Once a line: `<b>` and `</b>` are one mistake.
                let at = src.line_col(range.start);
                if !out.iter().any(|d| d.line == at.0 && d.message.starts_with("no HTML")) {
                    out.push(diag(path, at, "no HTML in an article: write Markdown"));
                }
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. })
            | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { dest_url, .. })
                if !allowed_link(&dest_url) =>
            {
                out.push(diag(
                    path,
                    src.line_col(range.start),
                    format!("link {dest_url:?}: a page of this site (`/requests/new`) or an https:// address"),
                ))
            }
            _ => {}
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    Ok(Text {
        title: title.unwrap_or_default().to_string(),
        summary: summary.join(" ").trim().to_string(),
        body: body.trim().to_string(),
        keywords,
    })
}

/// A link an article may hold: a page of this site, or an https:// address.
fn allowed_link(dest: &str) -> bool {
    (dest.starts_with('/') && !dest.starts_with("//")) || dest.starts_with("https://")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Lints the knowledge base in `dir` against the topic ids `topics` (none known: not
/// checked): the clean articles, and every problem.
pub fn lint_dir(dir: &Path, topics: Option<&[String]>) -> (Vec<Article>, Vec<Diagnostic>) {
    let index_path = dir.join("index.toml");
    let mut diags = Vec::new();
    let text = match std::fs::read_to_string(&index_path) {
        Ok(t) => t,
        Err(e) => {
            return (
                Vec::new(),
                vec![diag(&index_path, (1, 1), format!("cannot read: {e}"))],
            )
        }
    };
    let src = SourceFile::new(index_path.clone(), text.clone());
    let index: Index = match toml::from_str(&text) {
        Ok(i) => i,
        Err(e) => {
            let at = e.span().map_or((1, 1), |s| src.line_col(s.start));
            return (
                Vec::new(),
                vec![diag(&index_path, at, e.message().to_string())],
            );
        }
    };
    // Where each entry's id is written, for the messages about it.
    let place = |id: &str| {
        text.find(&format!("\"{id}\""))
            .map_or((1, 1), |o| src.line_col(o))
    };
    let mut articles = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for e in index.article {
        let mut bad = Vec::new();
        if !valid_id(&e.id) {
            bad.push(diag(
                &index_path,
                place(&e.id),
                format!("article id {:?}: lowercase letters, digits and '-'", e.id),
            ));
        }
        if seen.contains(&e.id) {
            bad.push(diag(
                &index_path,
                place(&e.id),
                format!("article {:?} is listed twice", e.id),
            ));
        }
        seen.push(e.id.clone());
        if let Some(known) = topics {
            for t in e.topics.iter().filter(|t| !known.contains(t)) {
                bad.push(diag(
                    &index_path,
                    place(&e.id),
                    format!("article {:?}: no topic {t:?} in topics/", e.id),
                ));
            }
        }
        let mut texts = BTreeMap::new();
        for lang in LANGUAGES {
            let path = dir.join(format!("{}.{lang}.md", e.id));
            let words = e.keywords.get(lang).cloned().unwrap_or_default();
            if words.is_empty() {
                bad.push(diag(
                    &index_path,
                    place(&e.id),
                    format!("article {:?}: keywords in {lang}", e.id),
                ));
            }
            match std::fs::read_to_string(&path) {
                Ok(md) => match read_text(&path, &md, words) {
                    Ok(t) => {
                        texts.insert(lang.to_string(), t);
                    }
                    Err(d) => bad.extend(d),
                },
                Err(_) => bad.push(diag(
                    &index_path,
                    place(&e.id),
                    format!("article {:?} has no {lang} file ({})", e.id, path.display()),
                )),
            }
        }
        if bad.is_empty() {
            articles.push(Article {
                id: e.id,
                topics: e.topics,
                audience: e.audience,
                texts,
            });
        } else {
            diags.extend(bad);
        }
    }
    // A Markdown file no entry lists is a mistake (a renamed article, a typo).
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|x| x == "md"))
        {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let id = name.split('.').next().unwrap_or_default();
            if !seen.iter().any(|s| s == id) {
                diags.push(diag(
                    f,
                    (1, 1),
                    "no entry of kb/index.toml lists this article",
                ));
            }
        }
    }
    (articles, diags)
}

/// Lowercase words without accents, for matching what people type against what articles say.
pub fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect()
}

/// How well `article` answers `query` in `lang` (0: not at all). A query word counts when an
/// article word starts with it (people type the start of words): in the title or keywords
/// three times, in the summary twice, in the body once; an article of the chosen topic
/// counts a little more.
pub fn score(article: &Article, lang: &str, query: &[String], topic: Option<&str>) -> u32 {
    let Some(t) = article.text(lang) else {
        return 0;
    };
    let fields: [(Vec<String>, u32); 4] = [
        (words(&t.title), 3),
        (words(&t.keywords.join(" ")), 3),
        (words(&t.summary), 2),
        (words(&t.body), 1),
    ];
    let mut total = 0;
    for q in query {
        let best = fields
            .iter()
            .filter(|(ws, _)| ws.iter().any(|w| w.starts_with(q.as_str())))
            .map(|(_, weight)| *weight)
            .max()
            .unwrap_or(0);
        total += best;
    }
    if total > 0 && topic.is_some_and(|t| article.topics.iter().any(|a| a == t)) {
        total += 1;
    }
    total
}

/// An article's body as HTML. Raw HTML is shown as text, never interpreted (lint refuses it;
/// this is the second lock).
pub fn render(body: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let events = Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn article() -> Article {
        let mut texts = BTreeMap::new();
        texts.insert(
            "fr".to_string(),
            Text {
                title: "Obtenir une copie de votre certificat".into(),
                summary: "Le lien de l'e-mail s'ouvre une fois.".into(),
                body: "## Employeur\n\nVotre employeur ne peut pas demander pourquoi.".into(),
                keywords: vec!["attestation".into()],
            },
        );
        Article {
            id: "quarantine-certificate-copy".into(),
            topics: vec!["document_request".into()],
            audience: Audience::Public,
            texts,
        }
    }

    #[test]
    fn words_fold_accents_and_skip_short_ones() {
        assert_eq!(words("Employé à l'école"), vec!["employe", "ecole"]);
    }

    #[test]
    fn title_words_weigh_more_than_body_words_and_prefixes_match() {
        let a = article();
        assert_eq!(score(&a, "fr", &words("certif"), None), 3);
        assert_eq!(score(&a, "fr", &words("employeur"), None), 1);
        assert_eq!(
            score(&a, "fr", &words("employeur"), Some("document_request")),
            2
        );
        assert_eq!(score(&a, "fr", &words("vaccin frigo"), None), 0);
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            render("a <script>x</script>"),
            "<p>a &lt;script&gt;x&lt;/script&gt;</p>\n"
        );
    }

    #[test]
    fn an_article_without_summary_or_with_html_is_named_with_its_line() {
        let p = Path::new("kb/x.fr.md");
        let errs =
            read_text(p, "# Titre\n\n## Section\n\ntexte <b>gras</b>\n", vec![]).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![3, 5], "{errs:?}");
    }
}
