//! Benchmark B11: e-mails ingested into requests against parsing the same messages alone.
//!
//! A mailbox of `n` messages like a topic's address receives (new requests in the three
//! languages with accented encoded-word subjects, a fifth with a scanned PDF, a tenth
//! answering an earlier one in Gmail style with the quoted history below). Ours takes each
//! through the intake an MTA pipe or the IMAP poller uses (parsed, recognised as new or as a
//! reply, a request filed with its sealed message and files, its history, assignment and
//! audit entry, or the answer threaded) in batches as a mailbox read delivers them; the
//! baseline parses the very same messages with the same parser and extraction, in the same
//! run, and keeps nothing.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use base64::Engine as _;
use kernel::Kernel;

/// Message `i` of the mailbox (`reply_to`: the Message-ID it answers, for a reply).
fn message(i: usize) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let (lang, subject, body) = match i % 3 {
        0 => ("fr", "Certificat demandé pour l'employeur", "Bonjour,\r\n\r\nMon employeur demande un certificat de quarantaine pour la période du 2 au 12. Pouvez-vous me l'envoyer ?\r\n\r\nMerci d'avance et bonne journée."),
        1 => ("nl", "Attest gevraagd door mijn werkgever", "Goeddag,\r\n\r\nMijn werkgever vraagt een quarantaineattest voor de periode van 2 tot 12. Kunt u het mij sturen?\r\n\r\nAlvast bedankt."),
        _ => ("en", "Certificate requested by my employer — urgent", "Hello,\r\n\r\nMy employer asks for a quarantine certificate for the 2nd to the 12th. Could you send it to me?\r\n\r\nThank you."),
    };
    let subject = format!("=?UTF-8?B?{}?=", b64.encode(format!("{subject} #{i}")));
    let from = format!("Person {i} <person{i}@example.be>");
    if i % 10 == 9 {
        let earlier = i - 9;
        return format!(
            "From: {from}\r\nTo: documents@tracing.example.be\r\nSubject: Re: {subject}\r\n\
             Message-ID: <bench-{i}@mail.gmail.com>\r\nIn-Reply-To: <bench-{earlier}@mail.gmail.com>\r\n\
             Content-Language: {lang}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\
             Voici le numéro de mon dossier : {i}.\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Centre <contact@tracing.example.be> wrote:\r\n\
             > Bonjour,\r\n> Nous avons bien reçu votre demande.\r\n> Le centre de contact\r\n"
        )
        .into_bytes();
    }
    let text = format!(
        "From: {from}\r\nTo: documents@tracing.example.be\r\nSubject: {subject}\r\n\
         Message-ID: <bench-{i}@mail.gmail.com>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         Content-Language: {lang}\r\nMIME-Version: 1.0\r\n"
    );
    if i % 5 == 0 {
        // A scanned letter of about 40 KB.
        let pdf: Vec<u8> = b"%PDF-1.4\n"
            .iter()
            .copied()
            .chain((0..40_000).map(|j| ((i + j) % 251) as u8))
            .collect();
        return format!(
            "{text}Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n\
             Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n--b1\r\n\
             Content-Type: application/pdf; name=\"lettre.pdf\"\r\nContent-Disposition: attachment; filename=\"lettre.pdf\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
            b64.encode(pdf)
        )
        .into_bytes();
    }
    format!("{text}Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n").into_bytes()
}

pub async fn b11(k: Kernel, n: i64) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let sources = tracecall::shipped::resolve(std::path::Path::new("/nonexistent"), tmp.path())?;
    tracecall::content::publish_topics_at_start(&k, &sources.topics).await;
    // Each run its own messages: earlier runs' Message-IDs would be recognised as seen.
    let run = uuid::Uuid::new_v4().simple().to_string();
    let mails: Vec<Vec<u8>> = (0..n as usize)
        .map(|i| {
            String::from_utf8_lossy(&message(i))
                .replace("@mail.gmail.com>", &format!(".{run}@mail.gmail.com>"))
                .into_bytes()
        })
        .collect();
    let bytes: usize = mails.iter().map(Vec::len).sum();

    let started = Instant::now();
    let mut parsed = 0usize;
    for m in &mails {
        if let Some(p) = requests::mime::parse(m) {
            parsed += p.text.len() + p.attachments.len();
        }
    }
    let base_secs = started.elapsed().as_secs_f64();
    std::hint::black_box(parsed);

    let started = Instant::now();
    let mut new = 0;
    let mut replies = 0;
    for chunk in mails.chunks(requests::batch::BATCH) {
        for outcome in requests::batch::receive_many(&k, chunk, None).await? {
            match outcome {
                requests::intake::Outcome::New(_) => new += 1,
                requests::intake::Outcome::Reply(_) => replies += 1,
                other => anyhow::bail!("a message was not taken in: {other}"),
            }
        }
    }
    let ours_secs = started.elapsed().as_secs_f64();
    let ours = n as f64 / ours_secs;
    let base = n as f64 / base_secs;
    println!(
        "B11 ingest {n} e-mails ({:.1} MB; {new} new requests, {replies} replies threaded; backend {:?})",
        bytes as f64 / 1e6,
        k.db.backend()
    );
    println!("  ours:     {ours:.0} messages/s ({ours_secs:.2} s)");
    println!("  baseline: {base:.0} messages/s parsing alone ({base_secs:.2} s)");
    println!("  ratio:    {:.2} (target >= 0.3)", ours / base);
    println!(
        "B11: ours={ours:.0} messages/s baseline={base:.0} messages/s ratio={:.2}",
        ours / base
    );
    Ok(())
}
