//! The public web form's backend: a request filed by a citizen, a pharmacist or a staff
//! member, on a topic, with the topic's form validated by the same engine as calls (computed
//! fields included), routed by the topic's rules over the answers (first rule that holds
//! sets team, skill, priority), acknowledged by mail.
//!
//! Bot protection needs no third party: the page carries a signed token of when it was
//! served; a form sent back sooner than a person could fill it, or hours later, is refused,
//! and so is one whose hidden `website` field a robot filled in.

use kernel::problem::FieldError;
use kernel::Kernel;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{RequestsError, Result};
use crate::store::{self, Channel, Direction, NewMessage, NewRequest, Requester};

/// Requests one client address may file in an hour, and acknowledgments one e-mail address
/// may receive: a public form that sends mail must not become a way to flood a mailbox.
pub const PER_ADDRESS_PER_HOUR: i64 = 20;
pub const PER_EMAIL_PER_HOUR: i64 = 5;

/// The soonest a form can come back after it was served.
pub const MIN_FILL_MS: i64 = 3_000;
/// The latest.
pub const MAX_FILL_MS: i64 = 2 * 3_600_000;

/// A filed request, as the web form sends it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebRequestIn {
    pub topic: String,
    pub language: String,
    #[serde(default)]
    pub name: Option<String>,
    pub email: String,
    pub subject: String,
    pub message: String,
    /// The topic form's answers, by field id.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Map<String, Value>,
    /// The token of the page the form came from (the public's; staff need none).
    #[serde(default)]
    pub token: String,
    /// Left empty by people (hidden); filled in by robots.
    #[serde(default)]
    pub website: String,
    /// Staff only: the request is a caller's (their name and address as given, the phone
    /// channel), not the staff member's own.
    #[serde(default)]
    pub for_caller: bool,
}

/// Who files: the public (from a client address, through the bot checks) or a logged-in
/// staff member, for themselves (their account's name and address; their team is the
/// request's department in reports) or for a caller on the phone.
#[derive(Debug, Clone, Copy)]
pub enum Filer<'a> {
    Public(std::net::IpAddr),
    Staff(&'a kernel::auth::Principal),
}

fn mac(k: &Kernel, issued: i64) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.envelope.index_root());
    let tag = ring::hmac::sign(&key, format!("tracecall web form\0{issued}").as_bytes());
    hex::encode(&tag.as_ref()[..16])
}

/// A token for a form served now.
pub fn token(k: &Kernel) -> String {
    let issued = kernel::db::millis(k.now());
    format!("{issued}.{}", mac(k, issued))
}

fn check_token(k: &Kernel, token: &str) -> std::result::Result<(), &'static str> {
    let (issued, tag) = token
        .split_once('.')
        .ok_or("the form's token is malformed")?;
    let issued: i64 = issued
        .parse()
        .map_err(|_| "the form's token is malformed")?;
    if mac(k, issued) != tag {
        return Err("the form's token is not ours");
    }
    let age = kernel::db::millis(k.now()) - issued;
    if age < MIN_FILL_MS {
        return Err("the form came back faster than a person can fill it");
    }
    if age > MAX_FILL_MS {
        return Err("the form is too old; load the page again");
    }
    Ok(())
}

fn field_error(field: &str, code: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, code, message)
}

/// Counts one hit on `what` (a client address or an e-mail address, kept only as a keyed
/// hash); refused with 429 beyond `limit` an hour.
async fn limit(k: &Kernel, kind: &str, what: &str, limit: i64) -> Result<()> {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.envelope.index_root());
    let tag = ring::hmac::sign(&key, format!("{kind}\0{what}").as_bytes());
    let counter = format!("requests.{kind}:{}", hex::encode(&tag.as_ref()[..12]));
    let now = k.now();
    if kernel::rate::hit(&k.db, &counter, 3600, now).await? > limit {
        return Err(kernel::Error::Refused {
            status: 429,
            slug: "too-many-requests",
            detail: format!("at most {limit} an hour from one {kind}; try again later"),
            retry_after_secs: Some(kernel::rate::retry_after(3600, now)),
        }
        .into());
    }
    Ok(())
}

