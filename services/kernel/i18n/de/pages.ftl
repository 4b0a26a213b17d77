# pages.ftl: Server-rendered pages: home, login, console and dashboard titles, exports. German (de).

# Navigation and page titles
pages-home = Startseite
pages-console = Konsole
pages-dashboard = Dashboard
pages-training = Schulung
pages-training-progress = Schulungsfortschritt
pages-exports = Exporte

# Home page and login form (console/templates/home.html)
pages-welcome = Willkommen
pages-logged-in-as = Angemeldet als
pages-team = Team
pages-log-out = Abmelden
pages-log-in = Anmelden
pages-language = Sprache
pages-login-failed = Falsche E-Mail-Adresse oder falsches Passwort.
pages-login-locked = Zu viele Fehlversuche: versuchen Sie es in { $secs } Sekunden erneut.
pages-login-unavailable = Der Dienst erreicht seine Datenbank gerade nicht: versuchen Sie es gleich noch einmal.
pages-email = E-Mail
pages-password = Passwort

# Exports page (exporter/templates/exports.html)
pages-exports-heading = Exporte an das Institut für öffentliche Gesundheit
pages-exports-public-key = Öffentlicher Schlüssel (Ed25519, base64), der die Tracecall-Signature jeder Übermittlung prüft:
pages-exports-target = Übermittlungen gehen an
pages-exports-no-target = Es ist kein Übermittlungsziel konfiguriert: Exporte werden hier zum Herunterladen aufbewahrt.
pages-exports-run-heading = Export ausführen
pages-exports-dataset = Datensatz
pages-exports-day = Tag
pages-exports-deliver = Übermitteln
pages-exports-correct = Korrektur (neue Version eines bereits exportierten Tages)
pages-exports-run = Ausführen
pages-exports-run-done = Erstellt.
pages-exports-run-failed = Fehlgeschlagen.
pages-exports-past = Bisherige Exporte
pages-exports-status = Status
pages-exports-attempts = Versuche
pages-exports-built = Erstellt
pages-exports-files = Dateien
pages-exports-ledger = Protokoll
pages-exports-manifest = Manifest

# An export's status (the values of exports.status)
pages-exports-status-built = erstellt
pages-exports-status-pending = ausstehend
pages-exports-status-delivered = übermittelt
pages-exports-status-failed = fehlgeschlagen

# Problem details of kernel::Error (kernel/src/error.rs), shown by the pages' scripts
pages-problem-unauthenticated = melden Sie sich zuerst an: keine gültige Sitzung und kein gültiges Token
pages-problem-forbidden = Ihre Rolle erlaubt dies nicht
pages-problem-not-found = { $what } nicht gefunden
pages-problem-invalid = { $count } Feld(er) ungültig
pages-problem-too-many-attempts = zu viele fehlgeschlagene Versuche; versuchen Sie es später erneut
pages-problem-internal = ein interner Fehler ist aufgetreten; er wurde protokolliert

