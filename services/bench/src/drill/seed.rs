//! The drill's data: its script published, people imported through the import path, staff
//! accounts, and a campaign created and launched by a supervisor through the API.

use kernel::auth::users::{self, NewUser};
use kernel::auth::Role;
use kernel::Kernel;
use secrecy::SecretString;
use serde_json::json;

use super::load::login;
use super::rig::{self, Rig};

const PASSWORD: &str = "drill-password-1234";

/// Who the load acts as, and whom searchers look for.
pub struct Seeded {
    pub agents: Vec<String>,
    pub searchers: Vec<String>,
    pub epidemiologist: String,
    pub phones: Vec<String>,
}

async fn user(k: &Kernel, email: &str, role: Role) -> anyhow::Result<()> {
    users::create(
        &k.db,
        k.now(),
        NewUser {
            email: email.into(),
            name: format!("Drill {role}"),
            role,
            team: None,
            languages: vec!["fr".into()],
            password: SecretString::from(PASSWORD),
        },
        "drill",
        None,
    )
    .await?;
    Ok(())
}

pub async fn seed(
    k: &Kernel,
    rig: &Rig,
    base: &str,
    agents: usize,
    searchers: usize,
    people: usize,
) -> anyhow::Result<Seeded> {
    rig::publish(k, &rig.dir.join("content")).await?;
    let day = (chrono::Utc::now() - chrono::Duration::days(1)).format("%Y-%m-%d");
    let mut csv = String::from(
        "first_name,last_name,phone,birth_date,language,postal_code,case_type,exposure_date\n",
    );
    let mut phones = Vec::with_capacity(people);
    for i in 0..people {
        let phone = format!("+32470{i:06}");
        csv.push_str(&format!(
            "Prénom{i},Drill{i},{phone},1980-01-01,fr,1000,contact,{day}\n"
        ));
        phones.push(phone);
    }
    let report =
        cases::import::import(k, std::io::Cursor::new(csv.into_bytes()), "drill", &|_| {}).await?;
    anyhow::ensure!(
        report.rejected.is_empty(),
        "import rejected rows: {:?}",
        report.rejected.first()
    );

    user(k, "supervisor@drill.test", Role::Supervisor).await?;
    user(k, "epi@drill.test", Role::Epidemiologist).await?;
    for i in 0..agents {
        user(k, &format!("agent{i}@drill.test"), Role::Agent).await?;
    }
    for i in 0..searchers {
        user(k, &format!("search{i}@drill.test"), Role::Agent).await?;
    }

    let sup = login(base, "supervisor@drill.test", PASSWORD).await?;
    let http = reqwest::Client::new();
    let created = http
        .post(format!("{base}/api/v1/campaigns"))
        .header("cookie", &sup)
        .json(&json!({"name": "Drill", "script_id": "drill", "languages": ["fr"]}))
        .send()
        .await?;
    anyhow::ensure!(
        created.status() == 201,
        "campaign: {}",
        created.text().await?
    );
    let id = created.json::<serde_json::Value>().await?["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let launched = http
        .post(format!("{base}/api/v1/campaigns/{id}/launch"))
        .header("cookie", &sup)
        .send()
        .await?;
    anyhow::ensure!(
        launched.status().is_success(),
        "launch: {}",
        launched.text().await?
    );

    let mut seeded = Seeded {
        agents: Vec::new(),
        searchers: Vec::new(),
        epidemiologist: login(base, "epi@drill.test", PASSWORD).await?,
        phones,
    };
    for i in 0..agents {
        seeded
            .agents
            .push(login(base, &format!("agent{i}@drill.test"), PASSWORD).await?);
    }
    for i in 0..searchers {
        seeded
            .searchers
            .push(login(base, &format!("search{i}@drill.test"), PASSWORD).await?);
    }
    Ok(seeded)
}
