### The agent console and the supervisor dashboard, in English.
###
### Message ids are `console-` and the key the JavaScript asks for, underscores turned
### into hyphens (`t(lang, 'ui_language')` reads `console-ui-language`). The server
### serves this file as /static/i18n/en.json, each id mapped to its text with
### `{ $name }` written back as `{name}`; services/console/assets/i18n.js loads it.
### Keep every message simple and on one line: text and `{ $name }` placeables only (no
### selectors, terms or attributes); write a literal brace as {"{"}.
###
### Wording follows the e-learning course (elearning/console-and-scripts), which teaches
### agents these exact labels: keep them in step when either changes.

## Top bar and status

console-ui-language = Console language
console-training-link = Training
console-campaigns-link = Campaigns
console-orders-link = Call orders
console-figures-link = Figures
console-cases-link = Cases
console-import-link = Import
console-change-password = Change password
console-logout = Log out
console-logout-in-call = A call is in progress. Log out anyway? If you can, finish the call first.
console-status-offline = Not ready
console-status-ready = Ready
console-status-paused = Pause
console-status-in-call = In a call
console-status-paused-reason = Pause: { $reason }
console-since = since { $time }
console-training-line = Training: { $passed } of { $total } courses passed
console-training-none = Training: no course required yet
console-training-missing = Some campaigns need courses you have not passed yet. You will be offered their calls once you pass them:
console-tab-offer = New call order
console-conn-ok = Connected
console-conn-connecting = Connecting…
console-conn-lost = Connection lost, reconnecting…
console-conn-signed-out = Session ended
console-today = today
console-dismiss = Dismiss
console-close = Close
console-cancel = Cancel

## Ready and pause

console-ready = Ready
console-pause = Pause
console-pause-reason = Reason for the pause
console-pause-reason-choose = Reason for the pause…
console-pause-choose-reason = Choose a reason for the pause first.
console-reason-break = Break
console-reason-meal = Meal
console-reason-training = Training
console-reason-briefing = Team briefing
console-reason-technical = Technical problem
console-idle-offline = You are not ready.
console-idle-offline-help = Put your headset on, then press Ready (Alt+R) to be offered calls.
console-idle-ready = Ready: waiting for the next call order…
console-idle-ready-help = Before you leave your desk, even for two minutes, press Pause (Alt+P) and choose a reason.
console-idle-paused = On pause.
console-idle-paused-reason = On pause: { $reason }.
console-idle-paused-help = Press Ready (Alt+R) when you are back.

## Banners

console-pop-title = Incoming call
console-pop-note = These files match the phone that is calling, not necessarily the person speaking. Open the right one and always do the identity check.
console-pop-none = No file matches this number. Use "New inbound call" to search.
console-message-from-supervisor = Message from your supervisor

## Order card

console-offer-title = Call order
console-offer-deadline = Deadline
console-offer-language = Language
console-offer-attempt = Attempt number
console-offer-citizen = Citizen
console-attempt-n = Attempt { $n }
console-in-minutes = in { $m } min
console-in-hours = in { $h } h { $m }
console-deadline-passed = { $time }, deadline passed
console-offer-note = "Start call" opens the file: the citizen's data are decrypted and the opening is recorded with your name and the time.
console-start-call = Start call
console-case-type = Type of file
console-case-type-index = Index case
console-case-type-contact = High-risk contact
console-case-status = File status
console-case-status-open = Open
console-case-status-in-progress = In progress
console-case-status-closed = Closed

## Call screen

console-kind-inbound = inbound call
console-say-missing = The file has no value for: { $names }. Do not read "[?]" aloud: ask the person, or go on without it.
console-placeholder-person-first-name = first name
console-placeholder-person-last-name = last name
console-placeholder-person-birth-date = date of birth
console-placeholder-person-language = language
console-placeholder-person-postal-code = postcode
console-placeholder-case-code = file number
console-placeholder-case-type = case type
console-placeholder-case-test-date = test date
console-placeholder-case-exposure-date = date of exposure
console-placeholder-case-index-case-code = index case
console-placeholder-agent-name = your name
console-script-language = Script language
console-path = Path
console-hint-label = For you only – never read this aloud
console-next = Next
console-next-to-end = Next: end ({ $outcome })
console-next-waiting = Answer the questions of this step first.
console-at-end = End of the script. Finish the call with the outcome that really happened (proposed: { $outcome }).
console-finish-call = Finish call
console-citizen-name = Name
console-citizen-birth-date = Date of birth
console-citizen-phone = Phone
console-citizen-case = File
console-citizen-email = E-mail
console-citizen-national-number = National register number
console-citizen-postal-code = Postcode
console-citizen-language = Language
console-case-test-date = Test date
console-case-exposure-date = Exposure date
console-case-onset-date = Start of symptoms
console-no-fields = Nothing to fill in at this step.
console-yes = Yes
console-no = No
console-choose = Choose…
console-add-item = Add
console-remove-item = Remove
console-item-n = No. { $n }
console-step-n = Step { $n }
console-saved = Saved
console-not-saved = Not saved: { $message }
console-not-saved-offline = Not saved: connection lost. It will be sent again as soon as the connection is back.
console-err-not-a-number = Enter a number.

