# supervise.ftl: The supervisor's pages (campaigns templates/campaigns.html, orders.html):
# the campaign builder with its list of campaigns, and the order list. German (de).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('save_draft')` reads `supervise-save-draft`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation
supervise-nav-label = Supervision
supervise-nav-dashboard = Dashboard
supervise-nav-campaigns = Kampagnen
supervise-nav-orders = Anrufaufträge
supervise-nav-training = Schulung
supervise-nav-password = Mein Passwort ändern
supervise-loading = Wird geladen…
supervise-back = Zurück

## The campaign list
supervise-campaigns-title = Kampagnen
supervise-list-heading = Ihre Kampagnen
supervise-col-name = Kampagne
supervise-col-status = Status
supervise-col-script = Skript
supervise-col-target = Wer angerufen wird
supervise-col-waiting = Noch anzurufen
supervise-col-done = Erledigt
supervise-col-actions = Aktionen
supervise-no-campaigns = Noch keine Kampagne: Legen Sie unten die erste an.
supervise-status-draft = Entwurf
supervise-status-running = Läuft
supervise-status-paused = Pausiert
supervise-status-completed = Beendet
supervise-status-cancelled = Abgebrochen
supervise-edit = Bearbeiten
supervise-launch = Starten
supervise-resume = Fortsetzen
supervise-pause = Pausieren
supervise-complete = Beenden
supervise-cancel = Abbrechen
supervise-clone = Duplizieren
supervise-codes-count = Aufgelistete Akten: { $n }
supervise-launched = Die Kampagne { $name } läuft. Anrufaufträge: { $n }.
supervise-done-pause = Die Kampagne { $name } ist pausiert, ihre Aufträge werden nicht mehr angeboten.
supervise-done-complete = Die Kampagne { $name } ist beendet.
supervise-done-cancel = Die Kampagne { $name } ist abgebrochen, ebenso alle Aufträge, deren Anruf noch aussteht.
supervise-confirm-complete-title = { $name } beenden?
supervise-confirm-complete-text = Die restlichen Aufträge werden nicht mehr angeboten. Eine beendete Kampagne kann nicht fortgesetzt werden.
supervise-confirm-cancel-title = { $name } abbrechen?
supervise-confirm-cancel-text = Alle Aufträge, deren Anruf noch aussteht, werden storniert. Dies kann nicht rückgängig gemacht werden.

