//! E-learning end to end: the shipped courses lint clean and a broken copy is located;
//! courses, lessons and quizzes through the API with a moved clock for the cooldown;
//! certification gating dispatch, from a campaign and from a script release; progress for
//! trainers. On both backends.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::support::{show, Backend, Session, TestApp};
use chrono::Duration;
use elearning::content::Course;
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Publishes the shipped courses; returns them (with their answer keys) by id.
async fn publish_courses(app: &TestApp) -> Vec<Course> {
    let (diags, done) =
        tracecall::courses::publish(&app.kernel, &[repo().join("elearning")], "test")
            .await
            .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(done.len(), 5, "{done:?}");
    elearning::lint::lint_paths(&[repo().join("elearning")]).0
}

/// The right answers of `course`, as the API takes them.
fn key(course: &Course) -> Value {
    let mut m = serde_json::Map::new();
    for q in &course.questions {
        m.insert(q.id.clone(), json!(q.answer));
    }
    Value::Object(m)
}

/// Answers that get every question wrong (an option outside each key, or none).
fn wrong(course: &Course) -> Value {
    let mut m = serde_json::Map::new();
    for q in &course.questions {
        let other: Vec<&String> = q
            .options
            .iter()
            .map(|o| &o.id)
            .filter(|id| !q.answer.contains(id))
            .take(1)
            .collect();
        m.insert(q.id.clone(), json!(other));
    }
    Value::Object(m)
}

async fn new_agent(app: &TestApp, languages: &[&str]) -> (Session, i64) {
    let (email, id) = app
        .add_user_with(Role::Agent, Some("north"), languages)
        .await;
    (app.session(&email).await, id)
}

