//! Validation messages in the agent's language. Codes are stable and machine-readable;
//! messages are for people. Unknown languages fall back to English.

/// The message for `code` in `lang`.
pub fn message(code: &str, lang: &str) -> String {
    let (fr, nl, en) = match code {
        "required" => (
            "Ce champ est obligatoire.",
            "Dit veld is verplicht.",
            "This field is required.",
        ),
        "unknown_field" => (
            "Ce champ n'existe pas dans le formulaire.",
            "Dit veld bestaat niet in het formulier.",
            "This field does not exist in the form.",
        ),
        "invalid_type" => (
            "Valeur d'un type inattendu.",
            "Waarde van een onverwacht type.",
            "Value of an unexpected type.",
        ),
        "too_long" => ("Texte trop long.", "Tekst te lang.", "Text too long."),
        "out_of_range" => (
            "Valeur hors des limites permises.",
            "Waarde buiten de toegelaten grenzen.",
            "Value out of the allowed range.",
        ),
        "invalid_number" => (
            "Ce n'est pas un nombre valide.",
            "Dit is geen geldig getal.",
            "Not a valid number.",
        ),
        "invalid_date" => (
            "Date invalide (AAAA-MM-JJ ou JJ/MM/AAAA).",
            "Ongeldige datum (JJJJ-MM-DD of DD/MM/JJJJ).",
            "Invalid date (YYYY-MM-DD or DD/MM/YYYY).",
        ),
        "invalid_datetime" => (
            "Date et heure invalides.",
            "Ongeldige datum en tijd.",
            "Invalid date and time.",
        ),
        "invalid_choice" => (
            "Choix non proposé.",
            "Keuze niet voorzien.",
            "Not one of the choices.",
        ),
        "invalid_phone" => (
            "Numéro de téléphone invalide.",
            "Ongeldig telefoonnummer.",
            "Invalid phone number.",
        ),
        "invalid_email" => (
            "Adresse e-mail invalide.",
            "Ongeldig e-mailadres.",
            "Invalid email address.",
        ),
        "invalid_national_number" => (
            "Numéro de registre national invalide (somme de contrôle).",
            "Ongeldig rijksregisternummer (controlegetal).",
            "Invalid national register number (checksum).",
        ),
        "invalid_postal_code" => (
            "Code postal belge invalide.",
            "Ongeldige Belgische postcode.",
            "Invalid Belgian postal code.",
        ),
        "too_few_items" => (
            "Pas assez d'éléments.",
            "Te weinig items.",
            "Too few items.",
        ),
        "too_many_items" => ("Trop d'éléments.", "Te veel items.", "Too many items."),
        _ => ("Valeur invalide.", "Ongeldige waarde.", "Invalid value."),
    };
    match lang {
        "fr" => fr,
        "nl" => nl,
        _ => en,
    }
    .to_string()
}

/// The text of `texts` in `lang`, else English, else any.
pub fn pick<'a>(texts: &'a crate::model::Texts, lang: &str) -> &'a str {
    texts
        .get(lang)
        .or_else(|| texts.get("en"))
        .or_else(|| texts.values().next())
        .map(String::as_str)
        .unwrap_or("")
}
