### The agent console and the supervisor dashboard, in German.
###
### Message ids are `console-` and the key the JavaScript asks for, underscores turned
### into hyphens (`t(lang, 'ui_language')` reads `console-ui-language`). The server
### serves this file as /static/i18n/de.json, each id mapped to its text with
### `{ $name }` written back as `{name}`; services/console/assets/i18n.js loads it.
### Keep every message simple and on one line: text and `{ $name }` placeables only (no
### selectors, terms or attributes); write a literal brace as {"{"}.
###
### Wording follows the e-learning course (elearning/console-and-scripts), which teaches
### agents these exact labels: keep them in step when either changes.

## Top bar and status

console-ui-language = Sprache der Konsole
console-training-link = Schulung
console-campaigns-link = Kampagnen
console-orders-link = Anrufaufträge
console-figures-link = Kennzahlen
console-cases-link = Akten
console-import-link = Import
console-change-password = Passwort ändern
console-logout = Abmelden
console-logout-in-call = Ein Gespräch läuft noch. Trotzdem abmelden? Beenden Sie das Gespräch nach Möglichkeit zuerst.
console-status-offline = Nicht bereit
console-status-ready = Bereit
console-status-paused = Pause
console-status-in-call = Im Gespräch
console-status-paused-reason = Pause: { $reason }
console-since = seit { $time }
console-training-line = Schulung: { $passed } von { $total } Kursen bestanden
console-training-none = Schulung: noch kein Kurs erforderlich
console-training-missing = Einige Kampagnen erfordern Kurse, die Sie noch nicht bestanden haben. Sobald Sie diese bestanden haben, erhalten Sie auch deren Anrufe:
console-tab-offer = Neuer Anrufauftrag
console-conn-ok = Verbunden
console-conn-connecting = Verbindung wird hergestellt…
console-conn-lost = Verbindung unterbrochen, neuer Verbindungsversuch…
console-conn-signed-out = Sitzung beendet
console-today = heute
console-dismiss = Ausblenden
console-close = Schließen
console-cancel = Abbrechen

## Ready and pause

console-ready = Bereit
console-pause = Pause
console-pause-reason = Grund der Pause
console-pause-reason-choose = Grund der Pause…
console-pause-choose-reason = Wählen Sie zuerst einen Grund für die Pause.
console-reason-break = Pause
console-reason-meal = Mahlzeit
console-reason-training = Schulung
console-reason-briefing = Teambesprechung
console-reason-technical = Technisches Problem
console-idle-offline = Sie sind nicht auf „Bereit“.
console-idle-offline-help = Setzen Sie Ihr Headset auf und klicken Sie dann auf Bereit (Alt+R), um Anrufe zu erhalten.
console-idle-ready = Bereit: Warten auf den nächsten Anrufauftrag…
console-idle-ready-help = Bevor Sie Ihren Platz verlassen, auch nur für zwei Minuten: Klicken Sie auf Pause (Alt+P) und wählen Sie einen Grund.
console-idle-paused = In Pause.
console-idle-paused-reason = In Pause: { $reason }.
console-idle-paused-help = Klicken Sie auf Bereit (Alt+R), wenn Sie zurück sind.

## Banners

console-pop-title = Eingehender Anruf
console-pop-note = Diese Akten passen zum anrufenden Telefon, nicht unbedingt zur Person, die spricht. Öffnen Sie die richtige Akte und führen Sie immer die Identitätsprüfung durch.
console-pop-none = Keine Akte passt zu dieser Nummer. Suchen Sie über „Neuer eingehender Anruf“.
console-message-from-supervisor = Nachricht von Ihrem Supervisor

## Order card

console-offer-title = Anrufauftrag
console-offer-deadline = Frist
console-offer-language = Sprache
console-offer-attempt = Nummer des Versuchs
console-offer-citizen = Bürger
console-attempt-n = Versuch { $n }
console-in-minutes = in { $m } Min.
console-in-hours = in { $h } Std. { $m }
console-deadline-passed = { $time }, Frist überschritten
console-offer-note = „Anruf starten“ öffnet die Akte: Die Daten des Bürgers werden entschlüsselt und das Öffnen wird mit Ihrem Namen und der Uhrzeit protokolliert.
console-start-call = Anruf starten
console-case-type = Art der Akte
console-case-type-index = Indexfall
console-case-type-contact = Hochrisikokontakt
console-case-status = Status der Akte
console-case-status-open = Offen
console-case-status-in-progress = In Bearbeitung
console-case-status-closed = Abgeschlossen

