//! Staff accounts. Staff emails and names are stored in clear: they are needed to log in and
//! to show who did what, and they are not data about the citizens the platform serves.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use super::{password, Role};
use crate::audit::{self, Event};
use crate::db::{millis, Db};
use crate::error::{Error, Result};
use crate::problem::FieldError;

/// A user as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub team: Option<String>,
    pub languages: Vec<String>,
    /// A deactivated user cannot log in and has no sessions.
    pub active: bool,
    /// The user must choose a new password before doing anything else.
    pub must_change_password: bool,
}

/// The columns [`user_from_row`] reads (booleans as integers: the `Any` driver reads no
/// SQLite boolean).
pub const USER_COLUMNS: &str = "id, email, name, role, team, languages, \
    CAST(CASE WHEN active THEN 1 ELSE 0 END AS BIGINT) AS active, \
    CAST(CASE WHEN must_change_password THEN 1 ELSE 0 END AS BIGINT) AS must_change_password";

/// Languages as a user gives them: two-letter codes, lower case, in order of preference,
/// repeats dropped; each bad one named by its index.
pub fn clean_languages(languages: &[String]) -> Result<Vec<String>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (i, lang) in languages.iter().enumerate() {
        let lang = lang.trim().to_lowercase();
        if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
            errors.push(FieldError::new(
                format!("languages[{i}]"),
                "invalid_language",
                "a two-letter ISO 639-1 code such as fr, nl, en, de",
            ));
        } else if !out.contains(&lang) {
            out.push(lang);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// What creating a user needs, from the CLI or from an admin's request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

pub const MIN_PASSWORD_LEN: usize = 10;

impl NewUser {
    /// Every problem at once, each naming its field.
    fn validate(&mut self) -> Result<()> {
        let mut errors = Vec::new();
        self.email = self.email.trim().to_lowercase();
        let valid_email = self.email.len() <= 254
            && !self.email.chars().any(char::is_whitespace)
            && self
                .email
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'));
        if !valid_email {
            errors.push(FieldError::new(
                "email",
                "invalid_email",
                "not an email address",
            ));
        }
        self.name = self.name.trim().to_string();
        if self.name.is_empty() || self.name.chars().count() > 200 {
            errors.push(FieldError::new(
                "name",
                "invalid_length",
                "a name of 1 to 200 characters is required",
            ));
        }
        if self.role.is_machine() {
            errors.push(FieldError::new(
                "role",
                "machine_role",
                "a machine role belongs to an API token, not to a person",
            ));
        }
        if let Some(team) = &self.team {
            if team.trim().is_empty() || team.len() > 100 {
                errors.push(FieldError::new(
                    "team",
                    "invalid_length",
                    "a team name has 1 to 100 characters",
                ));
            }
        }
        // Order is preference (the first language the interface has is the user's interface
        // language); repeats are dropped.
        match clean_languages(&self.languages) {
            Ok(l) => self.languages = l,
            Err(Error::Invalid(e)) => errors.extend(e),
            Err(e) => return Err(e),
        }
        if self.password.expose_secret().chars().count() < MIN_PASSWORD_LEN {
            errors.push(FieldError::new(
                "password",
                "too_short",
                format!("at least {MIN_PASSWORD_LEN} characters"),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

/// The form two addresses share when they look alike: NFKC, lower case, then the confusable
/// skeleton of Unicode TS #39, so `аdmin@example.org` with a Cyrillic `а` meets
/// `admin@example.org`. An account that looks like another is how a phishing mail asks for
/// the other's password.
pub fn email_skeleton(email: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = email.nfkc().collect::<String>().to_lowercase();
    unicode_security::confusable_detection::skeleton(&folded).collect()
}

/// Refuses `email` when it differs from an existing account's only by confusables.
async fn refuse_look_alike(db: &Db, email: &str) -> Result<()> {
    let wanted = email_skeleton(email);
    let existing: Vec<String> = sqlx::query_scalar("SELECT email FROM users")
        .fetch_all(db.pool())
        .await?;
    match existing
        .iter()
        .find(|e| e.as_str() != email && email_skeleton(e) == wanted)
    {
        Some(other) => Err(Error::invalid(
            "email",
            "confusable",
            format!("looks like the existing account {other}; choose an address that does not"),
        )),
        None => Ok(()),
    }
}

/// Creates a user and its audit event in one transaction.
pub async fn create(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    mut new: NewUser,
    actor: &str,
    request_id: Option<&str>,
) -> Result<User> {
    new.validate()?;
    refuse_look_alike(db, &new.email).await?;
    if let Some(team) = &new.team {
        if !super::teams::exists(db, team).await? {
            return Err(Error::invalid(
                "team",
                "unknown_team",
                format!("no team is named {team:?}; create it first (tracecall team add)"),
            ));
        }
    }
    let hash = password::hash(new.password.clone()).await?;
    let languages = new.languages.join(",");
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "INSERT INTO users (email, name, role, team, languages, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7) RETURNING id",
    )
    .bind(&new.email)
    .bind(&new.name)
    .bind(new.role.as_str())
    .bind(&new.team)
    .bind(&languages)
    .bind(&hash)
    .bind(millis(now))
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| Error::on_unique(e, "a user with this email"))?;
    let id: i64 = row.try_get("id")?;
    audit::append(
        &mut tx,
        db,
        now,
        &Event {
            actor,
            action: "user.created",
            subject: &format!("user:{id}"),
            request_id,
            detail: serde_json::json!({ "role": new.role, "team": new.team }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(User {
        id,
        email: new.email,
        name: new.name,
        role: new.role,
        team: new.team,
        languages: new.languages,
        active: true,
        must_change_password: false,
    })
}

/// A user row with its password hash, for logging in.
pub(crate) async fn find_for_login(db: &Db, email: &str) -> Result<Option<(User, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1 AND active = TRUE"
    ))
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?)))
        .transpose()
}

/// Users, optionally only those of one team, ordered by name.
pub async fn list(db: &Db, team: Option<&str>) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE ($1 IS NULL OR team = $1) ORDER BY name, id"
    ))
    .bind(team)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(user_from_row).collect()
}

