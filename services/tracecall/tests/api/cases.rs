//! People and cases end to end: import with bad rows, search without plaintext, opening with
//! an audit event, no plaintext at rest, bound ciphertexts, key rotation; retention, contacts
//! and the Meilisearch backend in `lifecycle`.

use std::sync::Arc;

use crate::support::{show, Backend, Keys, TestApp};
use kernel::auth::Role;
use kernel::clock::SystemClock;
use serde_json::Value;

mod bulk;
mod dates;
mod lifecycle;
mod workbench;

/// A valid national number for a birth date `yymmdd` and serial `sss`.
fn nn(yymmdd: &str, serial: &str) -> String {
    let base: u64 = format!("{yymmdd}{serial}").parse().unwrap();
    format!("{yymmdd}{serial}{:02}", 97 - base % 97)
}

struct Fixture {
    csv: String,
    janssens_nn: String,
}

/// A semicolon file with a BOM, CRLF line ends, a quoted field with a newline, hostile text,
/// and bad rows on known lines.
fn fixture() -> Fixture {
    let janssens_nn = nn("850730", "033");
    let jacobs_nn = nn("900102", "145");
    let hostile_nn = nn("770303", "271");
    let bad_nn = {
        let good = nn("810101", "001");
        let check: u32 = good[9..].parse().unwrap();
        format!("{}{:02}", &good[..9], (check % 96) + 1)
    };
    let rows = [
        "national_number;first_name;last_name;birth_date;sex;phone;email;language;postal_code;case_type;index_case_code;test_date;exposure_date".to_string(),
        format!("{janssens_nn};Ana;Janssens;30/07/1985;F;0470/12.34.56;ana@example.test;nl;9000;index;;2026-11-20;"),
        format!("{jacobs_nn};\"Jan\nPieter\";Jacobs;1990-01-02;M;+32 471 22 33 44;;fr;1000;contact;;;2026-11-18"),
        format!("{bad_nn};Bad;Checksum;1981-01-01;M;0472 00 00 01;;fr;1000;index;;;"),
        ";Nope;Date;31/02/1990;F;0473 00 00 02;;fr;1000;index;;;".to_string(),
        ";Nope;Phone;1990-05-05;F;12-34;;fr;1000;index;;;".to_string(),
        format!("{hostile_nn};<script>alert(1)</script>;O'Brien\"; DROP TABLE people; --;1977-03-03;X;0474 55 66 77;;en;2000;index;;2026-11-21;"),
        format!("{janssens_nn};Ana;Janssens;30/07/1985;F;0470123456;;nl;9000;index;;2026-11-20;"),
    ];
    // Quote the hostile surname as CSV requires (it holds the delimiter and a quote).
    let mut csv = String::from("\u{feff}");
    for (i, r) in rows.iter().enumerate() {
        let r = if i == 6 {
            r.replace(
                "O'Brien\"; DROP TABLE people; --",
                "\"O'Brien\"\"; DROP TABLE people; --\"",
            )
        } else {
            r.clone()
        };
        csv.push_str(&r);
        csv.push_str("\r\n");
    }
    Fixture { csv, janssens_nn }
}

async fn import_fixture(app: &TestApp) -> (Fixture, std::process::Output) {
    let f = fixture();
    let path = app.data_dir.path().join("cases.csv");
    std::fs::write(&path, &f.csv).unwrap();
    let out = app.run_cli(&["import", "cases", path.to_str().unwrap()], "");
    (f, out)
}

fn codes(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["case_code"].as_str().unwrap().to_string())
        .collect()
}