## Call screen

console-kind-inbound = eingehender Anruf
console-say-missing = Die Akte hat keinen Wert für: { $names }. Lesen Sie „[?]“ nicht vor: fragen Sie die Person oder fahren Sie ohne fort.
console-placeholder-person-first-name = Vorname
console-placeholder-person-last-name = Nachname
console-placeholder-person-birth-date = Geburtsdatum
console-placeholder-person-language = Sprache
console-placeholder-person-postal-code = Postleitzahl
console-placeholder-case-code = Aktennummer
console-placeholder-case-type = Fallart
console-placeholder-case-test-date = Testdatum
console-placeholder-case-exposure-date = Datum des Kontakts
console-placeholder-case-index-case-code = Indexfall
console-placeholder-agent-name = Ihr Name
console-script-language = Sprache des Skripts
console-path = Ablauf
console-hint-label = Nur für Sie – niemals vorlesen
console-next = Weiter
console-next-to-end = Weiter: Ende ({ $outcome })
console-next-waiting = Beantworten Sie zuerst die Fragen dieses Schritts.
console-at-end = Ende des Skripts. Beenden Sie das Gespräch mit dem Ergebnis, das tatsächlich eingetreten ist (Vorschlag: { $outcome }).
console-finish-call = Gespräch beenden
console-citizen-name = Name
console-citizen-birth-date = Geburtsdatum
console-citizen-phone = Telefon
console-citizen-case = Akte
console-citizen-email = E-Mail
console-citizen-national-number = Nationalregisternummer
console-citizen-postal-code = Postleitzahl
console-citizen-language = Sprache
console-case-test-date = Testdatum
console-case-exposure-date = Datum der Exposition
console-case-onset-date = Beginn der Symptome
console-no-fields = In diesem Schritt ist nichts auszufüllen.
console-yes = Ja
console-no = Nein
console-choose = Auswählen…
console-add-item = Hinzufügen
console-remove-item = Entfernen
console-item-n = Nr. { $n }
console-step-n = Schritt { $n }
console-saved = Gespeichert
console-not-saved = Nicht gespeichert: { $message }
console-not-saved-offline = Nicht gespeichert: Verbindung unterbrochen. Die Antwort wird erneut gesendet, sobald die Verbindung wieder besteht.
console-err-not-a-number = Geben Sie eine Zahl ein.

## Finishing

console-outcome = Ergebnis
console-outcome-choose = Ergebnis auswählen…
console-outcome-reached = Erreicht
console-outcome-no-answer = Keine Antwort
console-outcome-busy = Besetzt
console-outcome-voicemail = Mailbox
console-outcome-wrong-number = Falsche Nummer
console-outcome-refused = Abgelehnt
console-outcome-callback = Rückruf
console-outcome-not-applicable = Nicht zutreffend
console-outcome-help-reached = Das Gespräch wurde bis zum Ende des Skripts geführt. Der Auftrag wird abgeschlossen.
console-outcome-help-no-answer = Es hat geklingelt, aber niemand hat abgenommen. Wird später automatisch erneut versucht, innerhalb der Anrufzeiten.
console-outcome-help-busy = Besetztzeichen. Wird automatisch erneut versucht.
console-outcome-help-voicemail = Mailbox: Hinterlassen Sie keine Nachricht zum Grund des Anrufs. Wird automatisch erneut versucht.
console-outcome-help-wrong-number = Die Nummer gehört jemandem, der die Person nicht kennt. Der Auftrag endet.
console-outcome-help-refused = Die Person hat den Anruf abgelehnt oder das Gespräch abgebrochen. Der Auftrag wird abgeschlossen. Drängen Sie nicht.
console-outcome-help-callback = Ein mit jemandem vereinbarter Zeitpunkt. Der Auftrag kommt zu diesem Zeitpunkt zurück.
console-outcome-help-not-applicable = Die Identität konnte nicht bestätigt werden, oder es gibt keine Akte. Informieren Sie Ihren Supervisor.
console-callback-at = Rückruf am
console-callback-help = Das mit dem Bürger vereinbarte Datum und die Uhrzeit. Der Zeitpunkt muss in der Zukunft liegen.
console-callback-required = Geben Sie das für den Rückruf vereinbarte Datum und die Uhrzeit ein.
console-callback-future = Der Zeitpunkt des Rückrufs muss in der Zukunft liegen.
console-finish-choose-outcome = Wählen Sie das Ergebnis des Anrufs.
console-confirm-finish = Gespräch beenden
console-call-finished = Gespräch beendet.
console-call-finished-due = Gespräch beendet. Der Auftrag kommt zurück: { $time }.
console-finish-call-first = Beenden Sie zuerst das laufende Gespräch.