/// The active user with this id, if any (other services check an agent they are handed).
pub async fn active(db: &Db, id: i64) -> Result<Option<User>> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND active = TRUE"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(user_from_row).transpose()
}

/// Every active user, of `team` when given (all teams and none otherwise), by name: other
/// services choose among them (who answers a mention, who is reminded, who is assigned).
pub async fn active_staff(db: &Db, team: Option<&str>) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE active = TRUE AND ($1 IS NULL OR team = $1) ORDER BY name, id"
    ))
    .bind(team)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(user_from_row).collect()
}

/// Every active agent, ordered by name (for the supervisors' dashboard).
pub async fn active_agents(db: &Db) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role = 'agent' AND active = TRUE ORDER BY name, id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(user_from_row).collect()
}

/// The names of the users among `ids` (deactivated ones too: who did something stays known),
/// for services that show who wrote a message or changed a case.
pub async fn names(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
    let mut out = std::collections::HashMap::new();
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    // Bounded IN-lists: a long history names few people, but never build a huge statement.
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT id, name FROM users WHERE id IN ({})",
            crate::db::placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(db.pool()).await? {
            out.insert(r.try_get("id")?, r.try_get("name")?);
        }
    }
    Ok(out)
}

pub(crate) fn user_from_row(r: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = r.try_get("role")?;
    let languages: String = r.try_get("languages")?;
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: role.parse().map_err(Error::Internal)?,
        team: r.try_get("team")?,
        languages: split_languages(&languages),
        active: r.try_get::<i64, _>("active")? == 1,
        must_change_password: r.try_get::<i64, _>("must_change_password")? == 1,
    })
}

pub(crate) fn split_languages(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
