### The agent console and the supervisor dashboard, in Dutch.
###
### Message ids are `console-` and the key the JavaScript asks for, underscores turned
### into hyphens (`t(lang, 'ui_language')` reads `console-ui-language`). The server
### serves this file as /static/i18n/nl.json, each id mapped to its text with
### `{ $name }` written back as `{name}`; services/console/assets/i18n.js loads it.
### Keep every message simple and on one line: text and `{ $name }` placeables only (no
### selectors, terms or attributes); write a literal brace as {"{"}.
###
### Wording follows the e-learning course (elearning/console-and-scripts), which teaches
### agents these exact labels: keep them in step when either changes.

## Top bar and status

console-ui-language = Taal van de console
console-training-link = Opleiding
console-campaigns-link = Campagnes
console-orders-link = Belopdrachten
console-figures-link = Cijfers
console-cases-link = Dossiers
console-import-link = Import
console-change-password = Wachtwoord wijzigen
console-logout = Afmelden
console-logout-in-call = Er loopt nog een gesprek. Toch afmelden? Rond het gesprek indien mogelijk eerst af.
console-status-offline = Niet klaar
console-status-ready = Klaar
console-status-paused = Pauze
console-status-in-call = In gesprek
console-status-paused-reason = Pauze: { $reason }
console-since = sinds { $time }
console-training-line = Opleiding: { $passed } van de { $total } cursussen geslaagd
console-training-none = Opleiding: nog geen cursus vereist
console-training-missing = Sommige campagnes vragen cursussen waarvoor u nog niet geslaagd bent. U krijgt hun gesprekken zodra u ervoor geslaagd bent:
console-tab-offer = Nieuwe belopdracht
console-conn-ok = Verbonden
console-conn-connecting = Verbinden…
console-conn-lost = Verbinding verbroken, opnieuw verbinden…
console-conn-signed-out = Sessie beëindigd
console-today = vandaag
console-dismiss = Verbergen
console-close = Sluiten
console-cancel = Annuleren

## Ready and pause

console-ready = Klaar
console-pause = Pauze
console-pause-reason = Reden van de pauze
console-pause-reason-choose = Reden van de pauze…
console-pause-choose-reason = Kies eerst een reden voor de pauze.
console-reason-break = Pauze
console-reason-meal = Maaltijd
console-reason-training = Opleiding
console-reason-briefing = Teambriefing
console-reason-technical = Technisch probleem
console-idle-offline = U staat niet op Klaar.
console-idle-offline-help = Zet uw headset op en klik dan op Klaar (Alt+R) om gesprekken te krijgen.
console-idle-ready = Klaar: wachten op de volgende belopdracht…
console-idle-ready-help = Voor u uw plaats verlaat, ook al is het maar twee minuten: klik op Pauze (Alt+P) en kies een reden.
console-idle-paused = In pauze.
console-idle-paused-reason = In pauze: { $reason }.
console-idle-paused-help = Klik op Klaar (Alt+R) als u terug bent.

## Banners

console-pop-title = Inkomende oproep
console-pop-note = Deze dossiers passen bij het toestel dat belt, niet noodzakelijk bij wie er spreekt. Open het juiste dossier en doe altijd de identiteitscontrole.
console-pop-none = Geen dossier past bij dit nummer. Zoek via "Nieuwe inkomende oproep".
console-message-from-supervisor = Bericht van uw supervisor

## Order card

console-offer-title = Belopdracht
console-offer-deadline = Deadline
console-offer-language = Taal
console-offer-attempt = Pogingnummer
console-offer-citizen = Burger
console-attempt-n = Poging { $n }
console-in-minutes = binnen { $m } min
console-in-hours = binnen { $h } u { $m }
console-deadline-passed = { $time }, deadline verstreken
console-offer-note = "Gesprek starten" opent het dossier: de gegevens van de burger worden ontsleuteld en het openen wordt geregistreerd met uw naam en het tijdstip.
console-start-call = Gesprek starten
console-case-type = Soort dossier
console-case-type-index = Indexpatiënt
console-case-type-contact = Hoogrisicocontact
console-case-status = Status van het dossier
console-case-status-open = Open
console-case-status-in-progress = Lopend
console-case-status-closed = Afgesloten

## Call screen

