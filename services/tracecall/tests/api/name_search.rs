//! Name candidates from the token backend: every word must match, a crowd of one first name
//! does not push the right person out, and better matches rank first.

use std::fmt::Write;

use crate::support::{Backend, TestApp};

async fn candidates_intersect_and_rank(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut csv = String::from("first_name,last_name,phone,birth_date,case_type\n");
    // 300 people called Marie (more than the 200 candidates kept), four of them Vandenberghe
    // (one spelt Vandenberge), and a Vandenbroucke who is not a Marie.
    for i in 0..300 {
        let last = match i {
            0..=2 => "Vandenberghe".to_string(),
            3 => "Vandenberge".to_string(),
            _ => format!("Peeters{}", ["a", "b", "c", "d", "e"][i % 5]),
        };
        writeln!(
            csv,
            "Marie,{last},0470 {:02} {:02} {:02},1980-01-{:02},index",
            i / 100,
            i / 10 % 10,
            i % 10 + 10,
            i % 28 + 1
        )
        .unwrap();
    }
    csv.push_str("Luc,Vandenbroucke,0471 00 00 01,1975-05-05,index\n");
    let report = cases::import::import(&app.kernel, csv.as_bytes(), "test", &|_| {})
        .await
        .unwrap();
    assert_eq!(report.cases_created, 301, "{report:?}");

    let words = |q: &str| -> Vec<String> { q.split(' ').map(str::to_string).collect() };
    for (q, expected) in [
        ("marie vandenb", 4),
        ("marie vandenberghe", 4),
        ("vande", 5),
        ("marie", 200),
        ("luc vandenbroucke", 1),
        ("marie vandenbroucke", 0),
    ] {
        let found = cases::name_index::candidates(&app.kernel, &words(q), None, 200)
            .await
            .unwrap();
        // Tokens are truncated, so candidates may hold a few extra people; never fewer.
        assert!(found.len() >= expected, "{q}: {} < {expected}", found.len());
        if expected < 200 {
            assert!(found.len() < expected + 5, "{q}: {found:?}");
        }
    }
    // An exact surname scores above a phonetic one.
    let ranked =
        cases::name_index::candidates(&app.kernel, &words("marie vandenberghe"), None, 200)
            .await
            .unwrap();
    assert!(ranked[0].1 > ranked[3].1, "{ranked:?}");
    app.stop().await;
}
both_backends!(candidates_intersect_and_rank);

/// After the upgrade that changed how tokens are made, the token table is empty and the
/// server indexes everyone without tokens when it starts: everyone is findable again, and a
/// second start finds nothing to do.
async fn people_without_tokens_are_indexed(backend: Backend) {
    let app = TestApp::start(backend).await;
    let csv = "first_name,last_name,phone,birth_date,case_type\n\
               Marie,Vandenberghe,0470 11 22 33,1980-01-02,index\n\
               Luc,Peeters,0471 00 00 01,1975-05-05,index\n";
    cases::import::import(&app.kernel, csv.as_bytes(), "test", &|_| {})
        .await
        .unwrap();
    let words = |q: &str| -> Vec<String> { q.split(' ').map(str::to_string).collect() };
    let before = cases::name_index::candidates(&app.kernel, &words("luc peeters"), None, 200)
        .await
        .unwrap();
    assert_eq!(before.len(), 1);
    sqlx::query("DELETE FROM token_index")
        .execute(app.kernel.db.writer())
        .await
        .unwrap();
    assert!(
        cases::name_index::candidates(&app.kernel, &words("luc peeters"), None, 200)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        cases::token_rows::index_missing(&app.kernel).await.unwrap(),
        2
    );
    let after = cases::name_index::candidates(&app.kernel, &words("luc peeters"), None, 200)
        .await
        .unwrap();
    assert_eq!(after, before);
    let phone = cases::search::search(&app.kernel, None, "0470 11 22 33", 10)
        .await
        .unwrap();
    assert_eq!(phone.len(), 1);
    assert_eq!(
        cases::token_rows::index_missing(&app.kernel).await.unwrap(),
        0
    );
    app.stop().await;
}
both_backends!(people_without_tokens_are_indexed);
