# supervise.ftl: The supervisor's pages (campaigns templates/campaigns.html, orders.html):
# the campaign builder with its list of campaigns, and the order list. Dutch (nl, as written in Belgium).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('save_draft')` reads `supervise-save-draft`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation
supervise-nav-label = Supervisie
supervise-nav-dashboard = Dashboard
supervise-nav-campaigns = Campagnes
supervise-nav-orders = Belopdrachten
supervise-nav-training = Opleiding
supervise-nav-password = Mijn wachtwoord wijzigen
supervise-loading = Laden…
supervise-back = Terug

## The campaign list
supervise-campaigns-title = Campagnes
supervise-list-heading = Uw campagnes
supervise-col-name = Campagne
supervise-col-status = Status
supervise-col-script = Script
supervise-col-target = Wie wordt gebeld
supervise-col-waiting = Nog te bellen
supervise-col-done = Afgewerkt
supervise-col-actions = Acties
supervise-no-campaigns = Nog geen campagne: maak hieronder de eerste aan.
supervise-status-draft = Ontwerp
supervise-status-running = Lopend
supervise-status-paused = Gepauzeerd
supervise-status-completed = Afgewerkt
supervise-status-cancelled = Geannuleerd
supervise-edit = Bewerken
supervise-launch = Starten
supervise-resume = Hervatten
supervise-pause = Pauzeren
supervise-complete = Afwerken
supervise-cancel = Annuleren
supervise-clone = Dupliceren
supervise-codes-count = Dossiers in de lijst: { $n }
supervise-launched = Campagne { $name } loopt. Belopdrachten: { $n }.
supervise-done-pause = Campagne { $name } is gepauzeerd: de opdrachten ervan worden niet meer aangeboden.
supervise-done-complete = Campagne { $name } is afgewerkt.
supervise-done-cancel = Campagne { $name } is geannuleerd, samen met alle opdrachten die nog niet gebeld zijn.
supervise-confirm-complete-title = { $name } afwerken?
supervise-confirm-complete-text = De resterende opdrachten worden niet meer aangeboden. Een afgewerkte campagne kan niet hervat worden.
supervise-confirm-cancel-title = { $name } annuleren?
supervise-confirm-cancel-text = Alle opdrachten die nog niet gebeld zijn, worden geannuleerd. Dit kan niet ongedaan gemaakt worden.

