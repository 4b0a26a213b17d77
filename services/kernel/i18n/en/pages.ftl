# pages.ftl: Server-rendered pages: home, login, console and dashboard titles, exports. English (en).

# Navigation and page titles
pages-home = Home
pages-console = Console
pages-dashboard = Dashboard
pages-training = Training
pages-training-progress = Training progress
pages-exports = Exports

# Home page and login form (console/templates/home.html)
pages-welcome = Welcome
pages-logged-in-as = Logged in as
pages-team = team
pages-log-out = Log out
pages-log-in = Log in
pages-language = Language
pages-login-failed = Wrong e-mail address or password.
pages-login-locked = Too many failed attempts: try again in { $secs } seconds.
pages-login-unavailable = The service cannot reach its database just now: try again in a moment.
pages-email = Email
pages-password = Password

# Exports page (exporter/templates/exports.html)
pages-exports-heading = Exports to the public-health institute
pages-exports-public-key = Public key (Ed25519, base64) that verifies every delivery's Tracecall-Signature:
pages-exports-target = Deliveries go to
pages-exports-no-target = No delivery target is configured: exports are kept here for download.
pages-exports-run-heading = Run an export
pages-exports-dataset = Dataset
pages-exports-day = Day
pages-exports-deliver = Deliver
pages-exports-correct = Correction (next version of a day already exported)
pages-exports-run = Run
pages-exports-run-done = Built.
pages-exports-run-failed = Failed.
pages-exports-past = Past exports
pages-exports-status = Status
pages-exports-attempts = Attempts
pages-exports-built = Built
pages-exports-files = Files
pages-exports-ledger = ledger
pages-exports-manifest = manifest

# An export's status (the values of exports.status)
pages-exports-status-built = built
pages-exports-status-pending = pending
pages-exports-status-delivered = delivered
pages-exports-status-failed = failed

# Problem details of kernel::Error (kernel/src/error.rs), shown by the pages' scripts
pages-problem-unauthenticated = log in first: no valid session or token
pages-problem-forbidden = your role does not allow this
pages-problem-not-found = { $what } not found
pages-problem-invalid = { $count } field(s) are invalid
pages-problem-too-many-attempts = too many failed attempts; try again later
pages-problem-internal = an internal error occurred; it has been logged

## Error pages (kernel templates/error.html)
pages-error-code = Error code
pages-error-home = Go to the home page
pages-error-not-found-title = Page not found
pages-error-not-found-text = This page does not exist, or no longer does. Check the address, or start again from the home page.
pages-error-forbidden-title = Not for your role
pages-error-forbidden-text = Your role does not open this page. If you need it, ask your supervisor or an administrator.
pages-error-too-many-title = Too many requests
pages-error-too-many-text = Too many requests in a short time. Wait a moment and try again.
pages-error-unavailable-title = Service unavailable
pages-error-unavailable-text = The service cannot reach its database just now. Try again in a moment.
pages-error-internal-title = Something went wrong
pages-error-internal-text = The server could not show this page. Try again; if it keeps happening, tell the technical team.
pages-error-bad-request-title = Request not understood
pages-error-bad-request-text = The address or what was sent is not valid. Start again from the home page.
pages-verify-title = Check a certificate or a prescription
pages-verify-intro = Scan the QR code with a scanner, or paste the code that starts with TC1:. The check happens in this browser with the keys this page came with; it works without a connection.
pages-verify-code = Code of the document
pages-verify-code-help = Compare the name and the birth date with an identity document.
pages-verify-check = Check
pages-verify-state-valid = Valid
pages-verify-state-invalid = Not valid
pages-verify-state-revoked = Revoked: this document no longer holds
pages-verify-state-expired = Expired
pages-verify-state-not-yet = Not valid yet
pages-verify-holder = Holder
pages-verify-birth-date = Birth date
pages-verify-kind = Document
pages-verify-period = Valid
pages-verify-issuer = Issued by
pages-verify-document = Number
pages-verify-reason = Why
pages-verify-why-not-ours = This is not a tracecall code (it must start with TC1:).
pages-verify-why-unreadable = The code is damaged or incomplete.
pages-verify-why-unknown-key = The code was not signed with a key of this service.
pages-verify-why-bad-signature = The signature does not match: the code was altered.
pages-verify-kind-quarantine-certificate = Quarantine certificate
pages-verify-kind-test-prescription = Test prescription
pages-verify-revocation-offline = No connection: whether it was revoked could not be asked.
pages-verify-revocation-checked = Not revoked (asked just now).
pages-mine-title = Your documents
pages-mine-intro = This page shows the certificates and prescriptions the contact centre issued for you. The link in your e-mail opens it once; it then stays open for { $minutes } minutes.
pages-mine-open = Show my documents
pages-mine-none = No document has been issued for you.
pages-mine-period = Valid from { $from } to { $until }
pages-mine-in-force = In force
pages-mine-revoked = Revoked: no longer valid
pages-mine-download = Download (PDF)
pages-mine-check = Whoever you show a document to can check it at { $verify }.
pages-mine-visit = For your privacy this page closes after { $minutes } minutes.
pages-mine-gone-title = This link can no longer be used
pages-mine-gone = A link to your documents opens once, within { $hours } hours. Ask the contact centre to send you a new one.
pages-mine-ended-title = Your visit has ended
pages-mine-ended = For your privacy, the page of your documents stays open for a short time only. Ask the contact centre to send you a new link.
pages-mail-document-subject = Your document: { $title }
pages-mail-document-hello = Hello,
pages-mail-document-attached = Attached is your document "{ $title }", valid from { $from } to { $until }.
pages-mail-document-link = You can also see and download your documents once at this address, within { $hours } hours: { $link }
pages-mail-document-verify = Whoever you show the document to can check it at { $verify }.
pages-mail-document-auto = This message was sent automatically and replies are not read. For any question, call the contact centre.
pages-mail-request-subject = [{ $ref }] We received your request: { $topic }
pages-mail-request-hello = Hello,
pages-mail-request-received = We have received your request about "{ $topic }". Its reference is { $ref }.
pages-mail-request-when = You will have a first answer within { $hours } hours.
pages-mail-request-reply = To add something, reply to this message: your answer joins the same request.
pages-mail-request-auto = This message was sent automatically. The contact centre
pages-mail-request-reply-subject = [{ $ref }] Answer to your request
