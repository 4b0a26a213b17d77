//! Teams and their jurisdictions. Every user belongs to at most one team; a team covers a set
//! of postal-code ranges or the whole country. A case is in a team's jurisdiction when its
//! person's postal code falls in one of the ranges. Supervisors steer only their teams'
//! campaigns and agents, and agents find and open cases only within their jurisdiction.
//!
//! A user without a team is national: that is how a single-team pilot runs, and how a
//! national coordination desk is set up.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use crate::audit::{self, Event};
use crate::db::{millis, Db};
use crate::error::{Error, Result};
use crate::postal;
use crate::problem::FieldError;

/// An inclusive range of four-digit postal codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PostalRange {
    pub from: u16,
    pub to: u16,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Team {
    pub id: i64,
    pub name: String,
    /// The whole country.
    pub national: bool,
    /// The postal-code ranges covered (empty when national).
    pub postal: Vec<PostalRange>,
}

/// A new team, from the CLI or an admin's request: `national`, or postal ranges
/// (`"1000-1299"`, or one code) and region or province names, which add their ranges.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    pub name: String,
    #[serde(default)]
    pub national: bool,
    #[serde(default)]
    pub postal: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
}

/// Where a user may act: the whole country, or these postal ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jurisdiction {
    National,
    Postal(Vec<PostalRange>),
}

impl Jurisdiction {
    /// Whether a person with this postal code is covered. A person without a known postal
    /// code is covered only nationally.
    pub fn covers(&self, postal_code: Option<&str>) -> bool {
        match self {
            Jurisdiction::National => true,
            Jurisdiction::Postal(ranges) => postal_code
                .and_then(postal::number)
                .is_some_and(|n| ranges.iter().any(|r| (r.from..=r.to).contains(&n))),
        }
    }

    /// An SQL condition on the text column `column` holding a postal code. The ranges are
    /// integers the server validated, so they are written into the statement.
    pub fn sql_condition(&self, column: &str) -> String {
        match self {
            Jurisdiction::National => "1 = 1".into(),
            Jurisdiction::Postal(ranges) if ranges.is_empty() => "1 = 0".into(),
            Jurisdiction::Postal(ranges) => {
                let parts: Vec<String> = ranges
                    .iter()
                    .map(|r| {
                        format!(
                            "({column} >= '{:04}' AND {column} <= '{:04}' AND LENGTH({column}) = 4)",
                            r.from, r.to
                        )
                    })
                    .collect();
                format!("({})", parts.join(" OR "))
            }
        }
    }

    /// The union of several jurisdictions (a campaign worked by several teams).
    pub fn union(all: impl IntoIterator<Item = Jurisdiction>) -> Jurisdiction {
        let mut ranges = Vec::new();
        for j in all {
            match j {
                Jurisdiction::National => return Jurisdiction::National,
                Jurisdiction::Postal(r) => ranges.extend(r),
            }
        }
        Jurisdiction::Postal(ranges)
    }
}

fn parse_range(text: &str) -> Option<PostalRange> {
    let (from, to) = text.split_once('-').unwrap_or((text, text));
    let from = postal::number(from)?;
    let to = postal::number(to)?;
    (from <= to).then_some(PostalRange { from, to })
}

