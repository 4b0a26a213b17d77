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
