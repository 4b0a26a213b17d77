//! Lessons in Markdown: their title, the files and links they point at (for lint), and their
//! HTML (for agents).
//!
//! Raw HTML in a lesson is shown as text, not interpreted: lessons are written by trainers,
//! but a page that agents open while logged in should not run whatever a content file
//! carries. Relative links are rewritten to the course's URLs, so a lesson written against
//! the folder layout (`../images/x.svg`, `other.en.md`) works in the browser unchanged.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The lesson title: the text of its first line, which must be `# Title`.
pub fn title(md: &str) -> Option<String> {
    let first = md.lines().next()?.trim_end();
    let t = first.strip_prefix("# ")?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A link or image in a lesson, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub target: String,
    pub offset: usize,
    pub image: bool,
}

/// Every link and image destination in `md`.
pub fn references(md: &str) -> Vec<Reference> {
    Parser::new_ext(md, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(Reference {
                target: dest_url.to_string(),
                offset: range.start,
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(Reference {
                target: dest_url.to_string(),
                offset: range.start,
                image: true,
            }),
            _ => None,
        })
        .collect()
}

/// Whether a destination leaves the course (a web address or a mail link), so it is not a
/// file to check.
pub fn is_external(target: &str) -> bool {
    target.starts_with("https://")
        || target.starts_with("http://")
        || target.starts_with("mailto:")
        || target.starts_with('#')
}

/// A relative destination written in a lesson (which lives in `lessons/`) as a path inside
/// the course folder, e.g. `../images/a.svg` -> `images/a.svg`; `None` when it leaves the
/// folder or is absolute.
pub fn resolve(target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    if path.is_empty() || path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = vec!["lessons"];
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The lesson's HTML for course `course_id`, without its title line (the page shows it).
pub fn render(course_id: &str, md: &str) -> String {
    let body = match md.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => rest,
        _ => md,
    };
    let events = Parser::new_ext(body, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: url_for(course_id, dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: url_for(course_id, dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    // An aligned table cell comes out with a style attribute, which the CSP refuses: a class
    // instead (assets/lesson.css). Only the renderer writes this text: `>` is escaped elsewhere.
    for side in ["left", "center", "right"] {
        out = out.replace(
            &format!(" style=\"text-align: {side}\">"),
            &format!(" class=\"align-{side}\">"),
        );
    }
    out
}

/// Where a destination points in the web application.
fn url_for<'a>(course_id: &str, dest: CowStr<'a>) -> CowStr<'a> {
    if is_external(&dest) {
        return dest;
    }
    match resolve(&dest) {
        // Another lesson: `lessons/<id>.<lang>.md` -> its page.
        Some(p) if p.starts_with("lessons/") && p.ends_with(".md") => {
            let file = &p["lessons/".len()..p.len() - 3];
            let id = file.rsplit_once('.').map_or(file, |(id, _lang)| id);
            CowStr::from(format!("/learn/{course_id}/lessons/{id}"))
        }
        Some(p) => CowStr::from(format!("/learn/{course_id}/{p}")),
        None => CowStr::from("#"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_first_heading_line() {
        assert_eq!(title("# Why speed\n\ntext").as_deref(), Some("Why speed"));
        assert_eq!(title("Why speed\n"), None);
        assert_eq!(title("## Why\n"), None);
    }

    #[test]
    fn relative_paths_resolve_inside_the_course() {
        assert_eq!(resolve("../images/a.svg").as_deref(), Some("images/a.svg"));
        assert_eq!(
            resolve("other.en.md").as_deref(),
            Some("lessons/other.en.md")
        );
        assert_eq!(resolve("../../secret"), None);
        assert_eq!(resolve("/etc/passwd"), None);
    }

    #[test]
    fn references_carry_offsets() {
        let md = "# T\n\nSee ![a](../images/a.svg) and [b](https://example.org).\n";
        let refs = references(md);
        assert_eq!(refs.len(), 2);
        assert!(refs[0].image);
        assert_eq!(&md[refs[0].offset..refs[0].offset + 2], "![");
        assert!(!refs[1].image && is_external(&refs[1].target));
    }

    #[test]
    fn raw_html_is_escaped_and_links_rewritten() {
        let html = render(
            "c",
            "# T\n<script>alert(1)</script>\n\n![x](../images/a.svg) [n](next.fr.md)",
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("/learn/c/images/a.svg"), "{html}");
        assert!(html.contains("/learn/c/lessons/next"), "{html}");
    }

    #[test]
    fn aligned_table_cells_carry_a_class_not_a_style() {
        let html = render("c", "# T\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<th class=\"align-left\">"), "{html}");
        assert!(html.contains("<th class=\"align-center\">"), "{html}");
        assert!(html.contains("<td class=\"align-right\">"), "{html}");
    }
}
