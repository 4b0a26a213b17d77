//! Quick requests: the known issues a topic lists (a headset without sound, a password to
//! reset) filed in one click by staff, for themselves or for a caller on the phone, with
//! the topic's preset subject and message in the filer's language. Seed 001 measured the
//! time spent registering known issues one by one; this is that time given back.

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Deserialize;

use crate::error::{RequestsError, Result};
use crate::web::{Filer, WebRequestIn};

/// A caller a quick request is filed for.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    #[serde(default)]
    pub name: Option<String>,
    /// Where the acknowledgment and answers go; none: nothing is mailed.
    #[serde(default)]
    pub email: Option<String>,
    /// The caller's language (fr, nl or en); the filer's otherwise.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuickIn {
    pub topic: String,
    /// The quick request's id in the topic.
    pub quick: String,
    /// For a caller; the filer's own request when absent.
    #[serde(default)]
    pub caller: Option<Caller>,
}

/// Files quick request `q` as `who`; its reference.
pub async fn file(k: &Kernel, who: &Principal, q: &QuickIn) -> Result<String> {
    let release = crate::store::topic(k, &q.topic)
        .await?
        .ok_or_else(|| RequestsError::NotFound(format!("topic {}", q.topic)))?;
    let t = &release.topic;
    let quick = t
        .quick_requests
        .iter()
        .find(|r| r.id == q.quick)
        .ok_or_else(|| RequestsError::NotFound(format!("quick request {} of {}", q.quick, t.id)))?;
    let wanted = q
        .caller
        .as_ref()
        .and_then(|c| c.language.clone())
        .unwrap_or_else(|| who.ui_language().to_string());
    let lang = if t.languages.contains(&wanted) {
        wanted
    } else {
        "fr".to_string()
    };
    let text = |m: &std::collections::BTreeMap<String, String>| {
        m.get(&lang)
            .or_else(|| m.get("fr"))
            .cloned()
            .unwrap_or_default()
    };
    let input = WebRequestIn {
        topic: t.id.clone(),
        language: lang.clone(),
        name: q.caller.as_ref().and_then(|c| c.name.clone()),
        email: q
            .caller
            .as_ref()
            .and_then(|c| c.email.clone())
            .unwrap_or_default(),
        subject: text(&quick.subject),
        message: text(&quick.message),
        answers: Default::default(),
        token: String::new(),
        website: String::new(),
        for_caller: q.caller.is_some(),
    };
    crate::web::file(k, &input, Filer::Staff(who)).await
}