console-kind-inbound = inkomende oproep
console-say-missing = Het dossier heeft geen waarde voor: { $names }. Lees "[?]" niet voor: vraag het aan de persoon, of ga verder zonder.
console-placeholder-person-first-name = voornaam
console-placeholder-person-last-name = achternaam
console-placeholder-person-birth-date = geboortedatum
console-placeholder-person-language = taal
console-placeholder-person-postal-code = postcode
console-placeholder-case-code = dossiernummer
console-placeholder-case-type = soort geval
console-placeholder-case-test-date = testdatum
console-placeholder-case-exposure-date = datum van blootstelling
console-placeholder-case-index-case-code = indexpatiënt
console-placeholder-agent-name = uw naam
console-script-language = Taal van het script
console-path = Verloop
console-hint-label = Alleen voor u – nooit voorlezen
console-next = Volgende
console-next-to-end = Volgende: einde ({ $outcome })
console-next-waiting = Beantwoord eerst de vragen van deze stap.
console-at-end = Einde van het script. Rond het gesprek af met het resultaat dat echt gebeurde (voorstel: { $outcome }).
console-finish-call = Gesprek afronden
console-citizen-name = Naam
console-citizen-birth-date = Geboortedatum
console-citizen-phone = Telefoon
console-citizen-case = Dossier
console-citizen-email = E-mail
console-citizen-national-number = Rijksregisternummer
console-citizen-postal-code = Postcode
console-citizen-language = Taal
console-case-test-date = Testdatum
console-case-exposure-date = Datum van blootstelling
console-case-onset-date = Begin van de klachten
console-no-fields = Niets in te vullen bij deze stap.
console-yes = Ja
console-no = Nee
console-choose = Kies…
console-add-item = Toevoegen
console-remove-item = Verwijderen
console-item-n = Nr. { $n }
console-step-n = Stap { $n }
console-saved = Opgeslagen
console-not-saved = Niet opgeslagen: { $message }
console-not-saved-offline = Niet opgeslagen: verbinding verbroken. Het antwoord wordt opnieuw verstuurd zodra de verbinding terug is.
console-err-not-a-number = Vul een getal in.

## Finishing

console-outcome = Resultaat
console-outcome-choose = Kies het resultaat…
console-outcome-reached = Bereikt
console-outcome-no-answer = Geen antwoord
console-outcome-busy = Bezet
console-outcome-voicemail = Voicemail
console-outcome-wrong-number = Verkeerd nummer
console-outcome-refused = Geweigerd
console-outcome-callback = Terugbellen
console-outcome-not-applicable = Niet van toepassing
console-outcome-help-reached = Het gesprek liep tot het einde van het script. De opdracht wordt afgesloten.
console-outcome-help-no-answer = Het ging over, niemand nam op. Later automatisch opnieuw geprobeerd, binnen de beluren.
console-outcome-help-busy = Bezettoon. Automatisch opnieuw geprobeerd.
console-outcome-help-voicemail = Voicemail: laat geen bericht achter over de reden van het gesprek. Automatisch opnieuw geprobeerd.
console-outcome-help-wrong-number = Het nummer is van iemand die de persoon niet kent. De opdracht stopt.
console-outcome-help-refused = De persoon weigert het gesprek of stopt het gesprek. De opdracht wordt afgesloten. Dring niet aan.
console-outcome-help-callback = Een moment dat u met iemand afsprak. De opdracht komt op dat moment terug.
console-outcome-help-not-applicable = De identiteit kon niet bevestigd worden, of er is geen dossier. Verwittig uw supervisor.
console-callback-at = Terugbellen op
console-callback-help = De datum en het uur die u met de burger afsprak. Dat moet in de toekomst liggen.
console-callback-required = Vul de afgesproken datum en het uur in om terug te bellen.
console-callback-future = Het tijdstip om terug te bellen moet in de toekomst liggen.
console-finish-choose-outcome = Kies het resultaat van het gesprek.
console-confirm-finish = Gesprek afronden
console-call-finished = Gesprek afgerond.
console-call-finished-due = Gesprek afgerond. De opdracht komt terug { $time }.
console-finish-call-first = Rond eerst het lopende gesprek af.

## Inbound calls

console-inbound = Nieuwe inkomende oproep
console-search-label = Telefoon, rijksregisternummer, dossiercode, geboortedatum of naam
console-search = Zoeken
console-search-help = Vergelijk de resultaten in stilte met wat de beller u vertelt. Lees ze nooit voor.
console-searching = Zoeken…
console-no-results = Geen dossier gevonden.
console-results-n = Resultaten: { $n }
console-matched = gevonden op { $what }
console-matched-case-code = dossiercode
console-matched-national-number = rijksregisternummer
console-matched-phone = telefoon
console-matched-birth-date = geboortedatum
console-matched-name = naam
console-matched-prefix = begin van de naam
console-matched-phonetic = gelijkaardige naam
console-open-case = Dossier openen
console-open-reason-note = Het openen van een dossier wordt geregistreerd met uw naam en de reden "inkomende oproep". Open het alleen als u zeker bent dat het van de beller is.
console-open-reason-inbound-call = inkomende oproep
console-open-reason-call-order = belopdracht
console-open-reason-follow-up = opvolging
console-open-reason-inbound = inkomende oproep
console-open-reason-screen-pop = scherm bij inkomende oproep
console-open-reason-break-glass = glas gebroken (noodtoegang)
console-identity-first = Eerst de identiteitscontrole: vertel vooraf niets uit het dossier.
console-history = Dossiergeschiedenis
console-history-note = Om de situatie te begrijpen. Lees ze niet voor.
console-history-none = Geen eerdere gebeurtenissen.
console-hist-call = Gesprek: { $outcome }
console-hist-opened = Dossier geopend ({ $reason })
console-hist-status = Status: { $status }
console-hist-case-created = Dossier aangemaakt
console-hist-case-merged = Dossiers samengevoegd
console-hist-case-purged = Persoonsgegevens gewist
console-hist-order-reassigned = Opdracht aan een andere agent gegeven
console-hist-order-cancelled = Opdracht geannuleerd
console-hist-order-raised = Opdracht dringender gemaakt
console-start-inbound = Inkomend gesprek starten
console-inbound-script = Script
console-waiting-order = Er wacht een gesprek voor deze burger in { $campaign } (pogingen tot nu: { $n }).
console-complete-interview = Dat gesprek nu voeren

