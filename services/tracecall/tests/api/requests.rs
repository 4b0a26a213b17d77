//! Requests: e-mail through the MTA pipe and from a real IMAP mailbox (`mail`), the public
//! web form's validation and routing (`web`), and `tracecall lint topics`.

use base64::Engine as _;

use crate::support::TestApp;

mod desk;
mod follow;
mod kb;
mod mail;
mod queue;
mod report;
mod web;
mod work;

pub(super) fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(super) fn receive(app: &TestApp, raw: &str) -> String {
    let out = app.run_cli(&["mail", "receive"], raw);
    assert!(out.status.success(), "{}", crate::support::cli::show(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

pub(super) fn first_mail() -> String {
    let subject = base64::engine::general_purpose::STANDARD
        .encode("Certificat demandé pour l'employeur".as_bytes());
    let pdf = base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.4\n% a scanned letter\n");
    format!(
        "From: =?UTF-8?Q?L=C3=A9a_Dubois?= <Lea.Dubois@gmail.com>\r\n\
         To: documents@tracing.example.be\r\n\
         Subject: =?UTF-8?B?{subject}?=\r\n\
         Message-ID: <first-1@mail.gmail.com>\r\n\
         Date: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         Content-Language: fr\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
         \r\n\
         --b1\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         \r\n\
         Bonjour, mon employeur demande un certificat de quarantaine. Merci d'avance=\r\n\
          et bonne journ=C3=A9e.\r\n\
         --b1\r\n\
         Content-Type: application/pdf; name=\"lettre.pdf\"\r\n\
         Content-Disposition: attachment; filename=\"lettre.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         \r\n\
         {pdf}\r\n\
         --b1--\r\n"
    )
}

/// `tracecall lint topics`: the shipped topics pass; a broken one is named with its place.
#[test]
fn lint_topics_passes_the_shipped_ones_and_names_a_broken_one() {
    let out = std::process::Command::new(crate::support::bin())
        .current_dir(repo())
        .args(["lint", "topics"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::support::cli::show(&out));
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir(&topics).unwrap();
    let text = std::fs::read_to_string(repo().join("topics/cold_chain_break.toml")).unwrap();
    let broken = text.replacen("when = \"answers.", "when = \"answers.(", 1);
    std::fs::write(topics.join("cold_chain_break.toml"), &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.starts_with("when = "))
        .unwrap()
        + 1;
    let out = std::process::Command::new(crate::support::bin())
        .arg("lint")
        .arg(&topics)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        crate::support::cli::show(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "{}:{line}:8: routing rule",
        topics.join("cold_chain_break.toml").display()
    );
    assert!(
        stdout.contains(&expected),
        "expected {expected:?} in\n{stdout}"
    );
}