async fn import_search_and_open(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (f, out) = import_fixture(&app).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(1),
        "rejected rows make exit 1: {}",
        show(&out)
    );
    // Lines count from 1 with the header; the quoted newline makes row 3 span lines 3-4.
    let rejected: Vec<&str> = stdout.lines().filter(|l| l.contains("rejected:")).collect();
    assert_eq!(rejected.len(), 3, "{stdout}");
    assert!(
        rejected[0].starts_with("line 5: rejected: national_number: the check digits"),
        "{stdout}"
    );
    assert!(
        rejected[1].starts_with("line 6: rejected: birth_date: \"31/02/1990\" is not a real date"),
        "{stdout}"
    );
    assert!(
        rejected[2].starts_with("line 7: rejected: phone: \"12-34\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("line 9: same person as one already on file"),
        "{stdout}"
    );
    assert!(stdout.contains("3 people created, 1 merged"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("7 rows read in "), "{stderr}");

    // The search engine's reach is shown to a supervisor: weak queries (a bare birth date, a
    // lone name, a prefix) return nothing to agents (see `access.rs`).
    let sup = app.login_as(Role::Supervisor).await;
    let agent_email = app.add_user(Role::Agent, None).await;
    let agent = app.session(&agent_email).await;
    // A citizen calls in (announced by the telephony system).
    app.ring(&agent_email).await;
    // Three ways of writing a phone find the same case.
    let by_phone: Vec<Vec<String>> = {
        let mut v = Vec::new();
        for q in ["0470/12.34.56", "+32 470 12 34 56", "0032470123456"] {
            v.push(codes(&agent.search(q).await));
        }
        v
    };
    assert_eq!(by_phone[0].len(), 1, "{by_phone:?}");
    assert!(by_phone.iter().all(|c| c == &by_phone[0]), "{by_phone:?}");
    let janssens = by_phone[0][0].clone();
    // National number with separators, case code, birth date, misspelt surname, prefix.
    let dotted = format!(
        "{}.{}.{}-{}.{}",
        &f.janssens_nn[..2],
        &f.janssens_nn[2..4],
        &f.janssens_nn[4..6],
        &f.janssens_nn[6..9],
        &f.janssens_nn[9..]
    );
    assert_eq!(codes(&agent.search(&dotted).await), vec![janssens.clone()]);
    assert_eq!(
        codes(&agent.search(&janssens.to_lowercase()).await),
        vec![janssens.clone()]
    );
    assert_eq!(
        codes(&sup.search("30/07/1985").await),
        vec![janssens.clone()]
    );
    let misspelt = sup.search("Jansens").await;
    assert_eq!(codes(&misspelt), vec![janssens.clone()], "{misspelt:?}");
    assert_eq!(misspelt[0]["matched"], "phonetic");
    let prefix = codes(&sup.search("Jan").await);
    assert_eq!(
        prefix.len(),
        2,
        "Janssens by prefix and Jacobs by first name: {prefix:?}"
    );
    // Prefixes start at three letters: two tell too little apart from too many.
    assert!(codes(&sup.search("Ja").await).is_empty());
    let full = sup.search("ana janssens").await;
    assert_eq!(full[0]["matched"], "name");
    // A birth year typed with the names narrows them.
    assert_eq!(
        codes(&sup.search("ana janssens 1985").await),
        vec![janssens.clone()]
    );
    assert!(codes(&sup.search("ana janssens 1986").await).is_empty());
    assert_eq!(
        codes(&sup.search("ana janssens 30/07/1985").await),
        vec![janssens.clone()]
    );
    assert!(codes(&sup.search("ana janssens 29/07/1985").await).is_empty());
    // Masked until opened.
    let hit = &sup.search("Janssens").await[0];
    assert_eq!(hit["last_name_masked"], "J•••••••");
    assert_eq!(hit["birth_year"], "1985");
    assert_eq!(hit["phone_end"], "56");
    assert!(!hit.to_string().contains("Janssens"));

    // Opening decrypts, stores hostile text verbatim, and is audited.
    let hostile = codes(&agent.search("0474 55 66 77").await)[0].clone();
    // The phone is a strong identifier: the agent may open the case as an inbound call.
    let opened = agent.open_case(&hostile, "inbound_call").await.json();
    assert_eq!(opened["person"]["first_name"], "<script>alert(1)</script>");
    assert_eq!(
        opened["person"]["last_name"],
        "O'Brien\"; DROP TABLE people; --"
    );
    assert_eq!(opened["person"]["phone"], "+32474556677");
    let audit = app.login_as(Role::Admin).await.audit().await.json();
    let opened_event = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "case.opened")
        .expect("an audit event");
    assert!(opened_event["detail"]
        .as_str()
        .unwrap()
        .contains("\"inbound\""));
    let history = agent.case_history(&hostile).await.json();
    let actions: Vec<&str> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["case.created", "case.opened"]);
    // Roles: an epidemiologist may not search.
    let epi = app.login_as(Role::Epidemiologist).await;
    assert_eq!(epi.search_cases("Janssens").await.status, 403);
    // Supervisors can upload a file through the API; the report names the bad line.
    let supervisor = app.login_as(Role::Supervisor).await;
    let upload = "last_name;first_name;phone;case_type\nWouters;Lies;0475 11 22 33;contact\nNobody;X;not a phone;index\n";
    let report = supervisor.import_cases(upload).await.json();
    assert_eq!(report["cases_created"], 1, "{report}");
    assert_eq!(report["rejected"][0]["line"], 3, "{report}");
    assert_eq!(agent.import_cases(upload).await.status, 403);
    // A Latin-1 file is refused whole.
    let latin1 = app.data_dir.path().join("latin1.csv");
    std::fs::write(
        &latin1,
        b"last_name,case_type,phone\nJanssens,index,0470123499\nM\xfcller,index,0470123498\n",
    )
    .unwrap();
    let out = app.run_cli(&["import", "cases", latin1.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 3: the file is not UTF-8"),
        "{}",
        show(&out)
    );
    assert_eq!(
        codes(&agent.search("0470123499").await).len(),
        0,
        "nothing of a refused file is imported"
    );
    app.stop().await;
}
both_backends!(import_search_and_open);