## Breaking the glass (an open the server finds no purpose for)

console-break-glass-title = Het glas breken?
console-break-glass-refused = Niets wat geregistreerd is, geeft u een reden om dit dossier te openen: u voert er geen gesprek over, en geen zoekopdracht of inkomende oproep van u leidde er de voorbije minuten naartoe.
console-break-glass-explain = In een noodgeval kunt u het toch openen. Deze opening wordt geregistreerd met uw naam en uw verantwoording, en uw supervisors worden meteen verwittigd.
console-break-glass-justification = Waarom moet u dit dossier nu openen?
console-break-glass-count = { $n } tekens (minstens { $min })
console-break-glass-too-short = Schrijf minstens { $min } tekens: waarom dit dossier, en waarom nu.
console-break-glass-confirm = Toch openen

## Help

console-help-title = Sneltoetsen
console-key-ready = Klaar
console-key-pause = Pauze (reden kiezen)
console-key-next = Volgende stap
console-key-back = Vorige stap
console-key-finish = Gesprek afronden
console-key-inbound = Nieuwe inkomende oproep
console-key-language = Taal van het script wisselen
console-key-help = Deze sneltoetsen tonen of verbergen
console-help-note = Leer eerst Alt+N, Alt+B en Alt+L: die gebruikt u in elk gesprek.

## Language names

console-lang-fr = Frans
console-lang-nl = Nederlands
console-lang-en = Engels
console-lang-de = Duits

## Errors from the server

console-err-disconnected = Geen verbinding: er werd niets verstuurd. Probeer opnieuw zodra de verbinding terug is.
console-err-conflict = Nu niet mogelijk
console-err-forbidden = Niet toegelaten voor uw rol
console-err-cooldown = Wacht even voor u opnieuw probeert
console-err-invalid = Onvolledige of ongeldige aanvraag
console-err-validation = Er ontbreken antwoorden of er zijn fouten
console-err-too-large = Te veel tekst
console-err-internal = Serverfout. Probeer opnieuw en verwittig uw supervisor als het blijft gebeuren
console-err-unavailable = De databank is even onbereikbaar: er is niets verloren. Probeer het over enkele seconden opnieuw
console-err-generic = Er liep iets mis
console-err-purpose-refused = Niets wat geregistreerd is, geeft u een reden om dit dossier te openen

## Supervisor dashboard

console-dashboard-title = Supervisie
console-campaigns = Campagnes
console-agents = Agenten
console-col-campaign = Campagne
console-col-status = Status
console-col-waiting = Wachtend
console-col-in-progress = Lopend
console-col-done = Afgewerkt
console-col-reach-rate = Bereikt (%)
console-col-at-risk = Risico
console-col-at-risk-help = Opdrachten vlak bij hun deadline
console-col-actions = Acties
console-col-agent = Agent
console-col-team = Team
console-col-since = Duur
console-campaign-status-draft = Ontwerp
console-campaign-status-running = Lopend
console-campaign-status-paused = Gepauzeerd
console-campaign-status-closed = Afgesloten
console-campaign-status-finished = Afgewerkt
console-launch = Starten
console-resume = Hervatten
console-pause-campaign = Pauzeren
console-updated-at = Bijgewerkt om { $time }
console-no-campaigns = Geen campagnes.
console-no-agents = Geen agenten.
console-waiting-by-language = Wachtende opdrachten per taal
console-no-waiting = Geen wachtende opdrachten.
console-send-message-title = Bericht aan een agent
console-agent = Agent
console-message = Bericht
console-send = Versturen
console-choose-agent = Kies een agent…
console-choose-agent-first = Kies eerst een agent.
console-message-length = Schrijf een bericht van 1 tot { $max } tekens.
console-message-sent = Bericht verstuurd naar { $name } om { $time }.
console-reassign-title = Opdracht toewijzen
console-order-number = Nummer van de opdracht
console-to-agent = Aan agent
console-reassign = Toewijzen
console-order-number-invalid = Vul een opdrachtnummer in.
console-reassigned = Opdracht { $order } toegewezen aan { $name }.

