//! The service desk's tools: regional queues and saved views, known issues filed in one
//! click (for oneself, or for a caller on the phone), a duplicate merged into the request it
//! repeats (its files still readable under the other request's key), and the staff pages.

use serde_json::json;

use super::web::cold_chain_answers;
use super::{first_mail, receive};
use crate::support::Backend;
use kernel::auth::Role;

async fn the_desk_files_sorts_and_merges(backend: Backend) {
    let d = super::work::desk(backend).await;
    let app = &d.app;
    let public = app.anonymous();
    let token = d.token.clone();

    // A pharmacy in Ixelles (1050): the Brussels queue holds it, Antwerp's does not.
    let report = public
        .post(
            "/api/v1/requests",
            &json!({"topic": "cold_chain_break", "language": "fr", "email": "claire@pharmacie.be",
                    "subject": "Frigo", "message": "Panne.", "token": token,
                    "answers": cold_chain_answers(true)}),
        )
        .await
        .expect_json(201)["ref"]
        .as_str()
        .unwrap()
        .to_string();
    let sup = app.login_as(Role::Supervisor).await;
    for (region, found) in [("Bruxelles", true), ("BRU", true), ("Antwerpen", false)] {
        let q = sup
            .get_query("/api/v1/requests", &[("region", region)])
            .await
            .expect_json(200);
        let refs: Vec<&str> = q
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ref"].as_str().unwrap())
            .collect();
        assert_eq!(refs.contains(&report.as_str()), found, "{region}: {q}");
    }
    let unknown = sup
        .get_query("/api/v1/requests", &[("region", "Atlantis")])
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.text.contains("\"region\""), "{}", unknown.text);
    // Saved views are the caller's own.
    let saved = sup
        .post(
            "/api/v1/requests/views",
            &json!({"name": "Chaîne du froid, Bruxelles", "query": {"topic": "cold_chain_break", "region": "Bruxelles"}}),
        )
        .await
        .expect_json(201);
    let views = sup.get("/api/v1/requests/views").await.expect_json(200);
    assert_eq!(views[0]["name"], "Chaîne du froid, Bruxelles");
    assert_eq!(views[0]["query"]["region"], "Bruxelles");
    let bad = sup
        .post(
            "/api/v1/requests/views",
            &json!({"name": "x", "query": {"region": "Atlantis"}}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let other = app.login_as(Role::Supervisor).await;
    let view = format!("/api/v1/requests/views/{}", saved["id"].as_str().unwrap());
    assert_eq!(other.delete(&view).await.status, 404, "not theirs");
    assert_eq!(sup.delete(&view).await.status, 204);

    // Known issues in one click: for oneself (the team is the department), for a caller.
    let (agent_email, _) = app
        .add_user_with(Role::Agent, Some("tracing"), &["fr"])
        .await;
    let agent = app.session(&agent_email).await;
    let own = agent
        .post(
            "/api/v1/requests/quick",
            &json!({"topic": "it_support", "quick": "headset_no_sound"}),
        )
        .await
        .expect_json(201)["ref"]
        .as_str()
        .unwrap()
        .to_string();
    let caller = agent
        .post(
            "/api/v1/requests/quick",
            &json!({"topic": "it_support", "quick": "password_reset",
                    "caller": {"name": "Jan Peeters", "language": "nl"}}),
        )
        .await
        .expect_json(201)["ref"]
        .as_str()
        .unwrap()
        .to_string();
    for (r, channel, department, subject) in [
        (&own, "web", Some("tracing"), "Casque sans son"),
        (&caller, "phone", None, "Mijn wachtwoord opnieuw instellen"),
    ] {
        let (c, d, team): (String, Option<String>, String) =
            sqlx::query_as("SELECT channel, department, team FROM requests WHERE ref = $1")
                .bind(r)
                .fetch_one(app.kernel.db.pool())
                .await
                .unwrap();
        assert_eq!(
            (c.as_str(), d.as_deref(), team.as_str()),
            (channel, department, "it")
        );
        let (it_sup, _) = app
            .add_user_with(Role::Supervisor, Some("it"), &["fr"])
            .await;
        let view = app
            .session(&it_sup)
            .await
            .get(&format!("/api/v1/requests/{r}"))
            .await
            .expect_json(200);
        assert_eq!(view["subject"], subject);
    }
    assert_eq!(
        agent
            .post(
                "/api/v1/requests/quick",
                &json!({"topic": "it_support", "quick": "nope"})
            )
            .await
            .status,
        404
    );

    // The same person writes twice: the duplicate (with its PDF) is merged into the first.
    let first = receive(app, &first_mail())
        .trim_start_matches("request ")
        .to_string();
    let second = receive(
        app,
        &first_mail()
            .replace("first-1@mail.gmail.com", "again-2@mail.gmail.com")
            .replace("Bonjour, mon employeur", "Rebonjour, mon employeur"),
    )
    .trim_start_matches("request ")
    .to_string();
    assert_ne!(first, second);
    let tracer = app.session(&agent_email).await;
    let itself = tracer
        .post(
            &format!("/api/v1/requests/{second}/merge"),
            &json!({"into": second}),
        )
        .await;
    assert_eq!(itself.status, 422);
    let merged = tracer
        .post(
            &format!("/api/v1/requests/{second}/merge"),
            &json!({"into": first}),
        )
        .await;
    assert_eq!(merged.status, 204, "{}", merged.text);
    let into = tracer
        .get(&format!("/api/v1/requests/{first}"))
        .await
        .expect_json(200);
    let texts: Vec<&str> = into["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body_text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with("Rebonjour")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains(&second)),
        "the note naming the duplicate"
    );
    let files = into["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["attachments"][0]["name"] == "lettre.pdf")
        .count();
    assert_eq!(files, 2, "both PDFs, readable under the request's key");
    let gone = tracer
        .get(&format!("/api/v1/requests/{second}"))
        .await
        .expect_json(200);
    assert_eq!(gone["status"], "closed");
    assert!(gone["messages"].as_array().unwrap().is_empty());
    let again = tracer
        .post(
            &format!("/api/v1/requests/{second}/merge"),
            &json!({"into": first}),
        )
        .await;
    assert_eq!(again.status, 409);
    // A reply to the duplicate's mail now threads into the merged request.
    let reply = "From: lea.dubois@gmail.com\r\nTo: x@y.example\r\nSubject: Re\r\n\
                 Message-ID: <r-3@mail.gmail.com>\r\nIn-Reply-To: <again-2@mail.gmail.com>\r\n\r\nMerci !\r\n";
    assert_eq!(receive(app, reply), format!("request {first} reply"));

    // The requester is a case: the agent linking it must be allowed to open that case
    // (here: a call in progress), like opening it.
    app.import(
        "first_name,last_name,phone,language,postal_code,case_type,birth_date\n\
         Léa,Dubois,+32470123456,fr,1000,contact,1990-04-12\n"
            .to_string(),
    )
    .await;
    let code: String = sqlx::query_scalar("SELECT code FROM cases")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let link = format!("/api/v1/requests/{first}/case");
    let body = json!({"case_code": code, "reason": "inbound"});
    assert_eq!(
        tracer.post(&link, &body).await.status,
        403,
        "no call in progress"
    );
    app.ring(&agent_email).await;
    // The caller gives their phone: the case is found by a strong identifier on this call.
    tracer.search("+32470123456").await;
    let linked = tracer.post(&link, &body).await;
    assert_eq!(linked.status, 204, "{}", linked.text);
    let view = tracer
        .get(&format!("/api/v1/requests/{first}"))
        .await
        .expect_json(200);
    assert_eq!(view["case_code"], code.as_str());

    // Erasing the person erases what their linked request says of them: its key is gone,
    // the request stays counted, its thread no longer opens, the queue still lists it.
    let out = app.run_cli(&["person", "erase", &code], "");
    assert!(out.status.success(), "{}", crate::support::cli::show(&out));
    let (key, tokens): (Option<Vec<u8>>, i64) = sqlx::query_as(
        "SELECT data_key, (SELECT COUNT(*) FROM request_tokens t WHERE t.request_id = r.id) FROM requests r WHERE ref = $1",
    )
    .bind(&first)
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    assert!(key.is_none() && tokens == 0);
    assert_eq!(
        tracer
            .get(&format!("/api/v1/requests/{first}"))
            .await
            .status,
        404
    );
    let queue = tracer.get("/api/v1/requests").await.expect_json(200);
    assert!(
        queue
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ref"] == first.as_str() && r["subject"] == ""),
        "{queue}"
    );
    let first = second.clone();

    // A caller gives their address or their name: their requests are found, in the team.
    let by_mail = tracer
        .get_query("/api/v1/requests/search", &[("q", "Lea.Dubois@gmail.com")])
        .await
        .expect_json(200);
    let found: Vec<&str> = by_mail
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    assert!(found.contains(&first.as_str()), "{by_mail}");
    let by_name = tracer
        .get_query("/api/v1/requests/search", &[("q", "lea DUBOIS")])
        .await
        .expect_json(200);
    assert!(
        by_name
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ref"] == first.as_str()),
        "{by_name}"
    );
    let nobody = tracer
        .get_query("/api/v1/requests/search", &[("q", "Léa Martin")])
        .await
        .expect_json(200);
    assert!(nobody.as_array().unwrap().is_empty(), "{nobody}");
    let (it_agent, _) = app.add_user_with(Role::Agent, Some("it"), &["fr"]).await;
    let elsewhere = app
        .session(&it_agent)
        .await
        .get_query("/api/v1/requests/search", &[("q", "lea.dubois@gmail.com")])
        .await
        .expect_json(200);
    assert!(
        elsewhere.as_array().unwrap().is_empty(),
        "another team's requests stay hidden"
    );
    assert_eq!(
        tracer
            .get_query("/api/v1/requests/search", &[("q", "ab")])
            .await
            .status,
        422
    );
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM request_tokens")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(stored > 0);

    // One mailbox read holds a message and the answer to it: the answer joins the request
    // the same read creates; an unknown address is left for a person, not an error.
    let new = first_mail().replace("first-1@mail.gmail.com", "batch-1@mail.gmail.com");
    let answer = "From: lea.dubois@gmail.com\r\nTo: x@y.example\r\nSubject: Re\r\n\
                  Message-ID: <batch-2@mail.gmail.com>\r\nIn-Reply-To: <batch-1@mail.gmail.com>\r\n\r\nEt ceci.\r\n";
    let stray = "From: a@b.example\r\nTo: nobody@else.example\r\nSubject: ?\r\n\
                 Message-ID: <stray-3@b.example>\r\n\r\nHello\r\n";
    let out = requests::batch::receive_many(
        &app.kernel,
        &[
            new.into_bytes(),
            answer.as_bytes().to_vec(),
            stray.as_bytes().to_vec(),
        ],
        None,
    )
    .await
    .unwrap();
    match &out[..] {
        [requests::intake::Outcome::New(a), requests::intake::Outcome::Reply(b), requests::intake::Outcome::Unrouted(_)] =>
        {
            assert_eq!(a, b)
        }
        other => panic!("{other:?}"),
    }

    // The staff pages: the requests page for staff, the figures for supervisors only.
    assert_eq!(tracer.get("/requests/queue").await.status, 200);
    assert_eq!(tracer.get("/requests/reports").await.status, 403);
    assert_eq!(sup.get("/requests/reports").await.status, 200);
    d.app.stop().await;
}
both_backends!(the_desk_files_sorts_and_merges);
