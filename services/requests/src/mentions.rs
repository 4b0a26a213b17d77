//! @mentions in what staff write on a request: `@` and the local part of a colleague's
//! login address (`@marie.dubois`). Only the people mentioned are told, and only people who
//! can read the request can be mentioned: its team's agents and supervisors, and the
//! supervisors of no team (national). A name no one answers to is refused before anything is
//! written or sent, naming it.

use kernel::Kernel;

use crate::error::Result;

/// The handles mentioned in `text`, lowercased, each once, in order. An `@` inside a word
/// (an e-mail address) is no mention; a sentence's final dot is not part of the handle.
pub fn handles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.')) {
            continue;
        }
        let handle: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        let handle = handle.trim_end_matches(['.', '-', '_']).to_lowercase();
        if !handle.is_empty() && !out.contains(&handle) {
            out.push(handle);
        }
    }
    out
}

/// The users `handles` name among those who can read a request of `team`: `(id, name)`
/// each; an error naming the first handle no one of them answers to.
pub async fn resolve(k: &Kernel, team: &str, handles: &[String]) -> Result<Vec<(i64, String)>> {
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    use kernel::auth::Role;
    let readers: Vec<kernel::auth::users::User> = kernel::auth::users::active_staff(&k.db, None)
        .await?
        .into_iter()
        .filter(|u| match u.team.as_deref() {
            Some(t) => t == team && matches!(u.role, Role::Agent | Role::Supervisor),
            None => u.role == Role::Supervisor,
        })
        .collect();
    let mut out = Vec::new();
    for h in handles {
        let found = readers.iter().find(|u| {
            u.email
                .split('@')
                .next()
                .is_some_and(|l| l.eq_ignore_ascii_case(h))
        });
        match found {
            Some(u) => out.push((u.id, u.name.clone())),
            None => {
                return Err(kernel::Error::invalid(
                    "body",
                    "unknown_mention",
                    format!("@{h} is no one who can read this request (its team {team:?}, or a national supervisor)"),
                )
                .into())
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_handles_not_addresses() {
        assert_eq!(
            handles("@Marie.Dubois can you check? Mail jan@example.be, cc @jan.peeters."),
            vec!["marie.dubois", "jan.peeters"]
        );
        assert_eq!(handles("@marie @marie"), vec!["marie"]);
        assert!(handles("no one @ all").is_empty());
    }
}
