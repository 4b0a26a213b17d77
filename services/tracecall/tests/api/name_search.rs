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
        let found = cases::name_index::candidates(&app.kernel, &words(q))
            .await
            .unwrap();
        // Tokens are truncated, so candidates may hold a few extra people; never fewer.
        assert!(found.len() >= expected, "{q}: {} < {expected}", found.len());
        if expected < 200 {
            assert!(found.len() < expected + 5, "{q}: {found:?}");
        }
    }
    // An exact surname scores above a phonetic one.
    let ranked = cases::name_index::candidates(&app.kernel, &words("marie vandenberghe"))
        .await
        .unwrap();
    assert!(ranked[0].1 > ranked[3].1, "{ranked:?}");
    app.stop().await;
}
both_backends!(candidates_intersect_and_rank);
