//! Server-rendered pages: one tera instance holding the templates of every service, so that
//! each service's pages extend the same `base.html` layout. Templates are compiled into the
//! binary, so it serves from any working directory.

use std::sync::Arc;

use axum::response::{Html, IntoResponse, Response};
/// The values a template is rendered with.
pub use tera::Context;

use crate::error::{Error, Result};

/// A named template: `(name, source)`.
pub type Template = (&'static str, &'static str);

/// The layout every page extends.
pub const BASE: Template = ("base.html", include_str!("../templates/base.html"));

/// The page renderer shared through the application state.
#[derive(Clone, Debug)]
pub struct Pages(Arc<tera::Tera>);

impl Pages {
    /// Builds the renderer from every service's templates (plus [`BASE`]).
    pub fn new(sets: &[&[Template]]) -> Result<Self> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let all = std::iter::once(BASE).chain(sets.iter().flat_map(|s| s.iter().copied()));
        tera.add_raw_templates(all)
            .map_err(|e| Error::Internal(format!("templates: {e:?}")))?;
        Ok(Self(Arc::new(tera)))
    }

    /// Renders `name` in the language of the context's `lang` (English when absent), with the
    /// catalogue's texts of that language as `t`; a template error is a 500 (logged), never a
    /// half page.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Response {
        let lang = crate::i18n::supported(
            ctx.get("lang")
                .and_then(|v| v.as_str())
                .unwrap_or(crate::i18n::FALLBACK),
        );
        let mut ctx = ctx.clone();
        ctx.insert("lang", lang);
        ctx.insert("t", crate::i18n::catalog().messages(lang));
        match self.0.render(name, &ctx) {
            Ok(html) => Html(html).into_response(),
            Err(e) => Error::Internal(format!("template {name}: {e:?}")).into_response(),
        }
    }
}
