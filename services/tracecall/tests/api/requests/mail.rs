//! Requests by e-mail, through the MTA pipe (`tracecall mail receive`, the real binary): a
//! multipart message with an accented encoded-word subject, quoted-printable text and a PDF
//! attachment becomes a request on the topic of the address it was sent to; the
//! acknowledgment reaches a real SMTP server (aiosmtpd) from a signed reply address, marked
//! automatic; a Gmail-style reply to it lands in the same thread without its quoted
//! history; an auto-reply, a bounce and our own mail come back create nothing; staff of the
//! team read the request (audited) and nothing of it is in the database in clear.

use mail_parser::MessageParser;
use secrecy::SecretString;

use super::{first_mail, receive, repo};
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

async fn an_email_becomes_a_request_and_its_reply_joins_the_thread(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = TestApp::start_configured(backend, move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
        c.mail.from = "Centre de contact <contact@tracing.example.be>".into();
    })
    .await;
    let (diags, _) = requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    assert!(diags.is_empty(), "{diags:?}");

    let said = receive(&app, &first_mail());
    let reference = said
        .strip_prefix("request ")
        .unwrap_or_else(|| panic!("{said}"))
        .to_string();
    assert!(reference.starts_with("R-"), "{said}");
    // The same message delivered twice is taken once.
    assert!(receive(&app, &first_mail()).starts_with("ignored: already received"));

    // The acknowledgment: to the sender, from the signed reply address, marked automatic.
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    let ack = MessageParser::default().parse(&mails[0]).unwrap();
    assert_eq!(
        ack.to().unwrap().first().unwrap().address().unwrap(),
        "lea.dubois@gmail.com"
    );
    assert!(
        ack.subject().unwrap().contains(&reference),
        "{:?}",
        ack.subject()
    );
    assert_eq!(
        ack.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-replied")
    );
    let reply_to = ack
        .reply_to()
        .unwrap()
        .first()
        .unwrap()
        .address()
        .unwrap()
        .to_string();
    assert!(
        reply_to.starts_with(&format!("contact+{}.", reference.to_lowercase())),
        "{reply_to}"
    );
    let ack_id = ack.message_id().unwrap().to_string();

    // A Gmail-style answer: In-Reply-To the acknowledgment, the history quoted below.
    let reply = format!(
        "From: Lea Dubois <lea.dubois@gmail.com>\r\n\
         To: {reply_to}\r\n\
         Subject: Re: [{reference}] Nous avons bien reçu votre demande\r\n\
         Message-ID: <reply-2@mail.gmail.com>\r\n\
         In-Reply-To: <{ack_id}>\r\n\
         References: <{ack_id}>\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         \r\n\
         C'est pour mon employeur, la société Brico.\r\n\
         \r\n\
         On Mon, 30 Nov 2026 at 09:01, Centre de contact <contact+x@tracing.example.be> wrote:\r\n\
         > Bonjour,\r\n\
         > Nous avons bien reçu votre demande.\r\n"
    );
    assert_eq!(receive(&app, &reply), format!("request {reference} reply"));

    // Machines: an auto-reply, a bounce, our own acknowledgment sent back.
    let auto = "From: lea.dubois@gmail.com\r\nTo: documents@tracing.example.be\r\nSubject: Out of office\r\n\
                Auto-Submitted: auto-replied\r\nMessage-ID: <auto-3@gmail.com>\r\n\r\nI am away.\r\n";
    assert_eq!(receive(&app, auto), "ignored: auto-reply");
    let bounce = "From: MAILER-DAEMON@gmail.com\r\nTo: documents@tracing.example.be\r\nSubject: Undelivered\r\n\
                  Message-ID: <bounce-4@gmail.com>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n\
                  --r\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n--r--\r\n";
    assert_eq!(receive(&app, bounce), "ignored: bounce");
    let back = String::from_utf8_lossy(&mails[0]).replace(&ack_id, "looped-5@tracing.example.be");
    assert_eq!(receive(&app, &back), "ignored: loop");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert_eq!(
        sink.messages().len(),
        1,
        "no acknowledgment of a reply or of a machine"
    );

    // Staff read it: the thread in order, the reply without its history.
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let view = sup
        .get(&format!("/api/v1/requests/{reference}"))
        .await
        .expect_json(200);
    assert_eq!(view["topic"], "document_request");
    assert_eq!(view["subject"], "Certificat demandé pour l'employeur");
    assert_eq!(view["status"], "new");
    assert_eq!(view["team"], "tracing");
    assert_eq!(view["requester_email"], "lea.dubois@gmail.com");
    let messages = view["messages"].as_array().unwrap();
    let directions: Vec<&str> = messages
        .iter()
        .map(|m| m["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["in", "out", "in"]);
    assert!(
        messages[0]["body_text"]
            .as_str()
            .unwrap()
            .contains("bonne journée"),
        "{view}"
    );
    assert_eq!(messages[0]["attachments"][0]["name"], "lettre.pdf");
    assert!(messages[0]["attachments"][0]["size"].as_i64().unwrap() > 10);
    assert_eq!(
        messages[2]["body_text"],
        "C'est pour mon employeur, la société Brico."
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'request.read'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(sup.get("/api/v1/requests/R-NOSUCH1").await.status, 404);

    // Nothing of it in clear in the database.
    let blobs: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT subject FROM requests UNION ALL SELECT requester FROM requests UNION ALL SELECT body FROM request_messages",
    )
    .fetch_all(app.kernel.db.pool())
    .await
    .unwrap();
    for b in &blobs {
        let text = String::from_utf8_lossy(b);
        assert!(
            !text.contains("employeur") && !text.contains("dubois"),
            "{text}"
        );
    }
    app.stop().await;
}
both_backends!(an_email_becomes_a_request_and_its_reply_joins_the_thread);

/// From a real IMAP mailbox (dovecot): `tracecall mail fetch` takes every unseen message in
/// (the multipart one becomes a request on the topic of its address, acknowledged by SMTP;
/// an auto-reply nothing) and flags them seen, so reading again takes nothing twice.
async fn a_mailbox_is_read_into_requests(backend: Backend) {
    let sink = SmtpSink::start();
    let mut imap = crate::support::imap::ImapServer::start();
    let (smtp, url) = (sink.url(), imap.url());
    let (user, password) = (imap.user, imap.password);
    let app = TestApp::start_configured(backend, move |c| {
        c.mail.smtp_url = Some(SecretString::from(smtp));
        c.mail.from = "Centre de contact <contact@tracing.example.be>".into();
        c.requests = serde_json::json!({"imap": {"url": url, "user": user, "password": password}});
    })
    .await;
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    imap.deliver(first_mail().as_bytes());
    imap.deliver(
        b"From: lea.dubois@gmail.com\r\nTo: documents@tracing.example.be\r\nSubject: Absent\r\n\
          Auto-Submitted: auto-replied\r\nMessage-ID: <away-9@gmail.com>\r\n\r\nI am away.\r\n",
    );
    let out = app.run_cli(&["mail", "fetch"], "");
    assert!(out.status.success(), "{}", crate::support::cli::show(&out));
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(lines[0].starts_with("request R-"), "{said}");
    assert_eq!(lines[1], "ignored: auto-reply");
    let reference = lines[0].trim_start_matches("request ").to_string();
    let topic: String = sqlx::query_scalar("SELECT topic_id FROM requests WHERE ref = $1")
        .bind(&reference)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(topic, "document_request");
    assert_eq!(sink.messages().len(), 1, "the acknowledgment");
    // Seen now: nothing is taken twice.
    let again = app.run_cli(&["mail", "fetch"], "");
    assert!(
        again.status.success(),
        "{}",
        crate::support::cli::show(&again)
    );
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), "");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
    app.stop().await;
}
both_backends!(a_mailbox_is_read_into_requests);

