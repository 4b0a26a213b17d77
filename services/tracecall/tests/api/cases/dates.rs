//! Dates written in the clear by an earlier release are sealed at the next start: the clear
//! columns are emptied, the sealed form opens to the same days for whoever may open the case.

use kernel::auth::Role;
use sqlx::Row;

use crate::support::cli::show;
use crate::support::{Backend, TestApp};

async fn clear_dates_of_an_earlier_release_are_sealed_at_start(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,case_type,test_date\n\
         Ana,Peeters,+32470123456,1985-07-30,fr,index,2026-11-20\n"
            .to_string(),
    )
    .await;
    let db = &app.kernel.db;
    let code: String = sqlx::query_scalar("SELECT code FROM cases")
        .fetch_one(db.pool())
        .await
        .unwrap();
    // As an earlier release left it: the days in the clear, nothing sealed.
    sqlx::query(
        "UPDATE cases SET dates = NULL, test_date = '2026-11-20', onset_date = '2026-11-22'",
    )
    .execute(db.writer())
    .await
    .unwrap();
    // Any start seals them (a CLI command starts the kernel the same way as `serve`).
    let out = app.run_cli(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", show(&out));
    let row = sqlx::query("SELECT test_date, exposure_date, onset_date, dates FROM cases")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(row.get::<Option<String>, _>("test_date"), None);
    assert_eq!(row.get::<Option<String>, _>("onset_date"), None);
    let sealed: Vec<u8> = row.get("dates");
    assert!(!String::from_utf8_lossy(&sealed).contains("2026-11"));
    let agent = app.login_as(Role::Agent).await;
    let opened = agent
        .open_case_breaking_glass(&code, "The person called about their test")
        .await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    let case = &opened.json()["case"];
    assert_eq!(case["test_date"], "2026-11-20");
    assert_eq!(case["onset_date"], "2026-11-22");
    app.stop().await;
}
both_backends!(clear_dates_of_an_earlier_release_are_sealed_at_start);
