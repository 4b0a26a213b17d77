//! The bulk path of an import: people written many to a statement still get one case each,
//! every token, a distinct case code and a first event; the same person twice in a chunk,
//! across chunks or already on file is merged as a row-by-row import would.

use std::fmt::Write;

use crate::support::{Backend, TestApp};

/// Three letters for `i` (names lose their digits when normalised).
fn letters(i: usize) -> String {
    [i / 676 % 26, i / 26 % 26, i % 26]
        .iter()
        .map(|d| char::from(b'a' + *d as u8))
        .collect()
}

fn people(n: usize, dup_of: &[(usize, usize)]) -> String {
    let mut csv = String::from("national_number,first_name,last_name,phone,birth_date,case_type\n");
    let nn = |i: usize| {
        let base = 800_101_000 + i as u64;
        format!("{base}{:02}", 97 - base % 97)
    };
    for i in 0..n {
        let who = dup_of
            .iter()
            .find(|(at, _)| *at == i)
            .map_or(i, |(_, of)| *of);
        writeln!(
            csv,
            "{},Jo{},Van{},+32475{who:06},1980-02-{:02},index",
            nn(who),
            letters(who),
            letters(who % 97),
            who % 28 + 1
        )
        .unwrap();
    }
    csv
}

async fn a_large_file_is_written_in_bulk_and_merged_like_one_row(backend: Backend) {
    let app = TestApp::start(backend).await;
    // 4,200 rows: three chunks, on PostgreSQL two written at once. Row 10 repeats row 3
    // (same chunk); row 2,300 repeats row 7 (the next chunk, written while the first may
    // still be); rows 4,100 and 4,150 repeat rows 7 and 2,100 (the third chunk, while the
    // first two may be in flight).
    let csv = people(4200, &[(10, 3), (2300, 7), (4100, 7), (4150, 2100)]);
    let report = app.import(csv.clone()).await;
    assert_eq!(report.people_created, 4196, "{report:?}");
    assert_eq!(report.people_merged, 4);
    assert_eq!(report.cases_created, 4196);
    assert_eq!(report.cases_merged, 4);
    let lines: Vec<u64> = report.merges.iter().map(|m| m.line).collect();
    assert_eq!(
        lines,
        [12, 12, 2302, 2302, 4102, 4102, 4152, 4152],
        "{report:?}"
    );
    let k = &app.kernel;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(k.db.pool())
            .await
            .unwrap()
    };
    assert_eq!(count("SELECT COUNT(DISTINCT code) FROM cases").await, 4196);
    assert_eq!(count("SELECT COUNT(DISTINCT seq) FROM people").await, 4196);
    assert_eq!(
        count("SELECT COUNT(*) FROM case_events WHERE action = 'case.created'").await,
        4196
    );
    // Every person holds every token: each is found by phone, and first by name with birth
    // year.
    for i in [0usize, 1999, 2000, 4199] {
        let by_phone = cases::search::search(k, None, &format!("+32475{i:06}"), 10)
            .await
            .unwrap();
        assert_eq!(by_phone.len(), 1, "row {i}");
        let by_name = cases::search::search(
            k,
            None,
            &format!("jo{} van{} 1980", letters(i), letters(i % 97)),
            10,
        )
        .await
        .unwrap();
        // Names that sound alike follow; the person named comes first.
        assert_eq!(by_name[0].case_code, by_phone[0].case_code, "row {i}");
        assert_eq!(by_name[0].matched, "name", "row {i}");
    }
    // A surname with a particle is found when the particle is typed too.
    app.import(
        "first_name,last_name,phone,birth_date,case_type\nMarie,De Smet,+32479000001,1988-03-04,index\n"
            .to_string(),
    )
    .await;
    let smet = cases::search::search(k, None, "marie de smet 1988", 10)
        .await
        .unwrap();
    assert_eq!(smet.len(), 1, "{smet:?}");
    // The same file again: everyone is on file, every case merged.
    let again = app.import(csv).await;
    assert_eq!(again.people_created, 0, "{again:?}");
    assert_eq!(again.cases_merged, 4200);
    app.stop().await;
}
both_backends!(a_large_file_is_written_in_bulk_and_merged_like_one_row);

/// Column-wise inserts carry any text (quotes, backslashes, commas, braces, `NULL` as a
/// word, non-ASCII), absent values and bytes unchanged on both backends.
async fn column_inserts_carry_any_value(backend: Backend) {
    use kernel::columns::{insert, Column};
    let app = TestApp::start(backend).await;
    let mut conn = app.kernel.db.writer().acquire().await.unwrap();
    sqlx::query("CREATE TABLE column_probe (a TEXT, b BYTEA, c BIGINT)")
        .execute(&mut *conn)
        .await
        .unwrap();
    let texts = [
        Some("plain"),
        Some("a \"quoted\" \\ back,slash {brace} 'single'"),
        Some("NULL"),
        None,
        Some("Müller-Lüdenscheidt ✓"),
        Some(""),
    ];
    let bytes: [Option<&[u8]>; 6] = [
        Some(b"\x00\x01\xff"),
        None,
        Some(b"\\x"),
        Some(b""),
        Some(b"{,}"),
        None,
    ];
    let ints = vec![0, -1, i64::MAX, i64::MIN, 42, 7];
    insert(
        &mut conn,
        app.kernel.db.backend(),
        "column_probe",
        &["a", "b", "c"],
        &[
            Column::Text(texts.to_vec()),
            Column::Bytes(bytes.to_vec()),
            Column::Int(ints.clone()),
        ],
        "",
    )
    .await
    .unwrap();
    let rows: Vec<(Option<String>, Option<Vec<u8>>, i64)> =
        sqlx::query_as("SELECT a, b, c FROM column_probe")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    let mut rows = rows;
    rows.sort_by_key(|r| ints.iter().position(|i| *i == r.2));
    for (i, (a, b, c)) in rows.iter().enumerate() {
        assert_eq!(a.as_deref(), texts[i], "row {i}");
        assert_eq!(b.as_deref(), bytes[i], "row {i}");
        assert_eq!(*c, ints[i]);
    }
    assert_eq!(rows.len(), 6);
    drop(conn);
    app.stop().await;
}
both_backends!(column_inserts_carry_any_value);