#[test]
fn lint_passes_shipped_courses_and_locates_broken_ones() {
    let out = std::process::Command::new(crate::support::bin())
        .arg("lint")
        .arg(repo().join("elearning"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 file(s) or course(s) checked"));

    // A broken copy: an image that does not exist, an answer key naming no option, a
    // question without its Dutch text.
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("tracing-basics");
    copy_dir(&repo().join("elearning/tracing-basics"), &course);
    let lesson = course.join("lessons/why-speed.en.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let text = format!("{text}\nSee ![the map](../images/missing-map.svg).\n");
    std::fs::write(&lesson, &text).unwrap();
    let image_line = text.lines().count();
    let quiz_path = course.join("quiz.toml");
    let quiz = std::fs::read_to_string(&quiz_path).unwrap();
    let quiz = quiz.replacen("answer = [\"a\"]", "answer = [\"z\"]", 1);
    let nl = quiz.find("text.nl = ").unwrap();
    let nl_end = nl + quiz[nl..].find('\n').unwrap() + 1;
    let quiz = format!("{}{}", &quiz[..nl], &quiz[nl_end..]);
    std::fs::write(&quiz_path, &quiz).unwrap();
    let answer_line = quiz
        .lines()
        .position(|l| l.starts_with("answer = [\"z\"]"))
        .unwrap()
        + 1;

    let out = std::process::Command::new(crate::support::bin())
        .arg("lint")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expect_image = format!("{}:{image_line}:5: broken image", lesson.display());
    assert!(stdout.contains(&expect_image), "{expect_image}\n{stdout}");
    let expect_answer = format!(
        "{}:{answer_line}:11: answer \"z\" is not an option",
        quiz_path.display()
    );
    assert!(stdout.contains(&expect_answer), "{expect_answer}\n{stdout}");
    assert!(stdout.contains("missing translation: nl"), "{stdout}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Courses, lessons and a quiz with feedback; the cooldown after a failure follows the clock.
async fn courses_lessons_and_quiz(backend: Backend) {
    let clock = Arc::new(ManualClock::new(
        chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
    ));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    let courses = publish_courses(&app).await;
    // Publishing the same content again makes no new version.
    let (_, again) = tracecall::courses::publish(&app.kernel, &[repo().join("elearning")], "test")
        .await
        .unwrap();
    assert!(again.iter().all(|(_, n, new)| *n == 1 && !new), "{again:?}");
    let basics = courses.iter().find(|c| c.id() == "tracing-basics").unwrap();
    let (agent, _) = new_agent(&app, &["fr", "nl"]).await;

    let list = agent.courses().await;
    assert_eq!(list.status, 200, "{}", list.text);
    let list = list.body["courses"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["id"], "tracing-basics");
    assert_eq!(
        list[0]["title"], "Les bases du suivi des contacts",
        "French first"
    );
    assert!(list.iter().all(|c| c["status"] == "not_started"));

    // A lesson: HTML with its image pointing at the course, and it counts as read.
    let first = &basics.lessons[0].id;
    let lesson = agent.lesson("tracing-basics", first, Some("nl")).await;
    assert_eq!(lesson.status, 200, "{}", lesson.text);
    assert_eq!(lesson.body["title"], basics.lessons[0].title["nl"].as_str());
    let course = agent.course("tracing-basics").await.body;
    assert_eq!(course["status"], "in_progress");
    assert_eq!(course["lessons"][0]["read"], true);
    assert_eq!(course["lessons"][1]["read"], false);
    assert!(
        course["quiz"][0].get("answer").is_none(),
        "no key is sent: {}",
        course["quiz"][0]
    );
    let worked = basics
        .lessons
        .iter()
        .find(|l| l.id == "worked-timeline")
        .unwrap();
    let page = agent.lesson("tracing-basics", &worked.id, None).await.body;
    let html = page["html"].as_str().unwrap();
    let src = html
        .split("src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("an image in {html}"));
    assert!(src.starts_with("/learn/tracing-basics/images/"), "{src}");
    let image = agent.get(src).await;
    assert_eq!(image.status, 200);
    assert_eq!(image.headers["content-type"], "image/svg+xml");

    // A failed attempt: feedback with explanations, then a cooldown.
    let graded = agent.attempt("tracing-basics", wrong(basics)).await;
    assert_eq!(graded.status, 200, "{}", graded.text);
    let graded = graded.body;
    assert_eq!(graded["score"], 0);
    assert_eq!(graded["passed"], false);
    let results = graded["results"].as_array().unwrap();
    assert_eq!(results.len(), basics.questions.len());
    assert_eq!(
        results[0]["explanation"],
        basics.questions[0].explanation["fr"].as_str()
    );
    let refused = agent.attempt("tracing-basics", key(basics)).await;
    assert_eq!(refused.status, 429, "{}", refused.text);
    let course = agent.course("tracing-basics").await.body;
    assert!(course["next_attempt_at"].is_i64(), "{course}");
    // The quiz page says so before anything is answered, and cannot be filled in meanwhile.
    let quiz = agent.get("/learn/tracing-basics/quiz").await.text;
    assert!(quiz.contains("id=\"cooldown\""), "{quiz}");
    assert!(
        quiz.contains("<fieldset data-question=") && quiz.contains(" disabled>"),
        "{quiz}"
    );
    assert!(quiz.contains("id=\"submit-quiz\" disabled"), "{quiz}");

    // Bad answers are refused at their field and change nothing.
    clock.advance(Duration::minutes(basics.meta.cooldown_minutes));
    let problem = agent
        .attempt("tracing-basics", json!({"nope": ["a"]}))
        .await;
    assert_eq!(problem.status, 422, "{}", problem.text);
    assert_eq!(problem.body["errors"][0]["field"], "answers.nope");

    // After the cooldown, the right answers pass.
    let graded = agent.attempt("tracing-basics", key(basics)).await;
    assert_eq!(graded.status, 200, "{}", graded.text);
    assert_eq!(
        (
            graded.body["score"].as_i64(),
            graded.body["passed"].as_bool()
        ),
        (Some(100), Some(true))
    );
    let list = agent.courses().await.body;
    assert_eq!(list["courses"][0]["status"], "passed");
    assert_eq!(list["courses"][0]["attempts"], 2);

    // The agent's pages render, in French.
    let page = agent.get("/learn").await;
    assert_eq!(page.status, 200);
    let page = page.text;
    assert!(page.contains("Les bases du suivi des contacts") && page.contains("Réussi"));
    let quiz = agent.get("/learn/confidentiality/quiz").await.text;
    assert!(quiz.contains("data-question="), "{quiz}");
    // A language chosen in the address is kept by the next click: every link carries it.
    let dutch = agent.get("/learn/tracing-basics?lang=nl").await.text;
    assert!(dutch.contains("<html lang=\"nl\""), "{dutch}");
    assert!(
        dutch.contains("/learn/tracing-basics/lessons/") && dutch.contains("?lang=nl\""),
        "{dutch}"
    );
    assert!(!dutch.contains("?lang=fr"), "{dutch}");
    // Their scripts and styles are files (the CSP refuses inline code).
    crate::headers::assert_no_inline_code(&agent, "/learn/confidentiality/quiz").await;
    crate::headers::assert_no_inline_code(&agent, "/learn/tracing-basics/lessons/worked-timeline")
        .await;
    app.stop().await;
}
both_backends!(courses_lessons_and_quiz);

/// Imports `n` French-speaking index cases.
async fn seed(app: &TestApp, n: u32) {
    let mut csv = String::from("first_name,last_name,phone,language,postal_code,case_type\n");
    for i in 0..n {
        csv.push_str(&format!(
            "P{i},Person,+3247{:07},fr,1000,index\n",
            7_000_000 + i
        ));
    }
    app.import(csv).await;
}

async fn next(agent: &Session) -> u16 {
    agent.next_order().await.status
}

/// Dispatch offers a campaign's orders only to agents who passed its courses, and those of
/// the script release it uses; a new release with a new course holds them back until passed.
async fn certification_gates_dispatch(backend: Backend) {
    let app = TestApp::start(backend).await;
    let courses = publish_courses(&app).await;
    let course = |id: &str| courses.iter().find(|c| c.id() == id).unwrap();
    let scripts = [repo().join("scripts"), repo().join("forms")];
    let (diags, _) = tracecall::content::publish_clean(&app.kernel, &scripts, "test")
        .await
        .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    seed(&app, 3).await;

    let supervisor = app.login_as(Role::Supervisor).await;
    let unknown = supervisor
        .create_campaign(&json!({"name": "X", "script_id": "index_case", "languages": ["fr"], "required_courses": ["juggling"]}))
        .await;
    assert_eq!(unknown.status, 422, "an unknown course is refused");
    supervisor
        .create_and_launch_campaign(&json!({"name": "Index cases", "script_id": "index_case", "languages": ["fr"], "required_courses": ["tracing-basics"]}))
        .await;

    let (agent, _) = new_agent(&app, &["fr"]).await;
    assert_eq!(next(&agent).await, 204, "not trained: no order");
    let status = agent.training().await.body;
    assert_eq!(status["missing"][0]["courses"], json!(["tracing-basics"]));

    let passed = agent
        .attempt("tracing-basics", key(course("tracing-basics")))
        .await;
    assert_eq!(passed.status, 200);
    assert_eq!(next(&agent).await, 200, "trained: offered");
    let status = agent.training().await.body;
    assert_eq!(status["missing"], json!([]));

    // A new release of the script requires another course: a second agent trained only in
    // the basics gets nothing until they pass it.
    let dir = tempfile::tempdir().unwrap();
    let script = std::fs::read_to_string(repo().join("scripts/index_case.toml")).unwrap();
    let script = script.replacen(
        "start = ",
        "required_courses = [\"confidentiality\"]\nstart = ",
        1,
    );
    std::fs::create_dir_all(dir.path().join("scripts/blocks")).unwrap();
    std::fs::write(dir.path().join("scripts/index_case.toml"), script).unwrap();
    copy_dir(
        &repo().join("scripts/blocks"),
        &dir.path().join("scripts/blocks"),
    );
    copy_dir(&repo().join("forms"), &dir.path().join("forms"));
    let (diags, done) = tracecall::content::publish_clean(
        &app.kernel,
        &[dir.path().join("scripts"), dir.path().join("forms")],
        "test",
    )
    .await
    .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert!(
        done.iter()
            .any(|(s, n, new)| s == "index_case" && *n == 2 && *new),
        "{done:?}"
    );

    let (second, _) = new_agent(&app, &["fr"]).await;
    second
        .attempt("tracing-basics", key(course("tracing-basics")))
        .await;
    assert_eq!(
        next(&second).await,
        204,
        "the new release needs confidentiality"
    );
    let status = second.training().await.body;
    assert_eq!(
        status["missing"][0]["courses"],
        json!(["confidentiality"]),
        "{status}"
    );
    let passed = second
        .attempt("confidentiality", key(course("confidentiality")))
        .await;
    assert_eq!(passed.status, 200);
    assert_eq!(next(&second).await, 200, "passed: offered again");
    app.stop().await;
}
both_backends!(certification_gates_dispatch);

/// Trainers see progress per agent and team and the questions most often failed; agents
/// cannot.
async fn trainers_see_progress(backend: Backend) {
    let app = TestApp::start(backend).await;
    let courses = publish_courses(&app).await;
    let basics = courses.iter().find(|c| c.id() == "tracing-basics").unwrap();
    let (learner, learner_id) = new_agent(&app, &["en"]).await;
    // One wrong answer on the first question only.
    let mut answers = key(basics);
    answers[basics.questions[0].id.as_str()] =
        wrong(basics)[basics.questions[0].id.as_str()].clone();
    learner.attempt("tracing-basics", answers).await;

    assert_eq!(learner.progress().await.status, 403);
    let trainer = app.login_as(Role::Trainer).await;
    let progress = trainer.progress().await;
    assert_eq!(progress.status, 200, "{}", progress.text);
    let progress = progress.body;
    let row = progress["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["user_id"] == learner_id)
        .unwrap();
    assert_eq!(row["courses"][0]["course_id"], "tracing-basics");
    assert_eq!(
        row["courses"][0]["status"], "passed",
        "7 of 8 is above 80 %"
    );
    assert_eq!(row["team"], "north");
    assert_eq!(
        progress["questions"][0]["question_id"],
        basics.questions[0].id.as_str()
    );
    assert_eq!(progress["questions"][0]["wrong"], 1);
    let team = progress["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team"] == "north")
        .unwrap();
    assert_eq!(team["agents"], 1);
    let page = trainer.get("/learn/progress").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Test agent"));
    app.stop().await;
}
both_backends!(trainers_see_progress);