impl NewTeam {
    fn validate(&self) -> Result<Vec<PostalRange>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(FieldError::new(
                "name",
                "invalid_length",
                "a team name of 1 to 100 characters is required",
            ));
        } else if !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\''))
        {
            // Team names are matched in lists and patterns; wildcards and separators
            // (`%`, `_`, `,`) would let one name stand for others.
            errors.push(FieldError::new(
                "name",
                "invalid_characters",
                "letters, digits, spaces, hyphens and apostrophes only",
            ));
        }
        let mut ranges = Vec::new();
        for (i, text) in self.postal.iter().enumerate() {
            match parse_range(text) {
                Some(r) => ranges.push(r),
                None => errors.push(FieldError::new(
                    format!("postal[{i}]"),
                    "invalid_range",
                    format!("{text:?} is not FROM-TO with four-digit postal codes, FROM <= TO"),
                )),
            }
        }
        for (i, name) in self.regions.iter().enumerate() {
            match postal::ranges_of(name) {
                Some(r) => ranges.extend(r.into_iter().map(|(from, to)| PostalRange { from, to })),
                None => errors.push(FieldError::new(
                    format!("regions[{i}]"),
                    "unknown_region",
                    format!(
                        "{name:?} is not a region or province; one of {}",
                        postal::known_names().join(", ")
                    ),
                )),
            }
        }
        let has_ranges = !self.postal.is_empty() || !self.regions.is_empty();
        if self.national == has_ranges {
            errors.push(FieldError::new(
                "national",
                "jurisdiction",
                "a team is either national or covers postal ranges or regions: give exactly one",
            ));
        }
        if errors.is_empty() {
            ranges.sort_by_key(|r| (r.from, r.to));
            ranges.dedup();
            Ok(ranges)
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

/// Creates a team and its audit event in one transaction.
pub async fn create(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    new: &NewTeam,
    actor: &str,
    request_id: Option<&str>,
) -> Result<Team> {
    let ranges = new.validate()?;
    let name = new.name.trim();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO teams (name, national, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(new.national)
    .bind(millis(now))
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| Error::on_unique(e, "a team with this name"))?
    .try_get("id")?;
    for r in &ranges {
        sqlx::query(
            "INSERT INTO team_postal_ranges (team_id, from_code, to_code) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i64::from(r.from))
        .bind(i64::from(r.to))
        .execute(&mut *tx)
        .await?;
    }
    audit::append(
        &mut tx,
        db,
        now,
        &Event {
            actor,
            action: "team.created",
            subject: &format!("team:{id}"),
            request_id,
            detail: serde_json::json!({ "name": name, "national": new.national, "postal": ranges }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Team {
        id,
        name: name.to_string(),
        national: new.national,
        postal: ranges,
    })
}

/// Every team with its ranges, by name.
pub async fn list(db: &Db) -> Result<Vec<Team>> {
    let rows = sqlx::query(
        "SELECT id, name, CAST(CASE WHEN national THEN 1 ELSE 0 END AS BIGINT) AS national \
         FROM teams ORDER BY name",
    )
    .fetch_all(db.pool())
    .await?;
    let ranges = sqlx::query(
        "SELECT team_id, from_code, to_code FROM team_postal_ranges ORDER BY from_code, to_code",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let mut postal = Vec::new();
            for x in ranges.iter() {
                if x.try_get::<i64, _>("team_id")? == id {
                    postal.push(PostalRange {
                        from: code(x.try_get("from_code")?)?,
                        to: code(x.try_get("to_code")?)?,
                    });
                }
            }
            Ok(Team {
                id,
                name: r.try_get("name")?,
                national: r.try_get::<i64, _>("national")? == 1,
                postal,
            })
        })
        .collect()
}

fn code(n: i64) -> Result<u16> {
    u16::try_from(n).map_err(|_| Error::Internal(format!("postal code {n} out of range")))
}

/// Whether a team of this name exists.
pub async fn exists(db: &Db, name: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM teams WHERE name = $1")
        .bind(name)
        .fetch_optional(db.pool())
        .await?;
    Ok(found.is_some())
}

/// The jurisdiction of a user in `team` (`None`: national). A team that does not exist
/// (removed since) covers nothing: access fails closed.
pub async fn jurisdiction(db: &Db, team: Option<&str>) -> Result<Jurisdiction> {
    let Some(team) = team else {
        return Ok(Jurisdiction::National);
    };
    let row = sqlx::query(
        "SELECT id, CAST(CASE WHEN national THEN 1 ELSE 0 END AS BIGINT) AS national \
         FROM teams WHERE name = $1",
    )
    .bind(team)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(Jurisdiction::Postal(Vec::new()));
    };
    if row.try_get::<i64, _>("national")? == 1 {
        return Ok(Jurisdiction::National);
    }
    let rows = sqlx::query("SELECT from_code, to_code FROM team_postal_ranges WHERE team_id = $1")
        .bind(row.try_get::<i64, _>("id")?)
        .fetch_all(db.pool())
        .await?;
    let ranges = rows
        .iter()
        .map(|r| {
            Ok(PostalRange {
                from: code(r.try_get("from_code")?)?,
                to: code(r.try_get("to_code")?)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Jurisdiction::Postal(ranges))
}

/// The jurisdiction of several teams together.
pub async fn jurisdiction_of_teams(db: &Db, teams: &[String]) -> Result<Jurisdiction> {
    let mut all = Vec::new();
    for t in teams {
        all.push(jurisdiction(db, Some(t)).await?);
    }
    Ok(Jurisdiction::union(all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_regions_validate() {
        let t = NewTeam {
            name: "Brussels".into(),
            postal: vec!["1000-1299".into(), "1300".into()],
            regions: vec!["limburg".into()],
            ..NewTeam::default()
        };
        let ranges = t.validate().unwrap_or_default();
        assert_eq!(ranges.len(), 3);
        let bad = NewTeam {
            name: "x".into(),
            postal: vec!["2000-1000".into()],
            regions: vec!["mars".into()],
            national: true,
        };
        match bad.validate() {
            Err(Error::Invalid(e)) => {
                let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
                assert_eq!(fields, ["postal[0]", "regions[0]", "national"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn coverage() {
        let j = Jurisdiction::Postal(vec![PostalRange {
            from: 1000,
            to: 1299,
        }]);
        assert!(j.covers(Some("1050")));
        assert!(!j.covers(Some("2000")));
        assert!(!j.covers(None));
        assert!(Jurisdiction::National.covers(None));
        assert_eq!(
            j.sql_condition("p.postal_code"),
            "((p.postal_code >= '1000' AND p.postal_code <= '1299' AND LENGTH(p.postal_code) = 4))"
        );
    }
}
