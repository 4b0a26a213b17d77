//! The quoted history under a reply, cut off: what Gmail, Outlook and Apple Mail put below
//! ("On … wrote:", "-----Original Message-----", "From: … Sent: …", "Le … a écrit :", lines
//! starting with `>`), so the thread shows what the requester wrote this time only.

/// The lines that start the quoted history, in the languages of the centre's requesters.
fn starts_history(line: &str, next: Option<&str>) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    if lower.starts_with("-----original message-----")
        || lower.starts_with("-----message d'origine-----")
        || lower.starts_with("-----oorspronkelijk bericht-----")
        || lower.starts_with("-----ursprüngliche nachricht-----")
        || lower.starts_with("________________________________")
    {
        return true;
    }
    // "On Mon, 30 Nov 2026 at 10:00, X <x@y> wrote:" (sometimes wrapped on two lines).
    let joined = match next {
        Some(n) => format!("{lower} {}", n.trim().to_lowercase()),
        None => lower.clone(),
    };
    let opener = ["on ", "le ", "op ", "am "]
        .iter()
        .any(|p| lower.starts_with(p));
    let closer = ["wrote:", "a écrit :", "a écrit:", "schreef:", "schrieb:"];
    if opener
        && closer
            .iter()
            .any(|c| lower.ends_with(c) || joined.ends_with(c))
    {
        return true;
    }
    // Outlook's header block: "From: …" followed by "Sent: …" / "Envoyé : …" / "Verzonden: …".
    if ["from:", "de :", "de:", "van:", "von:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        if let Some(n) = next {
            let n = n.trim().to_lowercase();
            return [
                "sent:",
                "envoyé :",
                "envoyé:",
                "verzonden:",
                "gesendet:",
                "date:",
            ]
            .iter()
            .any(|p| n.starts_with(p));
        }
    }
    false
}

/// `text` without the quoted history below the reply.
pub fn strip(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if starts_history(line, lines.get(i + 1).copied()) {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        kept.push(*line);
    }
    kept.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn gmail_outlook_and_french_histories_are_cut() {
        let gmail = "Thanks, that works.\n\nOn Mon, 30 Nov 2026 at 10:00, Centre <r@x.be> wrote:\n> Hello\n> old text";
        assert_eq!(strip(gmail), "Thanks, that works.");
        let outlook = "Merci.\r\n\r\nFrom: Centre <r@x.be>\r\nSent: Monday\r\nTo: me\r\nold";
        assert_eq!(strip(outlook), "Merci.");
        let french =
            "D'accord.\nLe lun. 30 nov. 2026 à 10:00, Centre <r@x.be> a écrit :\n> Bonjour";
        assert_eq!(strip(french), "D'accord.");
        let wrapped = "Yes\nOn Mon, 30 Nov 2026 at 10:00, Centre de contact\n<r@x.be> wrote:\n> hi";
        assert_eq!(strip(wrapped), "Yes");
        assert_eq!(strip("no history here\n> but a quote"), "no history here");
    }
}