/// Files a request from the web form; returns its reference.
pub async fn file(k: &Kernel, input: &WebRequestIn, filer: Filer<'_>) -> Result<String> {
    match filer {
        Filer::Public(client) => {
            limit(k, "address", &client.to_string(), PER_ADDRESS_PER_HOUR).await?;
            if let Err(why) = check_token(k, &input.token) {
                return Err(kernel::Error::refused(
                    axum::http::StatusCode::FORBIDDEN,
                    "form-refused",
                    why,
                )
                .into());
            }
            if !input.website.is_empty() || input.for_caller {
                return Err(kernel::Error::refused(
                    axum::http::StatusCode::FORBIDDEN,
                    "form-refused",
                    "refused",
                )
                .into());
            }
        }
        Filer::Staff(_) => {}
    }
    // Staff filing for themselves answer to their account's name and address.
    let own = match filer {
        Filer::Staff(who) if !input.for_caller => {
            let me = kernel::auth::users::active(&k.db, who.id)
                .await?
                .ok_or(kernel::Error::Unauthenticated)?;
            Some((me.name, me.email))
        }
        _ => None,
    };
    let release = store::topic(k, &input.topic)
        .await?
        .ok_or_else(|| RequestsError::NotFound(format!("topic {}", input.topic)))?;
    let t = &release.topic;
    let mut errors = Vec::new();
    let lang = input.language.as_str();
    if !t.languages.iter().any(|l| l == lang) {
        errors.push(field_error(
            "language",
            "invalid",
            format!("{lang:?} is not one of {}", t.languages.join(", ")),
        ));
    }
    let email = match &own {
        Some((_, e)) => e.clone(),
        None => input.email.trim().to_ascii_lowercase(),
    };
    let at = email.split_once('@');
    // A caller on the phone may have no address: then nothing is mailed to them.
    let phone_without_address = matches!(filer, Filer::Staff(_)) && email.is_empty();
    if !phone_without_address
        && (!at.is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'))
            || email.contains(char::is_whitespace))
    {
        errors.push(field_error(
            "email",
            "invalid",
            "an e-mail address, so we can answer",
        ));
    }
    let subject = input.subject.trim();
    if subject.is_empty() || subject.chars().count() > 200 {
        errors.push(field_error(
            "subject",
            "length",
            "a subject of 1 to 200 characters",
        ));
    }
    let message = input.message.trim();
    if message.is_empty() || message.chars().count() > 10_000 {
        errors.push(field_error(
            "message",
            "length",
            "a message of 1 to 10,000 characters",
        ));
    }
    if input
        .name
        .as_deref()
        .is_some_and(|n| n.chars().count() > 200)
    {
        errors.push(field_error(
            "name",
            "length",
            "a name of at most 200 characters",
        ));
    }
    let answers = match &t.form {
        Some(form_id) => match form(k, form_id).await? {
            Some(form) => {
                let ctx = scripting::validate::Context {
                    today: k.now().date_naive(),
                    person: Value::Null,
                    case: Value::Null,
                };
                match scripting::validate::validate(&form, &input.answers, &ctx, lang) {
                    Ok(a) => Some(scripting::validate::with_computed(&form, &a, &ctx)),
                    Err(e) => {
                        errors.extend(e.into_iter().map(|mut f| {
                            f.field = format!("answers.{}", f.field);
                            f
                        }));
                        None
                    }
                }
            }
            None => {
                return Err(RequestsError::Internal(format!(
                    "topic {}: form {form_id} is not published",
                    t.id
                )))
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(kernel::Error::Invalid(errors).into());
    }
    if matches!(filer, Filer::Public(_)) {
        limit(k, "e-mail address", &email, PER_EMAIL_PER_HOUR).await?;
    }
    let (team, skill, priority) = route(k, t, answers.as_ref());
    let region = region_of(answers.as_ref());
    let (channel, department, actor) = match filer {
        Filer::Public(_) => (Channel::Web, None, "requester".to_string()),
        Filer::Staff(who) if input.for_caller => (Channel::Phone, None, who.actor()),
        Filer::Staff(who) => (Channel::Web, who.team.clone(), who.actor()),
    };
    let name = match &own {
        Some((n, _)) => Some(n.clone()),
        None => input.name.clone().filter(|n| !n.trim().is_empty()),
    };
    let new = NewRequest {
        topic: &release,
        channel,
        language: lang,
        requester: Requester {
            name,
            email: (!email.is_empty()).then(|| email.clone()),
        },
        department,
        actor: &actor,
        region,
        subject,
        answers: answers.map(Value::Object),
        team,
        skill,
        priority,
    };
    let first = NewMessage {
        direction: Direction::In,
        author: "requester",
        body: message,
        message_id: None,
        attachments: &[],
    };
    let (id, reference, key) = store::file_new(k, &new, &first).await?;
    if !email.is_empty() {
        crate::outbound::acknowledge(k, &id, &reference, t, lang, &email, &key).await?;
    }
    Ok(reference)
}

/// The province of the first postal code the answers give (a field named `*postal_code`).
fn region_of(answers: Option<&Map<String, Value>>) -> Option<String> {
    answers?
        .iter()
        .filter(|(id, _)| id.ends_with("postal_code"))
        .find_map(|(_, v)| kernel::postal::province(v.as_str()?))
        .map(|p| p.code.to_string())
}

/// The published form `id` (the form of the call script of the same name).
pub(crate) async fn form(k: &Kernel, id: &str) -> Result<Option<scripting::model::Form>> {
    let Some(info) = scripting::store::latest(&k.db, id)
        .await
        .map_err(|e| RequestsError::Kernel(e.into()))?
    else {
        return Ok(None);
    };
    let (_, content) = scripting::store::get(&k.db, info.id)
        .await
        .map_err(|e| RequestsError::Kernel(e.into()))?;
    Ok((content.form.id == id).then_some(content.form))
}

/// Team, skill and priority: the topic's, unless a routing rule holds over the answers.
fn route(
    k: &Kernel,
    t: &crate::topic::Topic,
    answers: Option<&Map<String, Value>>,
) -> (String, Option<String>, crate::topic::Priority) {
    let view = Value::Object(answers.cloned().unwrap_or_default());
    let env = scripting::expr::Env::new(k.now().date_naive()).with("answers", &view);
    for rule in &t.routing {
        let holds = scripting::expr::Expr::parse(&rule.when)
            .ok()
            .and_then(|e| e.eval_bool(&env).ok())
            .unwrap_or(false);
        if holds {
            return (
                rule.team.clone().unwrap_or_else(|| t.team.clone()),
                rule.skill.clone(),
                rule.priority.unwrap_or(t.priority),
            );
        }
    }
    (t.team.clone(), None, t.priority)
}
