//! The README's run command: `serve --demo` from an empty directory with no configuration,
//! then a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::Session;

#[tokio::test]
async fn serve_demo_with_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    // Shipped content beside the data, with one script broken: the server starts anyway and
    // serves the others.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for sub in ["scripts", "scripts/blocks", "forms"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                std::fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    std::fs::write(
        dir.path().join("scripts/cold_chain.toml"),
        "id = \"cold_chain\"\nform = [\n",
    )
    .unwrap();
    let (mut child, rx, url) = serve_demo(&crate::support::bin(), dir.path());
    let mut logins = Vec::new();
    for line in rx.iter().take(7) {
        logins.push(line);
    }
    assert!(logins[0].contains("tracecall-demo"), "{logins:?}");
    assert!(
        logins
            .iter()
            .any(|l| l.contains("agent@demo.tracecall.test")),
        "{logins:?}"
    );

    let c = Session::anonymous(&url);
    assert_eq!(c.get("/healthz").await.status, 200);
    assert_eq!(c.get("/readyz").await.status, 200);
    let page = c.get("/").await.text;
    assert!(page.contains("Log in"), "{page}");
    let login = c.login("agent@demo.tracecall.test", "tracecall-demo").await;
    assert_eq!(login.status, 200);
    let scripts = c.scripts().await.json();
    let ids: Vec<&str> = scripts["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["script_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["contact", "inbound", "index_case"],
        "the broken cold-chain script is refused, the rest served"
    );
    let page = c.get("/").await.text;
    // An agent's home is the console, in the agent's own language.
    assert!(
        page.contains("id=\"app\"") && page.contains("/static/console/console.js"),
        "{page}"
    );
    assert!(
        page.contains("data-lang=\"fr\"") || page.contains("data-lang=\"nl\""),
        "{page}"
    );

    // The demo campaign has at least 1,000 orders, and an agent created now can take one at once.
    let supervisor = Session::anonymous(&url);
    supervisor
        .login("supervisor@demo.tracecall.test", "tracecall-demo")
        .await;
    let campaigns = supervisor.campaigns().await.json();
    assert!(
        campaigns["campaigns"][0]["orders"]["open"]
            .as_i64()
            .unwrap()
            >= 1000,
        "{campaigns}"
    );
    let add = Command::new(crate::support::bin())
        .current_dir(dir.path())
        .args([
            "user",
            "add",
            "--email",
            "new@agents.test",
            "--name",
            "New Agent",
            "--role",
            "agent",
            "--language",
            "fr",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"a new agent password\n")?;
            c.wait()
        })
        .unwrap();
    assert!(add.success());
    let agent = Session::anonymous(&url);
    agent.login("new@agents.test", "a new agent password").await;
    let order = agent.next_order().await.expect_json(200);
    assert_eq!(order["order"]["language"], "fr");
    assert!(
        order["order"]["release_id"].is_i64(),
        "the call is pinned to a release: {order}"
    );

    // The embedded default: a SQLite file and a generated key in ./tracecall-data.
    assert!(dir.path().join("tracecall-data/tracecall.db").exists());
    assert!(dir.path().join("tracecall-data/master.key").exists());

    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");
}

/// An installed binary knows its content: copied alone into an empty directory and started
/// there, it serves the shipped scripts and courses, and the demo campaign calls with one.
#[tokio::test]
async fn a_binary_alone_serves_the_shipped_content() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("tracecall");
    std::fs::copy(crate::support::bin(), &bin).unwrap();
    let (child, _lines, url) = serve_demo(&bin, dir.path());
    let _child = Killed(child);
    let c = Session::anonymous(&url);
    assert_eq!(
        c.login("agent@demo.tracecall.test", "tracecall-demo")
            .await
            .status,
        200
    );
    let scripts = c.scripts().await.json();
    let mut ids: Vec<&str> = scripts["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["script_id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["cold_chain", "contact", "inbound", "index_case"]);
    let learn = c.get("/learn").await;
    assert_eq!(learn.status, 200);
    assert!(
        learn.text.contains("/learn/tracing-basics"),
        "the shipped courses are listed: {}",
        learn.text
    );
    // The demo campaign's orders are pinned to a published release.
    let order = c.next_order().await.expect_json(200);
    assert!(order["order"]["release_id"].is_i64(), "{order}");
}

/// A child process killed when the test ends, passed or not.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `bin serve --demo` in `dir` with no configuration; returns the process, the lines
/// it prints after the first (read as they come: a closed pipe would fail its next print)
/// and the URL from its first line.
fn serve_demo(
    bin: &std::path::Path,
    dir: &std::path::Path,
) -> (
    std::process::Child,
    std::sync::mpsc::Receiver<String>,
    String,
) {
    let mut child = Command::new(bin)
        .current_dir(dir)
        .env_remove("TRACECALL_DATABASE_URL")
        .env_remove("TRACECALL_MASTER_KEY")
        .args(["serve", "--listen", "127.0.0.1:0", "--demo"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv().unwrap();
    let url = first
        .strip_prefix("tracecall is serving at ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .trim_end_matches('/')
        .to_string();
    (child, rx, url)
}