## The builder
supervise-builder-new = Neue Kampagne
supervise-builder-edit = Entwurf { $name } bearbeiten
supervise-builder-clone = Neue Kampagne, kopiert von { $name }
supervise-copy-of = { $name } (Kopie)
supervise-part-what = Name und Zweck
supervise-name = Name
supervise-purpose = Zweck (für das Team; auch die Agenten sehen ihn)
supervise-part-script = Skript
supervise-script = Skript, dem die Agenten folgen
supervise-release = Version
supervise-script-written-for = Geschrieben für: { $types }.
supervise-script-any-type = Für jede Art von Akte geschrieben.
supervise-preview = Vorschau des Skripts, wie die Agenten es sehen werden
supervise-preview-language = Sprache der Vorschau
supervise-preview-missing = (kein { $lang }-Text: Die Agenten würden eine andere Sprache sehen)
supervise-part-target = Wer angerufen wird
supervise-case-type = Art der Akte
supervise-case-type-contact = Hochrisikokontakte
supervise-case-type-index = Indexfälle (positiv getestet)
supervise-case-type-any = Jede Art
supervise-override = Dieses Skript trotzdem verwenden, auch für Akten, für die es nicht geschrieben ist (wird im Audit-Protokoll festgehalten)
supervise-regions = Provinzen
supervise-none-is-all = (keine angekreuzt: alle)
supervise-statuses = Status der Akte
supervise-status-open = Offen
supervise-status-in-progress = In Bearbeitung
supervise-status-closed = Abgeschlossen
supervise-age-bands = Altersgruppen
supervise-created-from = Erfasst ab
supervise-created-to = Erfasst bis
supervise-case-codes = Nur diese Akten (Aktenzeichen)
supervise-case-codes-note = Ein Aktenzeichen pro Zeile oder durch Kommas getrennt. Leer lassen, um jede Akte anzurufen, die den Kriterien oben entspricht.
supervise-case-codes-file = Oder laden Sie eine Liste hoch (CSV oder Text, eine Spalte namens code oder die erste Spalte):
supervise-codes-read = Aus { $file } gelesene Aktenzeichen: { $n }.
supervise-count = Personen, die diese Kampagne jetzt anrufen würde: { $n }.
supervise-count-unknown = Noch nicht zählbar: { $why }
supervise-part-when = Wann und wie oft
supervise-any-time = Jederzeit anrufen (keine Anrufzeitfenster)
supervise-week-closed = keine Anrufe
supervise-week-copy-monday = Für jeden Wochentag dieselben Zeitfenster wie am Montag
supervise-week-empty = Kein Tag hat ein Anrufzeitfenster: Fügen Sie eines hinzu oder kreuzen Sie „Jederzeit anrufen“ an.
supervise-window-add = Zeitfenster hinzufügen
supervise-window-add-to = Zeitfenster am { $day } hinzufügen
supervise-window-from = { $day }, Zeitfenster { $n }, von
supervise-window-to = { $day }, Zeitfenster { $n }, bis
supervise-window-remove = Zeitfenster { $n } am { $day } entfernen
supervise-window-of = { $day }, Zeitfenster { $n }
supervise-line = Zeile { $n }
supervise-day-mon = Montag
supervise-day-tue = Dienstag
supervise-day-wed = Mittwoch
supervise-day-thu = Donnerstag
supervise-day-fri = Freitag
supervise-day-sat = Samstag
supervise-day-sun = Sonntag
supervise-deadline-hours = Jede Akte erreichen innerhalb von (Stunden nach ihrer Erfassung)
supervise-max-attempts = Versuche, bevor aufgegeben wird
supervise-retry-no-answer = Erneuter Versuch, wenn niemand antwortet (Minuten)
supervise-retry-busy = Erneuter Versuch bei besetzter Leitung (Minuten)
supervise-retry-voicemail = Erneuter Versuch nach Mailbox (Minuten)
supervise-time-zone = Zeitzone der Zeitfenster
supervise-holidays = Tage, an denen niemand angerufen wird (YYYY-MM-DD, durch Kommas getrennt)
supervise-part-who = Wer anruft
supervise-teams = Teams
supervise-teams-none = (keines angekreuzt: alle Teams, national)
supervise-languages = Bediente Sprachen
supervise-courses = Kurse, die die Agenten bestanden haben müssen
supervise-no-courses = Es ist kein Kurs veröffentlicht.
supervise-save-draft = Entwurf speichern
supervise-save-changes = Änderungen speichern
supervise-save-launch = Speichern und starten
supervise-start-over = Neue Kampagne
supervise-saved = Die Kampagne { $name } ist als Entwurf gespeichert.
supervise-saved-launched = Die Kampagne { $name } ist gespeichert und gestartet.

## The order list
supervise-orders-title = Anrufaufträge
supervise-filters = Aufträge filtern
supervise-all = Alle
supervise-col-order = Auftrag
supervise-col-campaign = Kampagne
supervise-col-case = Akte
supervise-col-language = Sprache
supervise-col-state = Zustand
supervise-col-attempts = Versuche
supervise-col-agent = Agent
supervise-col-deadline = Frist
supervise-at-risk-only = Nur gefährdete Aufträge (Frist innerhalb von 2 Stunden)
supervise-apply = Anzeigen
supervise-at-risk = gefährdet
supervise-orders-more = Es passen weitere Aufträge: Grenzen Sie die Filter ein, um sie zu sehen.
supervise-no-orders = Kein Auftrag passt zu diesen Filtern.
supervise-state-open = Wartend
supervise-state-leased = Bei einem Agenten
supervise-state-done = Erledigt
supervise-state-cancelled = Storniert
supervise-kept-for = reserviert für { $name }
supervise-reassign = Neu zuweisen
supervise-raise = Vorziehen
supervise-reassign-order = Auftrag { $id } neu zuweisen
supervise-raise-order = Auftrag { $id } in der Warteschlange vorziehen
supervise-cancel-order = Auftrag { $id } stornieren
supervise-to-agent = An Agenten
supervise-raise-by = Vorziehen um
supervise-done-reassign-order = Auftrag { $id } ist jetzt { $agent } zugewiesen.
supervise-done-raise-order = Auftrag { $id } wurde in der Warteschlange vorgezogen.
supervise-done-cancel-order = Auftrag { $id } ist storniert.

