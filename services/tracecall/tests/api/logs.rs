//! The server's own log, at its most verbose, carries no personal data: a real `tracecall
//! serve` process imports people, is searched by phone, name and birth date, opens a case and
//! refuses a login made with a citizen's address; its standard error is then read for every
//! name, number and address used.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::support::{Session, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_log_holds_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let run = |args: &[&str], stdin: &str| {
        let out = crate::support::run_with_stdin(
            Command::new(crate::support::bin())
                .arg("--data-dir")
                .arg(&data)
                .args(args)
                .env_remove("TRACECALL_DATABASE_URL")
                .env_remove("TRACECALL_MASTER_KEY"),
            stdin,
        );
        assert!(
            out.status.success(),
            "{args:?}: {}",
            crate::support::show(&out)
        );
    };
    let csv = dir.path().join("cases.csv");
    std::fs::write(
        &csv,
        "first_name,last_name,phone,email,birth_date,language,case_type\n\
         Wilhelmina,Vandenbroucke,0470 98 76 54,wilhelmina@example.test,1961-04-12,nl,index\n",
    )
    .unwrap();
    run(&["import", "cases", csv.to_str().unwrap()], "");
    run(
        &[
            "user",
            "add",
            "--email",
            "agent@log.test",
            "--name",
            "Agent",
            "--role",
            "agent",
            "--language",
            "nl",
            "--password-stdin",
        ],
        PASSWORD,
    );

    let mut server = Command::new(crate::support::bin())
        .args([
            "--data-dir",
            &data,
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--content",
        ])
        .arg(dir.path())
        .env_remove("TRACECALL_DATABASE_URL")
        .env_remove("TRACECALL_MASTER_KEY")
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The log is read after the server stops; a thread drains it from the start, so the
    // pipe never fills (start-up at trace level writes more than a pipe holds before the
    // address line comes out).
    let mut stderr = server.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    let mut stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    let url = first
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();

    let c = Session::anonymous(&url);
    assert_eq!(c.login("agent@log.test", PASSWORD).await.status, 200);
    let mut code = String::new();
    // Strong and weak queries alike (weak ones find nothing for an agent, but are run).
    for q in ["Vandenbroucke", "Wilhelm", "12/04/1961", "0470/98.76.54"] {
        let found = c.search_cases(q).await.json();
        if let Some(found) = found["results"][0]["case_code"].as_str() {
            code = found.to_string();
        }
    }
    assert!(!code.is_empty(), "the phone finds the case");
    let opened = c
        .open_case_breaking_glass(&code, "caller at the desk, no papers")
        .await
        .json();
    assert_eq!(opened["person"]["last_name"], "Vandenbroucke");
    // A wrong login with a citizen's email as the address must not be logged either.
    c.login("wilhelmina@example.test", "x").await;

    // SIGTERM: a graceful stop, then the whole log.
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    server.wait().unwrap();
    let log = log.join().unwrap();
    assert!(log.len() > 1_000, "trace logging produced output");
    assert!(
        log.contains("/api/v1/cases/search"),
        "requests are logged (by route)"
    );
    for secret in [
        "Wilhelmina",
        "Vandenbroucke",
        "Wilhelm",
        "98 76 54",
        "470987654",
        "98.76.54",
        "wilhelmina@example.test",
        "1961-04-12",
        "12/04/1961",
    ] {
        assert!(!log.contains(secret), "{secret:?} found in the server log");
    }
}
