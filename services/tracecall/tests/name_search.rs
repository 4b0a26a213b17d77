//! Name candidates the two ways the token backend finds them: driven by the rarest word, and
//! the full aggregate over every word's holders. On the same data both give the same people
//! in the same order, and a crowd of one first name does not push the right person out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fmt::Write;

use support::{Backend, TestApp};

async fn driven_and_full_agree(backend: Backend) {
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
        let driven = cases::name_index::candidates(&app.kernel, &words(q))
            .await
            .unwrap();
        let full = cases::name_index::candidates_driven_below(&app.kernel, &words(q), 0)
            .await
            .unwrap();
        assert_eq!(driven, full, "{q}");
        // Tokens are truncated, so candidates may hold a few extra people; never fewer.
        assert!(
            driven.len() >= expected,
            "{q}: {} < {expected}",
            driven.len()
        );
        if expected < 200 {
            assert!(driven.len() < expected + 5, "{q}: {driven:?}");
        }
    }
    // An exact surname scores above a phonetic one.
    let ranked = cases::name_index::candidates(&app.kernel, &words("marie vandenberghe"))
        .await
        .unwrap();
    assert!(ranked[0].1 > ranked[3].1, "{ranked:?}");
    app.stop().await;
}
both_backends!(driven_and_full_agree);
