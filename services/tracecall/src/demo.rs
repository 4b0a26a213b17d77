//! Demo data for `serve --demo`: one user per role, so a newcomer can log in as each.
//! Seeding is idempotent: restarting with `--demo` keeps what exists.

use kernel::auth::users::{self, NewUser};
use kernel::auth::Role;
use kernel::Kernel;
use secrecy::SecretString;

/// The password of every demo account, printed at start-up. Demo data only.
pub const PASSWORD: &str = "tracecall-demo";

/// The domain of the demo accounts.
const DEMO_DOMAIN: &str = "@demo.tracecall.test";

/// `--demo` creates accounts whose password is published in the README, so it runs only on
/// the embedded SQLite database and only on one whose accounts are all its own: never on
/// PostgreSQL (a production backend) nor next to real users.
pub async fn refuse_unless_demo_database(kernel: &Kernel) -> anyhow::Result<()> {
    if kernel.db.backend() == kernel::db::Backend::Postgres {
        anyhow::bail!(
            "--demo refused: it creates accounts with a published password, so it runs only on \
             the embedded SQLite database, not on PostgreSQL"
        );
    }
    let foreign = users::list(&kernel.db, None)
        .await?
        .iter()
        .filter(|u| !u.email.ends_with(DEMO_DOMAIN))
        .count();
    if foreign > 0 {
        anyhow::bail!(
            "--demo refused: this database has {foreign} account(s) the demo did not create; \
             use a fresh data directory for the demo"
        );
    }
    Ok(())
}

const SURNAMES: [&str; 10] = [
    "Janssens", "Peeters", "Dubois", "Lambert", "Maes", "Claes", "Dupont", "Willems", "Goossens",
    "Martin",
];
const FIRST_NAMES: [&str; 10] = [
    "Ana", "Jan", "Marie", "Luc", "Els", "Sophie", "Karim", "Lotte", "Pierre", "Noor",
];

/// Demo people and cases (fictitious), imported through the normal CSV path once: half
/// French-speaking in Wallonia and Brussels, half Dutch-speaking in Flanders.
pub async fn seed_cases(kernel: &Kernel) -> anyhow::Result<u64> {
    if cases::stats::any_case(&kernel.db).await? {
        return Ok(0);
    }
    let today = kernel.now().date_naive();
    let mut csv = String::from("first_name,last_name,birth_date,sex,phone,language,postal_code,case_type,test_date,exposure_date\n");
    for i in 0..1500u32 {
        let (language, postal) = if i % 2 == 0 {
            (
                "fr",
                ["1000", "4000", "5000", "6000", "7000"][(i / 2 % 5) as usize],
            )
        } else {
            (
                "nl",
                ["2000", "3000", "8000", "9000", "3500"][(i / 2 % 5) as usize],
            )
        };
        let kind = if i % 3 == 0 { "index" } else { "contact" };
        let day = |back: u32| {
            (today - chrono::Duration::days(i64::from(back)))
                .format("%Y-%m-%d")
                .to_string()
        };
        let (test, exposure) = if kind == "index" {
            (day(i % 3 + 1), String::new())
        } else {
            (String::new(), day(i % 5 + 2))
        };
        csv.push_str(&format!(
            "{},{},{}-{:02}-{:02},{},+3247{:07},{},{},{},{},{}\n",
            FIRST_NAMES[(i % 10) as usize],
            SURNAMES[(i / 10 % 10) as usize],
            1950 + i % 55,
            1 + i % 12,
            1 + i % 28,
            if i % 2 == 0 { "F" } else { "M" },
            9_100_000 + i,
            language,
            postal,
            kind,
            test,
            exposure
        ));
    }
    let report = cases::import::import(
        kernel,
        std::io::Cursor::new(csv.into_bytes()),
        "demo",
        &|_| {},
    )
    .await?;
    Ok(report.cases_created)
}

/// Running campaigns over the demo cases, one per case type on its own script, callable at
/// any hour, open to every team and needing no course, so a new agent speaking French or
/// Dutch gets orders at once.
pub async fn seed_campaign(kernel: &Kernel) -> anyhow::Result<()> {
    if !campaigns::store::list(kernel).await?.is_empty() {
        return Ok(());
    }
    // One campaign per case type, each on the script written for it; the contacts' last, so
    // it is the first a supervisor sees (it has the most orders).
    let demo = [
        (
            "Demo: index cases, first call",
            "Call the demo's index cases: isolation, symptoms, their high-risk contacts",
            "index_case",
            "index",
        ),
        (
            "Demo: high-risk contacts, quarantine advice",
            "Call the demo's high-risk contacts: quarantine, test prescription",
            "contact",
            "contact",
        ),
    ];
    for (name, purpose, script, case_type) in demo {
        let new = campaigns::model::NewCampaign {
            name: name.into(),
            purpose: purpose.into(),
            script_id: script.into(),
            release_id: None,
            languages: vec!["fr".into(), "nl".into()],
            teams: Vec::new(),
            required_courses: Vec::new(),
            policy: campaigns::model::Policy::default(),
            target: campaigns::model::Target {
                case_type: Some(case_type.into()),
                ..campaigns::model::Target::default()
            },
            script_override: false,
        };
        // A script that did not publish (a broken file) leaves its campaign out, said.
        match campaigns::store::create(kernel, &new, "demo").await {
            Ok(c) => {
                campaigns::store::launch(kernel, &c.id, "demo").await?;
            }
            Err(e) => tracing::warn!(campaign = name, error = %e, "demo campaign not created"),
        }
    }
    Ok(())
}

pub async fn seed(kernel: &Kernel) -> kernel::Result<Vec<(Role, String)>> {
    let mut logins = Vec::new();
    for role in Role::PEOPLE {
        let email = format!("{role}{DEMO_DOMAIN}");
        let new = NewUser {
            email: email.clone(),
            name: format!("Demo {role}"),
            role,
            team: None,
            languages: vec!["fr".into(), "nl".into(), "en".into()],
            password: SecretString::from(PASSWORD),
        };
        match users::create(&kernel.db, kernel.now(), new, "demo", None).await {
            Ok(_) | Err(kernel::Error::Conflict(_)) => logins.push((role, email)),
            Err(e) => return Err(e),
        }
    }
    Ok(logins)
}