## Inbound calls

console-inbound = Neuer eingehender Anruf
console-search-label = Telefon, Nationalregisternummer, Aktencode, Geburtsdatum oder Name
console-search = Suchen
console-search-help = Vergleichen Sie die Ergebnisse stillschweigend mit den Angaben des Anrufers. Lesen Sie sie niemals vor.
console-searching = Suche läuft…
console-no-results = Keine Akte gefunden.
console-results-n = Ergebnisse: { $n }
console-matched = gefunden über { $what }
console-matched-case-code = Aktencode
console-matched-national-number = Nationalregisternummer
console-matched-phone = Telefon
console-matched-birth-date = Geburtsdatum
console-matched-name = Name
console-matched-prefix = Namensanfang
console-matched-phonetic = ähnlichen Namen
console-open-case = Akte öffnen
console-open-reason-note = Das Öffnen einer Akte wird mit Ihrem Namen und dem Grund „eingehender Anruf“ protokolliert. Öffnen Sie sie nur, wenn Sie sicher sind, dass sie zum Anrufer gehört.
console-open-reason-inbound-call = eingehender Anruf
console-open-reason-call-order = Anrufauftrag
console-open-reason-follow-up = Nachverfolgung
console-open-reason-inbound = eingehender Anruf
console-open-reason-screen-pop = Anzeige bei eingehendem Anruf
console-open-reason-break-glass = Notfallzugriff
console-identity-first = Zuerst die Identitätsprüfung: Teilen Sie vorher nichts aus der Akte mit.
console-history = Aktenverlauf
console-history-note = Zum Verständnis der Lage. Nicht vorlesen.
console-history-none = Keine früheren Ereignisse.
console-hist-call = Anruf: { $outcome }
console-hist-opened = Akte geöffnet ({ $reason })
console-hist-status = Status: { $status }
console-hist-case-created = Akte angelegt
console-hist-case-merged = Akten zusammengeführt
console-hist-case-purged = Personenbezogene Daten gelöscht
console-hist-order-reassigned = Auftrag einem anderen Agenten zugewiesen
console-hist-order-cancelled = Auftrag storniert
console-hist-order-raised = Dringlichkeit des Auftrags erhöht
console-start-inbound = Eingehenden Anruf starten
console-inbound-script = Skript
console-waiting-order = Für diese Person wartet ein Anruf in { $campaign } (bisherige Versuche: { $n }).
console-complete-interview = Dieses Gespräch jetzt führen

## Breaking the glass (an open the server finds no purpose for)

console-break-glass-title = Notfallzugriff nutzen?
console-break-glass-refused = Nichts Protokolliertes gibt Ihnen einen Grund, diese Akte zu öffnen: Sie führen dazu kein Gespräch, und keine Ihrer Suchen und kein eingehender Anruf hat Sie in den letzten Minuten dorthin geführt.
console-break-glass-explain = Im Notfall können Sie sie trotzdem öffnen. Diese Öffnung wird mit Ihrem Namen und Ihrer Begründung protokolliert, und Ihre Supervisoren werden sofort informiert.
console-break-glass-justification = Warum müssen Sie diese Akte jetzt öffnen?
console-break-glass-count = { $n } Zeichen (mindestens { $min })
console-break-glass-too-short = Schreiben Sie mindestens { $min } Zeichen: warum diese Akte, und warum jetzt.
console-break-glass-confirm = Trotzdem öffnen

## Help

