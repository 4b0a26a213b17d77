# pages.ftl: Server-rendered pages: home, login, console and dashboard titles, exports. Dutch (nl).

# Navigation and page titles
pages-home = Start
pages-console = Console
pages-dashboard = Dashboard
pages-training = Opleiding
pages-training-progress = Voortgang opleidingen
pages-exports = Exports

# Home page and login form (console/templates/home.html)
pages-welcome = Welkom
pages-logged-in-as = Aangemeld als
pages-team = team
pages-log-out = Afmelden
pages-log-in = Aanmelden
pages-language = Taal
pages-login-failed = Verkeerd e-mailadres of wachtwoord.
pages-login-locked = Te veel mislukte pogingen: probeer opnieuw over { $secs } seconden.
pages-login-unavailable = De dienst bereikt zijn databank nu niet: probeer het zo meteen opnieuw.
pages-email = E-mail
pages-password = Wachtwoord

# Exports page (exporter/templates/exports.html)
pages-exports-heading = Exports naar het instituut voor volksgezondheid
pages-exports-public-key = Publieke sleutel (Ed25519, base64) die de Tracecall-Signature van elke levering verifieert:
pages-exports-target = Leveringen gaan naar
pages-exports-no-target = Er is geen leveringsbestemming ingesteld: exports worden hier bewaard om te downloaden.
pages-exports-run-heading = Een export uitvoeren
pages-exports-dataset = Dataset
pages-exports-day = Dag
pages-exports-deliver = Leveren
pages-exports-correct = Correctie (nieuwe versie van een reeds geëxporteerde dag)
pages-exports-run = Uitvoeren
pages-exports-run-done = Aangemaakt.
pages-exports-run-failed = Mislukt.
pages-exports-past = Eerdere exports
pages-exports-status = Status
pages-exports-attempts = Pogingen
pages-exports-built = Aangemaakt
pages-exports-files = Bestanden
pages-exports-ledger = logboek
pages-exports-manifest = manifest

# An export's status (the values of exports.status)
pages-exports-status-built = aangemaakt
pages-exports-status-pending = in afwachting
pages-exports-status-delivered = geleverd
pages-exports-status-failed = mislukt

# Problem details of kernel::Error (kernel/src/error.rs), shown by the pages' scripts
pages-problem-unauthenticated = meld u eerst aan: geen geldige sessie of token
pages-problem-forbidden = uw rol laat dit niet toe
pages-problem-not-found = { $what } niet gevonden
pages-problem-invalid = { $count } veld(en) ongeldig
pages-problem-too-many-attempts = te veel mislukte pogingen; probeer het later opnieuw
pages-problem-internal = er is een interne fout opgetreden; ze werd gelogd