/// What a reader of the raw storage sees: none of the imported personal data.
async fn no_plaintext_at_rest(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (f, _) = import_fixture(&app).await;
    let secrets = [
        "Janssens",
        "Jacobs",
        "<script>",
        "O'Brien",
        "+32470123456",
        "470123456",
        // The raw input formats; a bare "0470" would match digits of tokens and hex bytea.
        "0470/12.34.56",
        "0470123456",
        &f.janssens_nn,
        "ana@example.test",
        "1985-07-30",
        // Test and exposure days are sealed too (with sex, age band and postal code, a day
        // can single a person out).
        "2026-11-20",
        "2026-11-18",
        "2026-11-21",
    ];
    let dump: Vec<u8> = match backend {
        Backend::Sqlite => {
            app.kernel.db.close().await;
            let mut bytes = Vec::new();
            for e in std::fs::read_dir(app.data_dir.path()).unwrap() {
                let p = e.unwrap().path();
                if p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("test.db")
                {
                    bytes.extend(std::fs::read(p).unwrap());
                }
            }
            bytes
        }
        Backend::Postgres => {
            let bin = std::env::var("TRACECALL_TEST_PG_BIN")
                .unwrap_or_else(|_| "/usr/lib/postgresql/15/bin".into());
            let out = std::process::Command::new(format!("{bin}/pg_dump"))
                .arg(&app.database_url)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", show(&out));
            out.stdout
        }
    };
    assert!(dump.len() > 1000);
    let text = String::from_utf8_lossy(&dump);
    for s in secrets {
        assert!(!text.contains(s), "{s:?} found in the raw database");
    }
    // The CLI's own output is for the operator; its log (stderr) carries none of it either.
    let path = app.data_dir.path().join("again.csv");
    std::fs::write(&path, &f.csv).unwrap();
    let mut cmd = app.cli();
    let out = cmd
        .env("RUST_LOG", "trace")
        .args(["import", "cases", path.to_str().unwrap()])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.len() > 100, "trace logging produced output");
    for s in secrets {
        assert!(!log.contains(s), "{s:?} found in the log");
    }
}
both_backends!(no_plaintext_at_rest);

async fn moved_ciphertext_fails_and_keys_rotate(backend: Backend) {
    let keys = match backend {
        Backend::Sqlite => Keys::Embedded,
        Backend::Postgres => Keys::Fixed(crate::support::test_master_key(), Vec::new()),
    };
    let app = TestApp::start_with(backend, Arc::new(SystemClock), keys, None, None).await;
    import_fixture(&app).await;
    let agent = app.login_as(Role::Agent).await;
    let janssens = codes(&agent.search("0470123456").await)[0].clone();
    let jacobs = codes(&agent.search("0471223344").await)[0].clone();

    // Rotate: embedded draws a new key file; configured takes the new key from configuration.
    let storage = app.into_storage().await;
    let new_key = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [9u8; 32]);
    let mut cmd = std::process::Command::new(crate::support::bin());
    cmd.env("TRACECALL_DATABASE_URL", &storage.database_url)
        .arg("--data-dir")
        .arg(storage.data_dir.path());
    match backend {
        Backend::Sqlite => {
            cmd.env_remove("TRACECALL_MASTER_KEY");
        }
        Backend::Postgres => {
            cmd.env("TRACECALL_MASTER_KEY", &new_key).env(
                "TRACECALL_PREVIOUS_MASTER_KEYS",
                format!("[\"{}\"]", crate::support::test_master_key()),
            );
        }
    }
    let out = cmd.args(["keys", "rotate"]).output().unwrap();
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("re-wrapped"),
        "{}",
        show(&out)
    );
    // Restart with only the new key in force: everything still reads.
    let keys = match backend {
        Backend::Sqlite => Keys::Embedded,
        Backend::Postgres => Keys::Fixed(new_key, Vec::new()),
    };
    let app = TestApp::start_with(backend, Arc::new(SystemClock), keys, Some(storage), None).await;
    let agent_email = app.add_user(Role::Agent, None).await;
    let agent = app.session(&agent_email).await;
    app.ring(&agent_email).await;
    assert_eq!(
        codes(&agent.search("0470123456").await),
        vec![janssens.clone()]
    );
    let opened = agent.open_case(&janssens, "inbound").await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    // The caller's phone, given before anything is moved.
    assert_eq!(codes(&agent.search("0471223344").await).len(), 1);

    // A ciphertext copied to another person's row does not decrypt there.
    let db = &app.kernel.db;
    let sql = "UPDATE people SET last_name = (SELECT p.last_name FROM people p JOIN cases c ON c.person_id = p.id WHERE c.code = $1) \
               WHERE id = (SELECT person_id FROM cases WHERE code = $2)";
    sqlx::query(sql)
        .bind(&janssens)
        .bind(&jacobs)
        .execute(db.writer())
        .await
        .unwrap();
    let answer = agent.open_case(&jacobs, "inbound").await;
    assert_eq!(answer.status, 500);
    assert!(!answer.text.contains("Janssens"), "{}", answer.text);
    app.stop().await;
}
both_backends!(moved_ciphertext_fails_and_keys_rotate);