## Supervisor alerts (push `alert`); ordinals by Intl.PluralRules category

console-alerts = Meldingen
console-alerts-note = Agenten van uw team die het glas breken of door de zoeklimiet worden tegengehouden, sinds deze pagina geopend is.
console-no-alerts = Geen meldingen.
console-alert-break-glass = { $name } brak het glas om dossier { $code } te openen ({ $nth } keer vandaag)
console-alert-break-glass-plain = { $name } brak het glas om dossier { $code } te openen
console-alert-search-limited = { $name } werd tegengehouden door de zoeklimiet
console-alert-over-limit = boven de daglimiet
console-ordinal-one = { $n }e
console-ordinal-two = { $n }e
console-ordinal-few = { $n }e
console-ordinal-other = { $n }e

console-status-wrap-up = Nawerk
console-call-timer = Duur van dit gesprek
console-wrapup-title = Nawerk na het gesprek
console-wrapup-left = Volgende belopdracht over { $time }
console-wrapup-over = De tijd is om: de volgende belopdracht komt eraan.
console-wrapup-note = Notitie voor wie dit dossier hierna opent (optioneel)
console-wrapup-note-help = Wat de volgende medewerker moet weten: wanneer terugbellen, een taal, een moeilijkheid. Niet de antwoorden: die staan in het formulier.
console-wrapup-save = Notitie opslaan
console-wrapup-saved = Notitie opgeslagen.
console-wrapup-unsaved = Nog niet opgeslagen.
console-wrapup-ready = Klaar voor het volgende gesprek
console-notes-title = Notities van eerdere gesprekken
console-idle-badge = inactief, er wacht werk
console-idle-alert = { $n ->
    [one] Eén medewerker is klaar maar inactief terwijl er opdrachten wachten: { $names }.
   *[other] { $n } medewerkers zijn klaar maar inactief terwijl er opdrachten wachten: { $names }.
}
console-register-open = De beller heeft geen dossier: registreren
console-register-title = De beller registreren
console-register-help = Alleen als geen enkele zoekopdracht hem vindt. Wie al gekend is (zelfde rijksregisternummer of telefoon) wordt niet twee keer geregistreerd: het dossier gaat open.
console-reg-case-type = Deze persoon is
console-reg-type-contact = Een contact van een positieve persoon
console-reg-type-index = Zelf positief getest
console-reg-last-name = Naam
console-reg-first-name = Voornaam
console-reg-birth-date = Geboortedatum
console-reg-phone = Telefoon
console-reg-national-number = Rijksregisternummer
console-reg-email = E-mail
console-reg-postal-code = Postcode
console-reg-language = Taal
console-reg-exposure-date = Datum van het contact
console-reg-test-date = Datum van de positieve test
console-register-submit = Registreren en dossier openen
console-register-check = te verbeteren
console-docs-title = Documenten
console-docs-loading = De documenten van het dossier worden opgezocht…
console-docs-none = Voor dit dossier werd nog geen document opgemaakt.
console-docs-valid = geldig van { $from } tot { $until }
console-docs-in-force = Geldig
console-docs-revoked = Ingetrokken
console-docs-download = PDF downloaden
console-docs-email = Per e-mail versturen
console-docs-kind = Document
console-docs-kind-quarantine-certificate = Quarantaineattest
console-docs-kind-test-prescription = Testvoorschrift
console-docs-language = Taal
console-docs-lang-fr = Frans
console-docs-lang-nl = Nederlands
console-docs-lang-de = Duits
console-docs-lang-en = Engels
console-docs-issue = Opmaken
console-docs-issued = Opgemaakt. Een eerder document van dezelfde soort is ingetrokken als vervangen.
console-docs-emailed = Verstuurd naar het gekende adres, met een eenmalige link naar de pagina van de burger.
console-docs-no-email = Geen e-mailadres gekend: download het document en bezorg het op een andere manier.
console-docs-mail-off = Dit centrum verstuurt geen e-mails: download het document.
console-docs-network = De server is niet bereikbaar.
console-docs-failed = Dat is niet gelukt.
console-open-request = De aanvraag openen
console-request-notice-mention = U werd vermeld in aanvraag { $ref }
console-request-notice-reminder = Aanvraag { $ref } nadert haar termijn
console-request-notice-escalation = Aanvraag { $ref } heeft haar termijn overschreden
console-request-notice-assigned = Aanvraag { $ref } werd aan u toegewezen
