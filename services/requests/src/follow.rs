//! The requester's way back to their request: a one-time link (`kernel::links`, kept in
//! `request_links`) in every mail they receive about it — the acknowledgment, each answer,
//! the satisfaction survey. The link opens the request's page once and starts a short visit;
//! a later mail brings a fresh link. The link is only ever in the mail that was sent: the
//! copy kept in the thread is the text without it (staff must not be able to open the
//! requester's page as the requester).

use kernel::links::Links;
use kernel::Kernel;

use crate::error::Result;

/// How long a link can be opened (once): a week, since a request can take days.
pub const LINK_HOURS: i64 = 7 * 24;
/// How long the visit it starts lasts.
pub const VISIT_MINUTES: i64 = 30;
/// The visit's cookie, scoped to the requester's pages.
pub const COOKIE: &str = "tc_request";

pub const LINKS: Links = Links {
    table: "request_links",
    subject: "request_id",
    audit: "request",
    link_hours: LINK_HOURS,
    visit_minutes: VISIT_MINUTES,
};

/// A fresh link to request `id`'s page for a mail in `lang`: its address.
pub async fn link(k: &Kernel, id: &str, lang: &str, actor: &str) -> Result<String> {
    let mut tx = k.db.begin().await?;
    let (_, token) = LINKS.create(k, &mut tx, id, lang, actor).await?;
    tx.commit().await?;
    Ok(format!("{}/r/{token}", k.config.public_base()))
}

/// The lines a mail to the requester ends with: where to follow the request.
pub fn footer(lang: &str, url: &str) -> String {
    let days = (LINK_HOURS / 24).to_string();
    kernel::i18n::catalog().text(
        lang,
        "pages-mail-request-follow",
        &[("url", url), ("days", days.as_str())],
    )
}