console-help-title = Tastenkürzel
console-key-ready = Bereit
console-key-pause = Pause (Grund auswählen)
console-key-next = Nächster Schritt
console-key-back = Vorheriger Schritt
console-key-finish = Gespräch beenden
console-key-inbound = Neuer eingehender Anruf
console-key-language = Sprache des Skripts wechseln
console-key-help = Diese Tastenkürzel ein- oder ausblenden
console-help-note = Lernen Sie zuerst Alt+N, Alt+B und Alt+L: Diese brauchen Sie bei jedem Gespräch.

## Language names

console-lang-fr = Französisch
console-lang-nl = Niederländisch
console-lang-en = Englisch
console-lang-de = Deutsch

## Errors from the server

console-err-disconnected = Keine Verbindung: Es wurde nichts gesendet. Versuchen Sie es erneut, sobald die Verbindung wieder besteht.
console-err-conflict = Im Moment nicht möglich
console-err-forbidden = Für Ihre Rolle nicht erlaubt
console-err-cooldown = Bitte warten Sie einen Moment, bevor Sie es erneut versuchen
console-err-invalid = Unvollständige oder ungültige Anfrage
console-err-validation = Einige Antworten fehlen oder sind falsch
console-err-too-large = Zu viel Text
console-err-internal = Serverfehler. Versuchen Sie es erneut und informieren Sie Ihren Supervisor, wenn der Fehler weiterhin auftritt
console-err-unavailable = Die Datenbank ist kurz nicht erreichbar: nichts ist verloren. Versuchen Sie es in einigen Sekunden erneut
console-err-generic = Etwas ist schiefgelaufen
console-err-purpose-refused = Nichts Protokolliertes gibt Ihnen einen Grund, diese Akte zu öffnen

## Supervisor dashboard

console-dashboard-title = Supervision
console-campaigns = Kampagnen
console-agents = Agenten
console-col-campaign = Kampagne
console-col-status = Status
console-col-waiting = Wartend
console-col-in-progress = In Bearbeitung
console-col-done = Erledigt
console-col-reach-rate = Erreichungsquote
console-col-at-risk = Gefährdet
console-col-at-risk-help = Aufträge kurz vor ihrer Frist
console-col-actions = Aktionen
console-col-agent = Agent
console-col-team = Team
console-col-since = Zeit im Status
console-campaign-status-draft = Entwurf
console-campaign-status-running = Läuft
console-campaign-status-paused = Pausiert
console-campaign-status-closed = Geschlossen
console-campaign-status-finished = Beendet
console-launch = Starten
console-resume = Fortsetzen
console-pause-campaign = Pausieren
console-updated-at = Aktualisiert um { $time }
console-no-campaigns = Keine Kampagnen.
console-no-agents = Keine Agenten.
console-waiting-by-language = Wartende Aufträge nach Sprache
console-no-waiting = Keine wartenden Aufträge.
console-send-message-title = Nachricht an einen Agenten
console-agent = Agent
console-message = Nachricht
console-send = Senden
console-choose-agent = Agenten auswählen…
console-choose-agent-first = Wählen Sie zuerst einen Agenten.
console-message-length = Schreiben Sie eine Nachricht mit 1 bis { $max } Zeichen.
console-message-sent = Nachricht an { $name } um { $time } gesendet.
console-reassign-title = Auftrag neu zuweisen
console-order-number = Auftragsnummer
console-to-agent = An Agenten
console-reassign = Neu zuweisen
console-order-number-invalid = Geben Sie eine Auftragsnummer ein.
console-reassigned = Auftrag { $order } an { $name } zugewiesen.

## Supervisor alerts (push `alert`); ordinals by Intl.PluralRules category

console-alerts = Meldungen
console-alerts-note = Agenten Ihres Teams, die den Notfallzugriff nutzen oder von der Suchgrenze gestoppt werden, seit diese Seite geöffnet ist.
console-no-alerts = Keine Meldungen.
console-alert-break-glass = { $name } hat die Akte { $code } per Notfallzugriff geöffnet ({ $nth } Mal heute)
console-alert-break-glass-plain = { $name } hat die Akte { $code } per Notfallzugriff geöffnet
console-alert-search-limited = { $name } wurde von der Suchgrenze gestoppt
console-alert-over-limit = über der Tagesgrenze
console-ordinal-one = { $n }.
console-ordinal-two = { $n }.
console-ordinal-few = { $n }.
console-ordinal-other = { $n }.

