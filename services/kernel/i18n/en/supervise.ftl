# supervise.ftl: The supervisor's pages (campaigns templates/campaigns.html, orders.html):
# the campaign builder with its list of campaigns, and the order list. English (en).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('save_draft')` reads `supervise-save-draft`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation
supervise-nav-label = Supervision
supervise-nav-dashboard = Dashboard
supervise-nav-campaigns = Campaigns
supervise-nav-orders = Call orders
supervise-nav-training = Training
supervise-nav-password = Change my password
supervise-loading = Loading…
supervise-back = Back

## The campaign list
supervise-campaigns-title = Campaigns
supervise-list-heading = Your campaigns
supervise-col-name = Campaign
supervise-col-status = Status
supervise-col-script = Script
supervise-col-target = Who is called
supervise-col-waiting = Still to call
supervise-col-done = Done
supervise-col-actions = Actions
supervise-no-campaigns = No campaign yet: build the first one below.
supervise-status-draft = Draft
supervise-status-running = Running
supervise-status-paused = Paused
supervise-status-completed = Completed
supervise-status-cancelled = Cancelled
supervise-edit = Edit
supervise-launch = Launch
supervise-resume = Resume
supervise-pause = Pause
supervise-complete = Complete
supervise-cancel = Cancel
supervise-clone = Clone
supervise-codes-count = { $n } listed cases
supervise-launched = { $name } is running: { $n } call orders.
supervise-done-pause = { $name } is paused: its orders are no longer offered.
supervise-done-complete = { $name } is completed.
supervise-done-cancel = { $name } is cancelled, with every order not yet called.
supervise-confirm-complete-title = Complete { $name }?
supervise-confirm-complete-text = Its remaining orders will no longer be offered. A completed campaign cannot be resumed.
supervise-confirm-cancel-title = Cancel { $name }?
supervise-confirm-cancel-text = Every order not yet called is cancelled. This cannot be undone.

## The builder
supervise-builder-new = New campaign
supervise-builder-edit = Editing the draft { $name }
supervise-builder-clone = New campaign, copied from { $name }
supervise-copy-of = { $name } (copy)
supervise-part-what = Name and purpose
supervise-name = Name
supervise-purpose = Purpose (for the team; agents see it too)
supervise-part-script = Script
supervise-script = Script the agents follow
supervise-release = release
supervise-script-written-for = Written for: { $types }.
supervise-script-any-type = Written for every type of case.
supervise-preview = Preview the script as agents will see it
supervise-preview-language = Language of the preview
supervise-preview-missing = (no { $lang } text: agents would see another language)
supervise-part-target = Who is called
supervise-case-type = Type of case
supervise-case-type-contact = High-risk contacts
supervise-case-type-index = Index cases (tested positive)
supervise-case-type-any = Every type
supervise-override = Use this script anyway, on cases it is not written for (recorded in the audit log)
supervise-regions = Provinces
supervise-none-is-all = (none ticked: all)
supervise-statuses = Case status
supervise-status-open = Open
supervise-status-in-progress = In progress
supervise-status-closed = Closed
supervise-age-bands = Age bands
supervise-created-from = Registered from
supervise-created-to = Registered until
supervise-case-codes = Only these cases (case codes)
supervise-case-codes-note = One code per line, or commas. Leave empty to call every case that matches the criteria above.
supervise-case-codes-file = Or upload a list (CSV or text, a column named code, or the first column):
supervise-codes-read = { $n } codes read from { $file }.
supervise-count = This campaign would call { $n } people now.
supervise-count-unknown = Cannot count yet: { $why }
supervise-part-when = When and how often
supervise-any-time = Call at any time (no calling windows)
supervise-week-closed = not called
supervise-week-copy-monday = Same windows as Monday for every weekday
supervise-week-empty = No day has a calling window: add one, or tick “Call at any time”.
supervise-window-add = Add a window
supervise-window-add-to = Add a window on { $day }
supervise-window-from = { $day }, window { $n }, from
supervise-window-to = { $day }, window { $n }, until
supervise-window-remove = Remove window { $n } of { $day }
supervise-window-of = { $day }, window { $n }
supervise-line = Line { $n }
supervise-day-mon = Monday
supervise-day-tue = Tuesday
supervise-day-wed = Wednesday
supervise-day-thu = Thursday
supervise-day-fri = Friday
supervise-day-sat = Saturday
supervise-day-sun = Sunday
supervise-deadline-hours = Reach each case within (hours of its registration)
supervise-max-attempts = Attempts before giving up
supervise-retry-no-answer = Retry after no answer (minutes)
supervise-retry-busy = Retry after a busy line (minutes)
supervise-retry-voicemail = Retry after voicemail (minutes)
supervise-time-zone = Time zone of the windows
supervise-holidays = Days nobody is called (YYYY-MM-DD, separated by commas)
supervise-part-who = Who calls
supervise-teams = Teams
supervise-teams-none = (none ticked: every team, nationally)
supervise-languages = Languages served
supervise-courses = Courses agents must have passed
supervise-no-courses = No course is published.
supervise-save-draft = Save the draft
supervise-save-changes = Save the changes
supervise-save-launch = Save and launch
supervise-start-over = New campaign
supervise-saved = { $name } is saved as a draft.
supervise-saved-launched = { $name } is saved and launched.