## Call outcomes
supervise-outcome-reached = erreicht
supervise-outcome-no-answer = keine Antwort
supervise-outcome-busy = besetzt
supervise-outcome-voicemail = Mailbox
supervise-outcome-wrong-number = falsche Nummer
supervise-outcome-refused = abgelehnt
supervise-outcome-callback = Rückruf vereinbart
supervise-outcome-not-applicable = nicht zutreffend

## Field problems (the `code` of the API's field errors)
supervise-error-required = Pflichtfeld.
supervise-error-invalid = In dieser Form nicht akzeptiert.
supervise-error-out-of-range = Außerhalb des zulässigen Bereichs.
supervise-error-unknown-team = Dieses Team gibt es nicht (mehr). Laden Sie die Seite neu.
supervise-error-unknown-script = Dieses Skript hat keine veröffentlichte Version.
supervise-error-script-kind = Dieses Skript ist für eingehende Anrufe; eine Kampagne führt ausgehende Anrufe.
supervise-error-script-mismatch = Das Skript ist nicht für diese Akten geschrieben: Wählen Sie ein anderes Skript, schränken Sie die Art der Akte ein oder kreuzen Sie „Dieses Skript trotzdem verwenden“ an.
supervise-error-invalid-code = Kein Aktenzeichen (prüfen Sie es auf Tippfehler).
supervise-error-too-many = Zu viele Aktenzeichen für eine Liste (höchstens 10.000).
supervise-error-empty-window = Das Zeitfenster endet, bevor es beginnt.
supervise-error-invalid-time = Schreiben Sie eine Uhrzeit als HH:MM.
supervise-error-invalid-date = Schreiben Sie ein Datum als YYYY-MM-DD.
supervise-error-unknown-weekday = Unbekannter Wochentag.
supervise-error-unknown-time-zone = Unbekannte Zeitzone (zum Beispiel Europe/Brussels).

## Refusals (problem slugs), and what else can go wrong
supervise-problem-validation = Einige Felder müssen korrigiert werden.
supervise-problem-unauthenticated = Ihre Sitzung ist beendet. Melden Sie sich erneut an.
supervise-problem-forbidden = Ihre Rolle erlaubt dies nicht.
supervise-problem-not-found = Nicht gefunden: Es hat sich vielleicht inzwischen geändert. Laden Sie die Seite neu.
supervise-problem-conflict = Im aktuellen Zustand nicht möglich (er hat sich vielleicht inzwischen geändert).
supervise-problem-internal = Serverfehler. Versuchen Sie es erneut; wenn es weiter auftritt, informieren Sie das technische Team.
supervise-problem-network = Keine Verbindung zum Server. Prüfen Sie das Netzwerk und versuchen Sie es erneut.
supervise-problem-generic = Das hat nicht geklappt.

## Figures and charts (console templates/figures.html)
supervise-nav-figures = Kennzahlen
supervise-figures-title = Kennzahlen und Diagramme
supervise-period = Zeitraum
supervise-period-from = Von
supervise-period-to = Bis (einschließlich)
supervise-period-today = Heute
supervise-period-week = Letzte 7 Tage
supervise-period-day = Kennzahlen vom { $day }.
supervise-period-days = Kennzahlen vom { $from } bis { $to }.
supervise-teams-heading = Pro Team
supervise-agents-heading = Pro Agent
supervise-national = National (ohne Team)
supervise-col-who = Wer
supervise-col-calls = Anrufe
supervise-col-reach = Erreicht
supervise-col-handling-median = Bearbeitungszeit (Median)
supervise-col-handling-p90 = Bearbeitungszeit (90. Perzentil)
supervise-time-ready = Zeit bereit
supervise-time-in-call = Zeit im Gespräch
supervise-time-wrap-up = Zeit in Nachbearbeitung
supervise-time-paused = Zeit in Pause
supervise-no-work = Nichts in diesem Zeitraum.
supervise-chart-reach = Innerhalb von 24 Stunden erreichte Aufträge, pro Tag
supervise-chart-queue = Wartende Aufträge, Stunde für Stunde
supervise-chart-outcomes = Anrufergebnisse pro Kampagne
supervise-chart-figures = Die Zahlen
supervise-no-data = Keine Daten in diesem Zeitraum
supervise-col-day = Tag
supervise-col-orders = Aufträge
supervise-col-reached-24h = Erreicht in 24 Std.
supervise-col-share = Anteil
supervise-col-hour = Stunde