console-status-wrap-up = Nachbearbeitung
console-call-timer = Dauer dieses Gesprächs
console-wrapup-title = Nachbearbeitung des Gesprächs
console-wrapup-left = Nächster Anrufauftrag in { $time }
console-wrapup-over = Die Zeit ist abgelaufen: Der nächste Anrufauftrag kommt.
console-wrapup-note = Notiz für die Person, die diese Akte als Nächstes öffnet (optional)
console-wrapup-note-help = Was die nächste Person wissen muss: wann zurückrufen, eine Sprache, eine Schwierigkeit. Nicht die Antworten: Sie stehen im Formular.
console-wrapup-save = Notiz speichern
console-wrapup-saved = Notiz gespeichert.
console-wrapup-unsaved = Noch nicht gespeichert.
console-wrapup-ready = Bereit für das nächste Gespräch
console-notes-title = Notizen früherer Gespräche
console-idle-badge = untätig, Arbeit wartet
console-idle-alert = { $n ->
    [one] Eine Person ist bereit, aber untätig, während Aufträge warten: { $names }.
   *[other] { $n } Personen sind bereit, aber untätig, während Aufträge warten: { $names }.
}
console-register-open = Der Anrufer hat keine Akte: registrieren
console-register-title = Den Anrufer registrieren
console-register-help = Nur wenn keine Suche ihn findet. Wer schon erfasst ist (gleiche Nationalregisternummer oder Telefonnummer), wird nicht doppelt registriert: Seine Akte öffnet sich.
console-reg-case-type = Diese Person ist
console-reg-type-contact = Ein Kontakt einer positiven Person
console-reg-type-index = Selbst positiv getestet
console-reg-last-name = Nachname
console-reg-first-name = Vorname
console-reg-birth-date = Geburtsdatum
console-reg-phone = Telefon
console-reg-national-number = Nationalregisternummer
console-reg-email = E-Mail
console-reg-postal-code = Postleitzahl
console-reg-language = Sprache
console-reg-exposure-date = Datum des Kontakts
console-reg-test-date = Datum des positiven Tests
console-register-submit = Registrieren und Akte öffnen
console-register-check = zu korrigieren
console-docs-title = Dokumente
console-docs-loading = Die Dokumente der Akte werden gesucht…
console-docs-none = Für diese Akte wurde noch kein Dokument ausgestellt.
console-docs-valid = gültig vom { $from } bis zum { $until }
console-docs-in-force = Gültig
console-docs-revoked = Widerrufen
console-docs-download = PDF herunterladen
console-docs-email = Per E-Mail senden
console-docs-kind = Dokument
console-docs-kind-quarantine-certificate = Quarantänebescheinigung
console-docs-kind-test-prescription = Testverschreibung
console-docs-language = Sprache
console-docs-lang-fr = Französisch
console-docs-lang-nl = Niederländisch
console-docs-lang-de = Deutsch
console-docs-lang-en = Englisch
console-docs-issue = Ausstellen
console-docs-issued = Ausgestellt. Ein zuvor ausgestelltes Dokument derselben Art ist als ersetzt widerrufen.
console-docs-emailed = An die bekannte Adresse gesendet, mit einem Einmal-Link zur Seite des Bürgers.
console-docs-no-email = Keine E-Mail-Adresse bekannt: laden Sie das Dokument herunter und übergeben Sie es anders.
console-docs-mail-off = Dieses Zentrum versendet keine E-Mails: laden Sie das Dokument herunter.
console-docs-network = Der Server ist nicht erreichbar.
console-docs-failed = Das hat nicht funktioniert.
console-open-request = Die Anfrage öffnen
console-request-notice-mention = Sie wurden in Anfrage { $ref } erwähnt
console-request-notice-reminder = Anfrage { $ref } nähert sich ihrer Frist
console-request-notice-escalation = Anfrage { $ref } hat ihre Frist überschritten
console-request-notice-assigned = Anfrage { $ref } wurde Ihnen zugewiesen
