//! A synthetic population for the benchmarks at scale (B6, B9): person `i` always has the
//! same names, phone, birth date and national number, distinct up to 20 million people, so a
//! seeded database can be extended and its people looked up again by index.
//!
//! Names follow Belgian frequencies roughly: one person in ten carries one of the twelve most
//! common surnames, the others one of 4,000 composed ones; first names come from 24, so a
//! first name is a crowd (one person in 24) and a name query meets realistic crowds.

use std::io::Write;

const SURNAMES: [&str; 12] = [
    "Janssens", "Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Dubois", "Lambert",
];
const FIRST: [&str; 24] = [
    "Ana", "Jan", "Marie", "Luc", "Els", "Tom", "Sofie", "Karim", "Lotte", "Bram", "Nathalie",
    "Pierre", "Fatima", "Mohamed", "Julie", "Thomas", "Emma", "Louis", "Sarah", "Kevin", "Ines",
    "Lucas", "Nora", "Youssef",
];
const HEAD: [&str; 20] = [
    "Van ", "De ", "Vande", "Le", "Ver", "Mar", "Ber", "Del", "Hen", "Ro", "Gil", "Stas", "Wil",
    "Go", "Cor", "El ", "Bou", "Fon", "Ha", "Lam",
];
const BODY: [&str; 20] = [
    "acker", "bos", "ghe", "mans", "roy", "tin", "dael", "hout", "vel", "lier", "mont", "ber",
    "rin", "gaert", "sen", "kens", "doo", "nier", "wal", "meer",
];
const TAIL: [&str; 10] = ["", "s", "e", "ens", "x", "t", "y", "aert", "ot", "inck"];

/// Days from 1940-01-01 to 1999-12-31: a birth date and a national number's serial are
/// drawn from them, so the national numbers stay distinct (21,914 days × 997 serials).
const DAYS: u64 = 21_914;

pub fn surname(i: u64) -> String {
    if i % 10 == 0 {
        SURNAMES[(i / 10 % 12) as usize].to_string()
    } else {
        let i = i / 10;
        format!(
            "{}{}{}",
            HEAD[(i % 20) as usize],
            BODY[(i / 20 % 20) as usize],
            TAIL[(i / 400 % 10) as usize]
        )
    }
}

pub fn first_name(i: u64) -> &'static str {
    FIRST[(i / 7 % 24) as usize]
}

/// A valid Belgian mobile number (47x to 49x ranges); distinct up to 30 million.
pub fn phone(i: u64) -> String {
    format!("+324{}{:07}", 7 + i / 10_000_000, i % 10_000_000)
}

pub fn birth_date(i: u64) -> chrono::NaiveDate {
    let start = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or_default();
    start + chrono::Days::new(i % DAYS)
}

/// A valid national number (born in the last century) carrying the birth date.
pub fn national_number(i: u64) -> String {
    let d = birth_date(i);
    let serial = i / DAYS % 997 + 1;
    let base: u64 = format!("{}{serial:03}", d.format("%y%m%d"))
        .parse()
        .unwrap_or_default();
    format!("{base:09}{:02}", 97 - base % 97)
}

/// Writes people `from..to` as an import file.
pub fn write_csv(out: &mut impl Write, from: u64, to: u64) -> std::io::Result<()> {
    writeln!(
        out,
        "national_number,first_name,last_name,birth_date,sex,phone,language,postal_code,case_type"
    )?;
    for i in from..to {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},index",
            national_number(i),
            first_name(i),
            surname(i),
            birth_date(i).format("%Y-%m-%d"),
            ["F", "M"][(i % 2) as usize],
            phone(i),
            ["nl", "fr", "de"][(i % 3) as usize],
            1000 + (i * 7919) % 8000,
        )?;
    }
    Ok(())
}

/// Imports people `from..to` through the real import, a file of at most a million rows at a
/// time; prints progress. Returns the seconds the imports took.
pub async fn import(k: &kernel::Kernel, from: u64, to: u64) -> anyhow::Result<f64> {
    let mut spent = 0.0;
    let mut at = from;
    while at < to {
        let end = (at + 1_000_000).min(to);
        let mut file = tempfile::NamedTempFile::new()?;
        {
            let mut w = std::io::BufWriter::new(file.as_file_mut());
            write_csv(&mut w, at, end)?;
            w.flush()?;
        }
        let reader = std::io::BufReader::new(std::fs::File::open(file.path())?);
        let started = std::time::Instant::now();
        let base = at;
        let report = cases::import::import(k, reader, "bench", &move |rows| {
            if rows % 100_000 == 0 {
                let s = started.elapsed().as_secs_f64();
                eprintln!(
                    "imported {} people ({:.0}/s)",
                    base + rows,
                    rows as f64 / s.max(1e-6)
                );
            }
        })
        .await?;
        spent += started.elapsed().as_secs_f64();
        anyhow::ensure!(
            report.rejected_count == 0,
            "generated rows were rejected: {:?}",
            report.rejected.first()
        );
        at = end;
    }
    Ok(spent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        let some: std::collections::BTreeSet<u64> =
            (0..20_000_000).step_by(9_973).chain(0..30_000).collect();
        for i in some {
            let nn = national_number(i);
            assert!(
                scripting::ident::NationalNumber::parse(&nn).is_ok(),
                "{i}: {nn}"
            );
            assert!(scripting::ident::PhoneE164::parse(&phone(i)).is_ok(), "{i}");
            assert!(seen.insert(nn), "{i}");
        }
    }
}