## Error pages (kernel templates/error.html)
pages-error-code = Foutcode
pages-error-home = Naar de startpagina
pages-error-not-found-title = Pagina niet gevonden
pages-error-not-found-text = Deze pagina bestaat niet, of niet meer. Controleer het adres, of begin opnieuw vanaf de startpagina.
pages-error-forbidden-title = Niet voor uw rol
pages-error-forbidden-text = Uw rol opent deze pagina niet. Hebt u ze nodig, vraag het dan aan uw supervisor of een beheerder.
pages-error-too-many-title = Te veel verzoeken
pages-error-too-many-text = Te veel verzoeken in korte tijd. Wacht even en probeer opnieuw.
pages-error-unavailable-title = Dienst niet beschikbaar
pages-error-unavailable-text = De dienst kan zijn database nu niet bereiken. Probeer het zo dadelijk opnieuw.
pages-error-internal-title = Er ging iets mis
pages-error-internal-text = De server kon deze pagina niet tonen. Probeer opnieuw; blijft het gebeuren, verwittig dan het technische team.
pages-error-bad-request-title = Verzoek niet begrepen
pages-error-bad-request-text = Het adres of wat verstuurd werd, is niet geldig. Begin opnieuw vanaf de startpagina.
pages-verify-title = Een attest of een voorschrift controleren
pages-verify-intro = Scan de QR-code met een lezer, of plak de code die met TC1: begint. De controle gebeurt in deze browser met de sleutels die met deze pagina meekwamen; ze werkt zonder verbinding.
pages-verify-code = Code van het document
pages-verify-code-help = Vergelijk de naam en de geboortedatum met een identiteitsdocument.
pages-verify-check = Controleren
pages-verify-state-valid = Geldig
pages-verify-state-invalid = Niet geldig
pages-verify-state-revoked = Ingetrokken: dit document geldt niet meer
pages-verify-state-expired = Verlopen
pages-verify-state-not-yet = Nog niet geldig
pages-verify-holder = Houder
pages-verify-birth-date = Geboortedatum
pages-verify-kind = Document
pages-verify-period = Geldig
pages-verify-issuer = Afgeleverd door
pages-verify-document = Nummer
pages-verify-reason = Waarom
pages-verify-why-not-ours = Dit is geen tracecall-code (ze moet met TC1: beginnen).
pages-verify-why-unreadable = De code is beschadigd of onvolledig.
pages-verify-why-unknown-key = De code is niet ondertekend met een sleutel van deze dienst.
pages-verify-why-bad-signature = De handtekening klopt niet: de code werd gewijzigd.
pages-verify-kind-quarantine-certificate = Quarantaineattest
pages-verify-kind-test-prescription = Testvoorschrift
pages-verify-revocation-offline = Geen verbinding: of het werd ingetrokken, kon niet worden nagevraagd.
pages-verify-revocation-checked = Niet ingetrokken (zonet nagevraagd).
pages-mine-title = Uw documenten
pages-mine-intro = Deze pagina toont de attesten en voorschriften die het contactcenter voor u heeft opgemaakt. De link in uw e-mail opent ze één keer; daarna blijft de pagina { $minutes } minuten open.
pages-mine-open = Mijn documenten tonen
pages-mine-none = Er is voor u geen document opgemaakt.
pages-mine-period = Geldig van { $from } tot { $until }
pages-mine-in-force = Geldig
pages-mine-revoked = Ingetrokken: niet meer geldig
pages-mine-download = Downloaden (PDF)
pages-mine-check = Wie u een document toont, kan het controleren op { $verify }.
pages-mine-visit = Om uw privacy te beschermen sluit deze pagina na { $minutes } minuten.
pages-mine-gone-title = Deze link kan niet meer gebruikt worden
pages-mine-gone = Een link naar uw documenten opent één keer, binnen { $hours } uur. Vraag het contactcenter u een nieuwe te sturen.
pages-mine-ended-title = Uw bezoek is afgelopen
pages-mine-ended = Om uw privacy te beschermen blijft de pagina met uw documenten maar kort open. Vraag het contactcenter u een nieuwe link te sturen.
pages-mail-document-subject = Uw document: { $title }
pages-mail-document-hello = Goeddag,
pages-mail-document-attached = In bijlage vindt u uw document "{ $title }", geldig van { $from } tot { $until }.
pages-mail-document-link = U kunt uw documenten ook één keer bekijken en downloaden op dit adres, binnen { $hours } uur: { $link }
pages-mail-document-verify = Wie u het document toont, kan het controleren op { $verify }.
pages-mail-document-auto = Dit bericht werd automatisch verstuurd en antwoorden worden niet gelezen. Bel het contactcenter als u vragen hebt.
pages-mail-request-subject = [{ $ref }] We hebben uw aanvraag ontvangen: { $topic }
pages-mail-request-hello = Goeddag,
pages-mail-request-received = We hebben uw aanvraag over "{ $topic }" goed ontvangen. De referentie is { $ref }.
pages-mail-request-when = U krijgt een eerste antwoord binnen { $hours } uur.
pages-mail-request-reply = Wilt u iets toevoegen, antwoord dan op dit bericht: uw antwoord komt bij dezelfde aanvraag.
pages-mail-request-auto = Dit bericht werd automatisch verstuurd. Het contactcenter
pages-mail-request-reply-subject = [{ $ref }] Antwoord op uw aanvraag