## Finishing

console-outcome = Outcome
console-outcome-choose = Choose the outcome…
console-outcome-reached = Reached
console-outcome-no-answer = No answer
console-outcome-busy = Busy
console-outcome-voicemail = Voicemail
console-outcome-wrong-number = Wrong number
console-outcome-refused = Refused
console-outcome-callback = Callback
console-outcome-not-applicable = Not applicable
console-outcome-help-reached = The conversation went through to the end of the script. The order is closed.
console-outcome-help-no-answer = It rang and nobody picked up. Retried automatically later, within calling hours.
console-outcome-help-busy = Busy tone. Retried automatically.
console-outcome-help-voicemail = Voicemail: leave no message about the reason for the call. Retried automatically.
console-outcome-help-wrong-number = The number belongs to someone who does not know the person. The order ends.
console-outcome-help-refused = The person refused the call or stopped the interview. The order is closed. Do not insist.
console-outcome-help-callback = A time agreed with someone. The order comes back at that time.
console-outcome-help-not-applicable = The identity could not be confirmed, or there is no file. Tell your supervisor.
console-callback-at = Call back on
console-callback-help = The date and time agreed with the citizen. It must be in the future.
console-callback-required = Enter the date and time agreed for the callback.
console-callback-future = The callback time must be in the future.
console-finish-choose-outcome = Choose the outcome of the call.
console-confirm-finish = Finish the call
console-call-finished = Call finished.
console-call-finished-due = Call finished. The order comes back { $time }.
console-finish-call-first = Finish the current call first.

## Inbound calls

console-inbound = New inbound call
console-search-label = Phone, national register number, case code, date of birth or name
console-search = Search
console-search-help = Compare the results silently with what the caller tells you. Never read them out.
console-searching = Searching…
console-no-results = No file found.
console-results-n = Results: { $n }
console-matched = found by { $what }
console-matched-case-code = case code
console-matched-national-number = national register number
console-matched-phone = phone
console-matched-birth-date = date of birth
console-matched-name = name
console-matched-prefix = start of the name
console-matched-phonetic = similar name
console-open-case = Open the file
console-open-reason-note = Opening a file is recorded with your name and the reason "inbound call". Open it only when you are sure it belongs to the caller.
console-open-reason-inbound-call = inbound call
console-open-reason-call-order = call order
console-open-reason-follow-up = follow-up
console-open-reason-inbound = inbound call
console-open-reason-screen-pop = incoming-call screen
console-open-reason-break-glass = glass broken
console-identity-first = Identity check first: say nothing from the file before it.
console-history = File history
console-history-note = To understand the situation. Do not read it out.
console-history-none = No earlier events.
console-hist-call = Call: { $outcome }
console-hist-opened = File opened ({ $reason })
console-hist-status = Status: { $status }
console-hist-case-created = File created
console-hist-case-merged = Files merged
console-hist-case-purged = Personal data deleted
console-hist-order-reassigned = Order given to another agent
console-hist-order-cancelled = Order cancelled
console-hist-order-raised = Order made more urgent
console-start-inbound = Start the inbound call
console-inbound-script = Script
console-waiting-order = This citizen has a call waiting in { $campaign } (attempts so far: { $n }).
console-complete-interview = Complete that interview now

## Breaking the glass (an open the server finds no purpose for)

console-break-glass-title = Break the glass?
console-break-glass-refused = Nothing recorded gives you a reason to open this file: no call of yours is on it, and no search or incoming call of yours led to it in the last minutes.
console-break-glass-explain = In an emergency you can still open it. This opening is recorded with your name and your justification, and your supervisors are told at once.
console-break-glass-justification = Why must you open this file now?
console-break-glass-count = { $n } characters (at least { $min })
console-break-glass-too-short = Write at least { $min } characters: why this file, and why now.
console-break-glass-confirm = Open anyway

## Help

console-help-title = Keyboard shortcuts
console-key-ready = Ready
console-key-pause = Pause (choose the reason)
console-key-next = Next step
console-key-back = Previous step
console-key-finish = Finish call
console-key-inbound = New inbound call
console-key-language = Switch the script language
console-key-help = Show or hide these shortcuts
console-help-note = Learn Alt+N, Alt+B and Alt+L first: you will use them in every call.

## Language names

console-lang-fr = French
console-lang-nl = Dutch
console-lang-en = English
console-lang-de = German

## Errors from the server

console-err-disconnected = No connection: nothing was sent. Try again when the connection is back.
console-err-conflict = Not possible right now
console-err-forbidden = Not allowed for your role
console-err-cooldown = Please wait a moment before trying again
console-err-invalid = Incomplete or invalid request
console-err-validation = Some answers are missing or wrong
console-err-too-large = Too much text
console-err-internal = Server error. Try again, and tell your supervisor if it keeps happening
console-err-unavailable = The database is unreachable for a moment: nothing was lost. Try again in a few seconds
console-err-generic = Something went wrong
console-err-purpose-refused = Nothing recorded gives you a reason to open this file