## The builder
supervise-builder-new = Nieuwe campagne
supervise-builder-edit = Ontwerp { $name } bewerken
supervise-builder-clone = Nieuwe campagne, gekopieerd van { $name }
supervise-copy-of = { $name } (kopie)
supervise-part-what = Naam en doel
supervise-name = Naam
supervise-purpose = Doel (voor het team; ook de agenten zien het)
supervise-part-script = Script
supervise-script = Script dat de agenten volgen
supervise-release = versie
supervise-script-written-for = Geschreven voor: { $types }.
supervise-script-any-type = Geschreven voor elke soort dossier.
supervise-preview = Voorbeeld van het script zoals de agenten het zullen zien
supervise-preview-language = Taal van het voorbeeld
supervise-preview-missing = (geen { $lang }-tekst: de agenten zouden een andere taal zien)
supervise-part-target = Wie wordt gebeld
supervise-case-type = Soort dossier
supervise-case-type-contact = Hoogrisicocontacten
supervise-case-type-index = Indexpatiënten (positief getest)
supervise-case-type-any = Elke soort
supervise-override = Dit script toch gebruiken, op dossiers waarvoor het niet geschreven is (wordt geregistreerd in het auditlogboek)
supervise-regions = Provincies
supervise-none-is-all = (geen aangevinkt: alle)
supervise-statuses = Status van het dossier
supervise-status-open = Open
supervise-status-in-progress = Lopend
supervise-status-closed = Afgesloten
supervise-age-bands = Leeftijdsgroepen
supervise-created-from = Geregistreerd vanaf
supervise-created-to = Geregistreerd tot
supervise-case-codes = Alleen deze dossiers (dossiercodes)
supervise-case-codes-note = Eén code per regel, of gescheiden door komma's. Laat leeg om elk dossier te bellen dat aan de criteria hierboven voldoet.
supervise-case-codes-file = Of laad een lijst op (CSV of tekst, een kolom met de naam code, of de eerste kolom):
supervise-codes-read = Codes gelezen uit { $file }: { $n }.
supervise-count = Aantal mensen dat deze campagne nu zou bellen: { $n }.
supervise-count-unknown = Nog niet te tellen: { $why }
supervise-part-when = Wanneer en hoe vaak
supervise-any-time = Op elk moment bellen (geen beltijdvakken)
supervise-week-closed = er wordt niet gebeld
supervise-week-copy-monday = Elke weekdag dezelfde tijdvakken als maandag
supervise-week-empty = Geen enkele dag heeft een beltijdvak: voeg er een toe, of vink “Op elk moment bellen” aan.
supervise-window-add = Tijdvak toevoegen
supervise-window-add-to = { $day }: tijdvak toevoegen
supervise-window-from = { $day }, tijdvak { $n }, van
supervise-window-to = { $day }, tijdvak { $n }, tot
supervise-window-remove = { $day }: tijdvak { $n } verwijderen
supervise-window-of = { $day }, tijdvak { $n }
supervise-line = Regel { $n }
supervise-day-mon = Maandag
supervise-day-tue = Dinsdag
supervise-day-wed = Woensdag
supervise-day-thu = Donderdag
supervise-day-fri = Vrijdag
supervise-day-sat = Zaterdag
supervise-day-sun = Zondag
supervise-deadline-hours = Elk dossier bereiken binnen (uren na de registratie ervan)
supervise-max-attempts = Aantal pogingen voor we opgeven
supervise-retry-no-answer = Opnieuw proberen na geen antwoord (minuten)
supervise-retry-busy = Opnieuw proberen na een bezette lijn (minuten)
supervise-retry-voicemail = Opnieuw proberen na voicemail (minuten)
supervise-time-zone = Tijdzone van de tijdvakken
supervise-holidays = Dagen waarop niemand gebeld wordt (YYYY-MM-DD, gescheiden door komma's)
supervise-part-who = Wie belt
supervise-teams = Teams
supervise-teams-none = (geen aangevinkt: elk team, nationaal)
supervise-languages = Bediende talen
supervise-courses = Cursussen waarvoor de agenten geslaagd moeten zijn
supervise-no-courses = Er is geen cursus gepubliceerd.
supervise-save-draft = Ontwerp opslaan
supervise-save-changes = Wijzigingen opslaan
supervise-save-launch = Opslaan en starten
supervise-start-over = Nieuwe campagne
supervise-saved = Campagne { $name } is opgeslagen als ontwerp.
supervise-saved-launched = Campagne { $name } is opgeslagen en gestart.

## The order list
supervise-orders-title = Belopdrachten
supervise-filters = Opdrachten filteren
supervise-all = Alle
supervise-col-order = Opdracht
supervise-col-campaign = Campagne
supervise-col-case = Dossier
supervise-col-language = Taal
supervise-col-state = Toestand
supervise-col-attempts = Pogingen
supervise-col-agent = Agent
supervise-col-deadline = Deadline
supervise-at-risk-only = Alleen opdrachten met risico (deadline binnen 2 uur)
supervise-apply = Tonen
supervise-at-risk = risico
supervise-orders-more = Er passen meer opdrachten: verfijn de filters om ze te zien.
supervise-no-orders = Geen enkele opdracht past bij deze filters.
supervise-state-open = Wachtend
supervise-state-leased = Bij een agent
supervise-state-done = Afgewerkt
supervise-state-cancelled = Geannuleerd
supervise-kept-for = voorbehouden voor { $name }
supervise-reassign = Toewijzen
supervise-raise = Vervroegen
supervise-reassign-order = Opdracht { $id } toewijzen
supervise-raise-order = Opdracht { $id } naar voren schuiven in de wachtrij
supervise-cancel-order = Opdracht { $id } annuleren
supervise-to-agent = Aan agent
supervise-raise-by = Vervroegen met
supervise-done-reassign-order = Opdracht { $id } is nu toegewezen aan { $agent }.
supervise-done-raise-order = Opdracht { $id } is naar voren geschoven in de wachtrij.
supervise-done-cancel-order = Opdracht { $id } is geannuleerd.

## Call outcomes
supervise-outcome-reached = bereikt
supervise-outcome-no-answer = geen antwoord
supervise-outcome-busy = bezet
supervise-outcome-voicemail = voicemail
supervise-outcome-wrong-number = verkeerd nummer
supervise-outcome-refused = geweigerd
supervise-outcome-callback = terugbellen afgesproken
supervise-outcome-not-applicable = niet van toepassing

## Field problems (the `code` of the API's field errors)
supervise-error-required = Verplicht.
supervise-error-invalid = Niet aanvaard zoals geschreven.
supervise-error-out-of-range = Buiten de toegelaten grenzen.
supervise-error-unknown-team = Dit team bestaat niet (meer). Herlaad de pagina.
supervise-error-unknown-script = Dit script heeft geen gepubliceerde versie.
supervise-error-script-kind = Dit script is voor inkomende oproepen; een campagne belt uit.
supervise-error-script-mismatch = Het script is niet geschreven voor deze dossiers: kies een ander script, beperk de soort dossier, of vink “Dit script toch gebruiken” aan.
supervise-error-invalid-code = Geen dossiercode (controleer de code op een tikfout).
supervise-error-too-many = Te veel dossiercodes voor één lijst (hoogstens 10.000).
supervise-error-empty-window = Het tijdvak eindigt voor het begint.
supervise-error-invalid-time = Schrijf een tijd als HH:MM.
supervise-error-invalid-date = Schrijf een datum als YYYY-MM-DD.
supervise-error-unknown-weekday = Onbekende dag van de week.
supervise-error-unknown-time-zone = Onbekende tijdzone (bijvoorbeeld Europe/Brussels).

## Refusals (problem slugs), and what else can go wrong
supervise-problem-validation = Sommige velden moeten verbeterd worden.
supervise-problem-unauthenticated = Uw sessie is beëindigd. Meld u opnieuw aan.
supervise-problem-forbidden = Uw rol laat dit niet toe.
supervise-problem-not-found = Niet gevonden: het is intussen misschien gewijzigd. Herlaad de pagina.
supervise-problem-conflict = Niet mogelijk in de huidige toestand (die is intussen misschien gewijzigd).
supervise-problem-internal = Serverfout. Probeer opnieuw; verwittig het technische team als het blijft gebeuren.
supervise-problem-network = Geen verbinding met de server. Controleer het netwerk en probeer opnieuw.
supervise-problem-generic = Dat is niet gelukt.

## Figures and charts (console templates/figures.html)
supervise-nav-figures = Cijfers
supervise-figures-title = Cijfers en grafieken
supervise-period = Periode
supervise-period-from = Van
supervise-period-to = Tot en met
supervise-period-today = Vandaag
supervise-period-week = Laatste 7 dagen
supervise-period-day = Cijfers van { $day }.
supervise-period-days = Cijfers van { $from } tot en met { $to }.
supervise-teams-heading = Per team
supervise-agents-heading = Per agent
supervise-national = Nationaal (geen team)
supervise-col-who = Wie
supervise-col-calls = Gesprekken
supervise-col-reach = Bereikt
supervise-col-handling-median = Behandelingsduur (mediaan)
supervise-col-handling-p90 = Behandelingsduur (90e percentiel)
supervise-time-ready = Tijd beschikbaar
supervise-time-in-call = Tijd in gesprek
supervise-time-wrap-up = Tijd in nawerk
supervise-time-paused = Tijd in pauze
supervise-no-work = Niets in deze periode.
supervise-chart-reach = Opdrachten bereikt binnen 24 uur, per dag
supervise-chart-queue = Wachtende opdrachten, uur per uur
supervise-chart-outcomes = Gespreksresultaten per campagne
supervise-chart-figures = De cijfers
supervise-no-data = Geen gegevens in deze periode
supervise-col-day = Dag
supervise-col-orders = Opdrachten
supervise-col-reached-24h = Bereikt binnen 24 u
supervise-col-share = Aandeel
supervise-col-hour = Uur
