//! A mailbox read in batches: the messages an IMAP fetch or a benchmark delivers together
//! are taken in one transaction — each recognised as new, as an answer or as mail a machine
//! wrote, exactly as one message alone would be (`intake`) — with the lookups made once for
//! the batch and the rows written many to a statement. Every new request is still sealed
//! under its own key, assigned, given its history row and its audit entry.

use std::collections::HashMap;

use kernel::Kernel;

use crate::error::{RequestsError, Result};
use crate::intake::Outcome;
use crate::mime::Incoming;
use crate::rows::{self, RequestRow};
use crate::store::{self, Channel, TopicRelease};

/// How many messages a read takes in one transaction.
pub const BATCH: usize = 200;

enum Plan {
    Done(Outcome),
    New(Incoming, String),
    Reply(Incoming, String, String),
}

/// Takes `raws` in, in order; what became of each. `topic` names the topic when the MTA
/// knows it.
pub async fn receive_many(
    k: &Kernel,
    raws: &[Vec<u8>],
    topic: Option<&str>,
) -> Result<Vec<Outcome>> {
    // What each message is, and what it names.
    let mut mails: Vec<std::result::Result<(Incoming, String), Outcome>> =
        Vec::with_capacity(raws.len());
    for raw in raws {
        mails.push(crate::intake::read(raw));
    }
    let mut names: Vec<String> = Vec::new();
    for (m, _) in mails.iter().flatten() {
        names.extend(m.message_id.iter().cloned());
        names.extend(m.answers.iter().cloned());
    }
    let mut threads = store::threads_of(k, &names).await?;
    let mut releases: HashMap<Vec<String>, TopicRelease> = HashMap::new();
    let mut plans = Vec::with_capacity(mails.len());
    // Message-IDs of this batch's new requests, so an answer in the same batch finds them.
    let mut fresh: HashMap<String, usize> = HashMap::new();
    for m in mails {
        let (mail, lang) = match m {
            Ok(x) => x,
            Err(o) => {
                plans.push(Plan::Done(o));
                continue;
            }
        };
        if let Some(id) = &mail.message_id {
            if let Some((_, reference)) = threads.get(id) {
                plans.push(Plan::Done(Outcome::Ignored(format!(
                    "already received in {reference}"
                ))));
                continue;
            }
            if fresh.contains_key(id) {
                plans.push(Plan::Done(Outcome::Ignored(
                    "received twice in one read".into(),
                )));
                continue;
            }
        }
        let known = mail.answers.iter().find_map(|a| threads.get(a).cloned());
        let known = match known {
            Some(t) => Some(t),
            None => match crate::intake::reference_in(k, &mail.recipients) {
                Some(r) => store::id_of(k, &r).await?.map(|id| (id, r)),
                None => None,
            },
        };
        if let Some((id, reference)) = known {
            if let Some(mid) = &mail.message_id {
                threads.insert(mid.clone(), (id.clone(), reference.clone()));
            }
            plans.push(Plan::Reply(mail, id, reference));
            continue;
        }
        if let Some(i) = mail.answers.iter().find_map(|a| fresh.get(a)) {
            // An answer to a request this very read creates: it joins that thread.
            let i = *i;
            if let Some(mid) = &mail.message_id {
                fresh.insert(mid.clone(), i);
            }
            plans.push(Plan::Reply(mail, format!("#{i}"), String::new()));
            continue;
        }
        if !releases.contains_key(&mail.recipients) {
            let found = match topic {
                Some(t) => store::topic(k, t).await?,
                None => store::topic_for_address(k, &mail.recipients).await?,
            };
            let Some(found) = found else {
                plans.push(Plan::Done(Outcome::Unrouted(match topic {
                    Some(t) => format!("no published topic {t:?}"),
                    None => "no topic receives mail at the address this message was sent to; pass --topic".into(),
                })));
                continue;
            };
            releases.insert(mail.recipients.clone(), found);
        }
        if let Some(mid) = &mail.message_id {
            fresh.insert(mid.clone(), plans.len());
        }
        plans.push(Plan::New(mail, lang));
    }

    // New requests first (their rows exist before an answer joins them), then answers.
    let teams: Vec<String> = releases.values().map(|r| r.topic.team.clone()).collect();
    let mut picker = crate::assign::Picker::for_teams(k, teams).await?;
    let mut tx = k.db.begin().await?;
    let mut rows: Vec<RequestRow> = Vec::new();
    let mut messages = Vec::new();
    let mut created: HashMap<usize, usize> = HashMap::new(); // plan index -> row index
    let mut events = Vec::new();
    let mut pending = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let Plan::New(mail, lang) = plan else {
            continue;
        };
        let release = &releases[&mail.recipients];
        let t = &release.topic;
        let new = crate::intake::new_request(release, mail, lang);
        let mut row = rows::request(k, &new)?;
        row.assignee = picker.pick(&mut tx, &t.team, None).await?;
        let body = crate::intake::body_of(mail);
        messages.push(rows::message(
            k,
            &row.key,
            &row.id,
            1,
            &crate::intake::incoming(mail, &body),
        )?);
        created.insert(i, rows.len());
        rows.push(row);
    }
    rows::insert_requests(&mut tx, &rows).await?;
    rows::insert_messages(&mut tx, &messages).await?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    crate::history::start_many(k, &mut tx, &ids, "requester").await?;
    let subjects: Vec<String> = rows.iter().map(|r| format!("request:{}", r.id)).collect();
    for (r, subject) in rows.iter().zip(&subjects) {
        if let Some(agent) = r.assignee {
            pending.push(
                crate::notices::record(
                    k,
                    &mut tx,
                    agent,
                    crate::notices::About {
                        id: &r.id,
                        reference: &r.reference,
                    },
                    crate::notices::Kind::Assigned,
                    "routing",
                    None,
                )
                .await?,
            );
        }
        events.push((subject.clone(), "request.created"));
    }
    let mut outcomes = Vec::with_capacity(plans.len());
    let mut replies = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        outcomes.push(match plan {
            Plan::Done(o) => o.clone(),
            Plan::New(..) => Outcome::New(rows[created[&i]].reference.clone()),
            Plan::Reply(mail, id, reference) => {
                let (id, reference) = match id.strip_prefix('#') {
                    Some(n) => {
                        let row = &rows[created[&n
                            .parse::<usize>()
                            .map_err(|e| RequestsError::Internal(e.to_string()))?]];
                        (row.id.clone(), row.reference.clone())
                    }
                    None => (id.clone(), reference.clone()),
                };
                events.push((format!("request:{id}"), "request.replied"));
                replies.push((id, mail));
                Outcome::Reply(reference)
            }
        });
    }
    crate::intake::reply_many(k, &mut tx, &replies).await?;
    let audit: Vec<kernel::audit::Event<'_>> = events
        .iter()
        .map(|(subject, action)| kernel::audit::Event {
            actor: "requester",
            action,
            subject,
            request_id: None,
            detail: serde_json::json!({ "channel": Channel::Email.as_str() }),
        })
        .collect();
    kernel::audit::append_many(&mut tx, &k.db, k.now(), &audit).await?;
    tx.commit().await?;
    crate::notices::deliver(k, pending).await;
    // Acknowledgments go once the requests exist (a mail server's refusal is logged).
    for (i, plan) in plans.iter().enumerate() {
        if let Plan::New(mail, lang) = plan {
            let row = &rows[created[&i]];
            if let Some(to) = &mail.from_address {
                let t = &releases[&mail.recipients].topic;
                crate::outbound::acknowledge(k, &row.id, &row.reference, t, lang, to, &row.key)
                    .await?;
            }
        }
    }
    Ok(outcomes)
}