/// Staff work a request: an internal note goes nowhere; a public reply reaches the
/// requester threaded under their message (first response recorded, the request waiting);
/// the requester's answer to it threads back and opens the request again; resolving it
/// records when. Another team's staff do not find it.
async fn staff_answer_and_the_answer_threads_back(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = TestApp::start_configured(backend, move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
        c.mail.from = "Centre de contact <contact@tracing.example.be>".into();
    })
    .await;
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let reference = receive(&app, &first_mail())
        .trim_start_matches("request ")
        .to_string();
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let path = format!("/api/v1/requests/{reference}/messages");
    let note = sup
        .post(
            &path,
            &serde_json::json!({"kind": "note", "body": "Vérifier le dossier d'abord."}),
        )
        .await;
    assert_eq!(note.status, 204, "{}", note.text);
    assert_eq!(
        sink.messages().len(),
        1,
        "a note is never mailed (only the acknowledgment)"
    );
    let reply = sup
        .post(
            &path,
            &serde_json::json!({"kind": "reply", "body": "Bonjour, votre certificat suit."}),
        )
        .await;
    assert_eq!(reply.status, 204, "{}", reply.text);
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    let answer = MessageParser::default().parse(&mails[1]).unwrap();
    let text = answer.body_text(0).unwrap();
    assert!(
        text.starts_with("Bonjour, votre certificat suit."),
        "{text}"
    );
    // The mail carries a link to the requester's page; the thread's copy does not.
    assert!(text.contains("/r/"), "{text}");
    assert_eq!(
        answer.header_raw("In-Reply-To").map(str::trim),
        Some("<first-1@mail.gmail.com>")
    );
    let (status, responded): (String, Option<i64>) =
        sqlx::query_as("SELECT status, first_response_at FROM requests WHERE ref = $1")
            .bind(&reference)
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(status, "waiting");
    assert!(responded.is_some());
    // The requester answers the reply: the thread grows, the request opens again.
    let back = format!(
        "From: lea.dubois@gmail.com\r\nTo: someone@else.example\r\nSubject: Re: answer\r\n\
         Message-ID: <back-7@mail.gmail.com>\r\nIn-Reply-To: <{}>\r\n\r\nMerci beaucoup !\r\n",
        answer.message_id().unwrap()
    );
    assert_eq!(receive(&app, &back), format!("request {reference} reply"));
    let view = sup
        .get(&format!("/api/v1/requests/{reference}"))
        .await
        .expect_json(200);
    assert_eq!(view["status"], "open");
    let directions: Vec<&str> = view["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["in", "out", "note", "out", "in"]);
    assert!(
        view["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| !m["body_text"].as_str().unwrap().contains("/r/")),
        "no link to the requester's page is kept in the thread: {view}"
    );
    let resolved = sup
        .post(
            &format!("/api/v1/requests/{reference}/status"),
            &serde_json::json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(resolved.status, 204, "{}", resolved.text);
    let at: Option<i64> = sqlx::query_scalar("SELECT resolved_at FROM requests WHERE ref = $1")
        .bind(&reference)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(at.is_some());
    // Staff of another team: as if it did not exist.
    let (other, _) = app
        .add_user_with(kernel::auth::Role::Agent, Some("it"), &["fr"])
        .await;
    let other = app.session(&other).await;
    assert_eq!(
        other
            .get(&format!("/api/v1/requests/{reference}"))
            .await
            .status,
        404
    );
    app.stop().await;
}
both_backends!(staff_answer_and_the_answer_threads_back);