## The order list
supervise-orders-title = Call orders
supervise-filters = Filter the orders
supervise-all = All
supervise-col-order = Order
supervise-col-campaign = Campaign
supervise-col-case = Case
supervise-col-language = Language
supervise-col-state = State
supervise-col-attempts = Attempts
supervise-col-agent = Agent
supervise-col-deadline = Deadline
supervise-at-risk-only = Only orders at risk (deadline within 2 hours)
supervise-apply = Show
supervise-at-risk = at risk
supervise-orders-more = More orders match: narrow the filters to see them.
supervise-no-orders = No order matches these filters.
supervise-state-open = Waiting
supervise-state-leased = With an agent
supervise-state-done = Done
supervise-state-cancelled = Cancelled
supervise-kept-for = kept for { $name }
supervise-reassign = Reassign
supervise-raise = Move up
supervise-reassign-order = Reassign order { $id }
supervise-raise-order = Move order { $id } up the queue
supervise-cancel-order = Cancel order { $id }
supervise-to-agent = To agent
supervise-raise-by = Move up by
supervise-done-reassign-order = Order { $id } is now for { $agent }.
supervise-done-raise-order = Order { $id } moved up the queue.
supervise-done-cancel-order = Order { $id } is cancelled.

## Call outcomes
supervise-outcome-reached = reached
supervise-outcome-no-answer = no answer
supervise-outcome-busy = busy
supervise-outcome-voicemail = voicemail
supervise-outcome-wrong-number = wrong number
supervise-outcome-refused = refused
supervise-outcome-callback = callback arranged
supervise-outcome-not-applicable = not applicable

## Field problems (the `code` of the API's field errors)
supervise-error-required = Required.
supervise-error-invalid = Not accepted as written.
supervise-error-out-of-range = Out of the allowed range.
supervise-error-unknown-team = This team does not exist (any more). Reload the page.
supervise-error-unknown-script = This script has no published release.
supervise-error-script-kind = This script is for inbound calls; a campaign calls out.
supervise-error-script-mismatch = The script is not written for these cases: choose another script, narrow the type of case, or tick “use this script anyway”.
supervise-error-invalid-code = Not a case code (check the code for a typing error).
supervise-error-too-many = Too many case codes for one list (at most 10,000).
supervise-error-empty-window = The window ends before it starts.
supervise-error-invalid-time = Write a time as HH:MM.
supervise-error-invalid-date = Write a date as YYYY-MM-DD.
supervise-error-unknown-weekday = Unknown day of the week.
supervise-error-unknown-time-zone = Unknown time zone (for example Europe/Brussels).

## Refusals (problem slugs), and what else can go wrong
supervise-problem-validation = Some fields need correcting.
supervise-problem-unauthenticated = Your session has ended. Log in again.
supervise-problem-forbidden = Your role does not allow this.
supervise-problem-not-found = Not found: it may have changed meanwhile. Reload the page.
supervise-problem-conflict = Not possible in its current state (it may have changed meanwhile).
supervise-problem-internal = Server error. Try again; if it keeps happening, tell the technical team.
supervise-problem-network = No connection to the server. Check the network and try again.
supervise-problem-generic = That did not work.

## Figures and charts (console templates/figures.html)
supervise-nav-figures = Figures
supervise-figures-title = Figures and charts
supervise-period = Period
supervise-period-from = From
supervise-period-to = Until (included)
supervise-period-today = Today
supervise-period-week = Last 7 days
supervise-period-day = Figures of { $day }.
supervise-period-days = Figures from { $from } to { $to }.
supervise-teams-heading = Per team
supervise-agents-heading = Per agent
supervise-national = National (no team)
supervise-col-who = Who
supervise-col-calls = Calls
supervise-col-reach = Reached
supervise-col-handling-median = Handling time (median)
supervise-col-handling-p90 = Handling time (90th percentile)
supervise-time-ready = Time ready
supervise-time-in-call = Time in calls
supervise-time-wrap-up = Time in after-call work
supervise-time-paused = Time paused
supervise-no-work = Nothing in this period.
supervise-chart-reach = Orders reached within 24 hours, per day
supervise-chart-queue = Orders waiting, hour by hour
supervise-chart-outcomes = Call outcomes by campaign
supervise-chart-figures = The figures
supervise-no-data = No data for this period
supervise-col-day = Day
supervise-col-orders = Orders
supervise-col-reached-24h = Reached within 24 h
supervise-col-share = Share
supervise-col-hour = Hour
