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