## Supervisor dashboard

console-dashboard-title = Supervision
console-campaigns = Campaigns
console-agents = Agents
console-col-campaign = Campaign
console-col-status = Status
console-col-waiting = Waiting
console-col-in-progress = In progress
console-col-done = Done
console-col-reach-rate = Reach rate
console-col-at-risk = At risk
console-col-at-risk-help = Orders close to their deadline
console-col-actions = Actions
console-col-agent = Agent
console-col-team = Team
console-col-since = Time in status
console-campaign-status-draft = Draft
console-campaign-status-running = Running
console-campaign-status-paused = Paused
console-campaign-status-closed = Closed
console-campaign-status-finished = Finished
console-launch = Launch
console-resume = Resume
console-pause-campaign = Pause
console-updated-at = Updated at { $time }
console-no-campaigns = No campaigns.
console-no-agents = No agents.
console-waiting-by-language = Waiting orders by language
console-no-waiting = No orders waiting.
console-send-message-title = Message to an agent
console-agent = Agent
console-message = Message
console-send = Send
console-choose-agent = Choose an agent…
console-choose-agent-first = Choose an agent first.
console-message-length = Write a message of 1 to { $max } characters.
console-message-sent = Message sent to { $name } at { $time }.
console-reassign-title = Reassign an order
console-order-number = Order number
console-to-agent = To agent
console-reassign = Reassign
console-order-number-invalid = Enter an order number.
console-reassigned = Order { $order } given to { $name }.

## Supervisor alerts (push `alert`); ordinals by Intl.PluralRules category

console-alerts = Alerts
console-alerts-note = Agents of your team who break the glass or are stopped by the search limit, since this page was opened.
console-no-alerts = No alerts.
console-alert-break-glass = { $name } broke the glass to open file { $code } ({ $nth } today)
console-alert-break-glass-plain = { $name } broke the glass to open file { $code }
console-alert-search-limited = { $name } was stopped by the search limit
console-alert-over-limit = over the daily limit
console-ordinal-one = { $n }st
console-ordinal-two = { $n }nd
console-ordinal-few = { $n }rd
console-ordinal-other = { $n }th

console-status-wrap-up = After-call work
console-call-timer = Time on this call
console-wrapup-title = After-call work
console-wrapup-left = Next call order in { $time }
console-wrapup-over = Time is up: the next call order is coming.
console-wrapup-note = Note for whoever opens this file next (optional)
console-wrapup-note-help = What the next agent must know: when to call back, a language, a difficulty. Not the answers: they are in the form.
console-wrapup-save = Save the note
console-wrapup-saved = Note saved.
console-wrapup-unsaved = Not saved yet.
console-wrapup-ready = Ready for the next call
console-notes-title = Notes from earlier calls
console-idle-badge = idle, work waiting
console-idle-alert = { $n ->
    [one] One agent is ready but idle while orders wait: { $names }.
   *[other] { $n } agents are ready but idle while orders wait: { $names }.
}
console-register-open = The caller has no file: register them
console-register-title = Register the caller
console-register-help = Only when no search finds them. Someone already on file (same national number or phone) is not registered twice: their file opens.
console-reg-case-type = They are
console-reg-type-contact = A contact of a positive person
console-reg-type-index = Tested positive themselves
console-reg-last-name = Last name
console-reg-first-name = First name
console-reg-birth-date = Birth date
console-reg-phone = Phone
console-reg-national-number = National number
console-reg-email = E-mail
console-reg-postal-code = Postal code
console-reg-language = Language
console-reg-exposure-date = Date of the contact
console-reg-test-date = Date of the positive test
console-register-submit = Register and open the file
console-register-check = to correct
console-docs-title = Documents
console-docs-loading = Looking up the case's documents…
console-docs-none = No document has been issued for this case yet.
console-docs-valid = valid { $from } – { $until }
console-docs-in-force = In force
console-docs-revoked = Revoked
console-docs-download = Download PDF
console-docs-email = Send by e-mail
console-docs-kind = Document
console-docs-kind-quarantine-certificate = Quarantine certificate
console-docs-kind-test-prescription = Test prescription
console-docs-language = Language
console-docs-lang-fr = French
console-docs-lang-nl = Dutch
console-docs-lang-de = German
console-docs-lang-en = English
console-docs-issue = Issue
console-docs-issued = Issued. One of the same kind issued before is revoked as replaced.
console-docs-emailed = Sent to the address on file, with a one-time link to the citizen's page.
console-docs-no-email = No e-mail address on file: download the document and give it another way.
console-docs-mail-off = This centre sends no e-mail: download the document instead.
console-docs-network = The server could not be reached.
console-docs-failed = That did not work.
console-open-request = Open the request
console-request-notice-mention = You were mentioned on request { $ref }
console-request-notice-reminder = Request { $ref } nears its target
console-request-notice-escalation = Request { $ref } passed its target
console-request-notice-assigned = Request { $ref } was given to you