## Error pages (kernel templates/error.html)
pages-error-code = Fehlercode
pages-error-home = Zur Startseite
pages-error-not-found-title = Seite nicht gefunden
pages-error-not-found-text = Diese Seite gibt es nicht oder nicht mehr. Prüfen Sie die Adresse oder beginnen Sie auf der Startseite neu.
pages-error-forbidden-title = Nicht für Ihre Rolle
pages-error-forbidden-text = Ihre Rolle öffnet diese Seite nicht. Wenn Sie sie brauchen, fragen Sie Ihre Supervisorin, Ihren Supervisor oder eine Administration.
pages-error-too-many-title = Zu viele Anfragen
pages-error-too-many-text = Zu viele Anfragen in kurzer Zeit. Warten Sie einen Moment und versuchen Sie es erneut.
pages-error-unavailable-title = Dienst nicht verfügbar
pages-error-unavailable-text = Der Dienst erreicht seine Datenbank gerade nicht. Versuchen Sie es gleich noch einmal.
pages-error-internal-title = Etwas ist schiefgegangen
pages-error-internal-text = Der Server konnte diese Seite nicht anzeigen. Versuchen Sie es erneut; passiert es wieder, informieren Sie das technische Team.
pages-error-bad-request-title = Anfrage nicht verstanden
pages-error-bad-request-text = Die Adresse oder das Gesendete ist nicht gültig. Beginnen Sie auf der Startseite neu.
pages-verify-title = Eine Bescheinigung oder eine Verschreibung prüfen
pages-verify-intro = Scannen Sie den QR-Code mit einem Lesegerät oder fügen Sie den Code ein, der mit TC1: beginnt. Die Prüfung erfolgt in diesem Browser mit den Schlüsseln, die mit dieser Seite kamen; sie funktioniert ohne Verbindung.
pages-verify-code = Code des Dokuments
pages-verify-code-help = Vergleichen Sie Namen und Geburtsdatum mit einem Ausweisdokument.
pages-verify-check = Prüfen
pages-verify-state-valid = Gültig
pages-verify-state-invalid = Nicht gültig
pages-verify-state-revoked = Widerrufen: Dieses Dokument gilt nicht mehr
pages-verify-state-expired = Abgelaufen
pages-verify-state-not-yet = Noch nicht gültig
pages-verify-holder = Inhaber
pages-verify-birth-date = Geburtsdatum
pages-verify-kind = Dokument
pages-verify-period = Gültig
pages-verify-issuer = Ausgestellt von
pages-verify-document = Nummer
pages-verify-reason = Warum
pages-verify-why-not-ours = Dies ist kein tracecall-Code (er muss mit TC1: beginnen).
pages-verify-why-unreadable = Der Code ist beschädigt oder unvollständig.
pages-verify-why-unknown-key = Der Code wurde nicht mit einem Schlüssel dieses Dienstes signiert.
pages-verify-why-bad-signature = Die Signatur stimmt nicht: Der Code wurde verändert.
pages-verify-kind-quarantine-certificate = Quarantänebescheinigung
pages-verify-kind-test-prescription = Testverschreibung
pages-verify-revocation-offline = Keine Verbindung: Ein Widerruf konnte nicht abgefragt werden.
pages-verify-revocation-checked = Nicht widerrufen (soeben abgefragt).
pages-mine-title = Ihre Dokumente
pages-mine-intro = Diese Seite zeigt die Bescheinigungen und Verschreibungen, die das Kontaktzentrum für Sie ausgestellt hat. Der Link in Ihrer E-Mail öffnet sie ein einziges Mal; danach bleibt sie { $minutes } Minuten offen.
pages-mine-open = Meine Dokumente anzeigen
pages-mine-none = Für Sie wurde kein Dokument ausgestellt.
pages-mine-period = Gültig vom { $from } bis zum { $until }
pages-mine-in-force = Gültig
pages-mine-revoked = Widerrufen: nicht mehr gültig
pages-mine-download = Herunterladen (PDF)
pages-mine-check = Wem Sie ein Dokument zeigen, kann es unter { $verify } prüfen.
pages-mine-visit = Zum Schutz Ihrer Privatsphäre schließt sich diese Seite nach { $minutes } Minuten.
pages-mine-gone-title = Dieser Link kann nicht mehr verwendet werden
pages-mine-gone = Ein Link zu Ihren Dokumenten öffnet sich ein einziges Mal, innerhalb von { $hours } Stunden. Bitten Sie das Kontaktzentrum, Ihnen einen neuen zu senden.
pages-mine-ended-title = Ihr Besuch ist beendet
pages-mine-ended = Zum Schutz Ihrer Privatsphäre bleibt die Seite Ihrer Dokumente nur kurz offen. Bitten Sie das Kontaktzentrum, Ihnen einen neuen Link zu senden.
pages-mail-document-subject = Ihr Dokument: { $title }
pages-mail-document-hello = Guten Tag,
pages-mail-document-attached = Im Anhang finden Sie Ihr Dokument „{ $title }“, gültig vom { $from } bis zum { $until }.
pages-mail-document-link = Sie können Ihre Dokumente auch einmal unter dieser Adresse ansehen und herunterladen, innerhalb von { $hours } Stunden: { $link }
pages-mail-document-verify = Wem Sie das Dokument zeigen, kann es unter { $verify } prüfen.
pages-mail-document-auto = Diese Nachricht wurde automatisch versendet; Antworten werden nicht gelesen. Bei Fragen rufen Sie das Kontaktzentrum an.
pages-mail-request-subject = [{ $ref }] Wir haben Ihre Anfrage erhalten: { $topic }
pages-mail-request-hello = Guten Tag,
pages-mail-request-received = Wir haben Ihre Anfrage zu „{ $topic }“ erhalten. Ihre Referenz lautet { $ref }.
pages-mail-request-when = Sie erhalten innerhalb von { $hours } Stunden eine erste Antwort.
pages-mail-request-reply = Möchten Sie etwas ergänzen, antworten Sie auf diese Nachricht: Ihre Antwort wird derselben Anfrage zugeordnet.
pages-mail-request-auto = Diese Nachricht wurde automatisch versendet. Das Kontaktzentrum
pages-mail-request-reply-subject = [{ $ref }] Antwort auf Ihre Anfrage
