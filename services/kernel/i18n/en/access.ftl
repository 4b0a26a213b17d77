# access.ftl: Access management pages (kernel/templates/admin.html, audit_person.html,
# password.html): accounts, teams and API tokens for admins, the DPO's report on one person,
# changing one's password. English (en).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('users_heading')` reads `access-users-heading`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
access-admin = Accounts and access
access-audit = Access report on a person
access-change-password = Change my password
access-loading = Loading…
access-cancel = Cancel
access-copy = Copy
access-copied = Copied.

## Accounts (admin.html)
access-users-heading = Accounts
access-users-intro = Changing someone's role, team or status ends their sessions at once: they log in again with their new rights.
access-col-name = Name
access-col-email = Email
access-col-role = Role
access-col-team = Team
access-col-languages = Languages
access-col-status = Status
access-col-actions = Actions
access-active = Active
access-inactive = Deactivated
access-must-change = must choose a new password
access-no-team = No team (national)
access-no-users = No accounts yet.
access-yourself = Your own account: nobody changes their own role or deactivates themselves.
access-deactivate = Deactivate
access-reactivate = Reactivate
access-reset-password = Reset password
access-revoke-sessions = Log out everywhere
access-confirm-role = Make { $name } { $role }? Their sessions end and they log in again.
access-confirm-team = Move { $name } to { $team }? Their sessions end and they log in again.
access-confirm-deactivate = Deactivate { $name }? They are logged out at once and can no longer log in.
access-confirm-revoke = Log { $name } out everywhere? They will have to log in again.
access-role-changed = { $name } is now { $role }. Their sessions have ended.
access-team-changed = { $name } now belongs to: { $team }. Their sessions have ended.
access-deactivated = { $name } is deactivated and logged out everywhere.
access-reactivated = { $name } can log in again.
access-sessions-revoked = { $name } was logged out ({ $n } session(s) ended).

## Reset password dialog
access-reset-title = Temporary password for { $name }
access-reset-help = Give it to them in person or by phone, never by email. When they log in, they must choose their own password first. Their current sessions end now.
access-temporary-password = Temporary password
access-suggest-password = Suggest one
access-reset-confirm = Set the temporary password
access-reset-done = Temporary password set for { $name }. They must choose a new one when they log in.

## New account
access-new-user = New account
access-email = Email
access-name = Full name
access-role = Role
access-team = Team
access-main-language = Main language (also the language of their screens)
access-other-languages = Other languages spoken
access-password = Password
access-password-rule = At least { $min } characters.
access-first-change = Ask them to choose their own password when they first log in
access-create-user = Create the account
access-user-created = Account created for { $name }.

## Roles
access-role-agent = Agent
access-role-supervisor = Supervisor
access-role-author = Script author
access-role-epidemiologist = Epidemiologist
access-role-trainer = Trainer
access-role-admin = Administrator
access-role-dpo = Data protection officer
access-role-telephony = Telephony system

## Languages
access-language-fr = French
access-language-nl = Dutch
access-language-de = German
access-language-en = English

## Teams
access-teams-heading = Teams
access-teams-intro = A team works the files of its area: its agents find and open only those, and its supervisors steer only their team. People without a team work nationally.
access-col-area = Area
access-national = National (whole country)
access-no-teams = No teams yet.
access-new-team = New team
access-team-name = Name
access-team-national = National: the whole country
access-team-postal = Postal code ranges
access-team-postal-help = For example 1000-1299, 1500-1999, or a single code; separate them with commas, spaces or new lines.
access-team-regions = Regions and provinces
access-team-regions-help = Hold Ctrl (⌘ on a Mac) to choose several. They add to the ranges above.
access-regions = Regions
access-provinces = Provinces
access-create-team = Create the team
access-team-created = Team { $name } created.

## Regions and provinces (the names kernel::postal accepts)
access-region-brussels = Brussels
access-region-flanders = Flanders
access-region-wallonia = Wallonia
access-region-brussels-capital = Brussels-Capital
access-region-brabant-wallon = Walloon Brabant
access-region-vlaams-brabant = Flemish Brabant
access-region-antwerpen = Antwerp
access-region-limburg = Limburg
access-region-liege = Liège
access-region-namur = Namur
access-region-hainaut = Hainaut
access-region-luxembourg = Luxembourg
access-region-west-vlaanderen = West Flanders
access-region-oost-vlaanderen = East Flanders

## API tokens
access-tokens-heading = API tokens
access-tokens-intro = Machine clients such as the telephony system (PBX) use a token, and sign what they send with its signing secret. A token is never a person and opens no files.
access-col-created = Created
access-revoked = Revoked
access-revoke = Revoke
access-no-tokens = No tokens yet.
access-confirm-revoke-token = Revoke the token { $name }? The system using it is refused at once.
access-token-revoked = Token { $name } revoked.
access-new-token = New telephony token
access-token-name = Name (what it is for, for example the PBX's name)
access-token-role = It acts as: telephony system.
access-create-token = Create the token
access-token-once-title = Copy these now: they are shown only once
access-token-once-warning = Put them in the telephony system's configuration or in a password manager, nowhere else. Whoever holds them can send call events. If they are lost, revoke this token and create a new one.
access-token-value = Token (sent as Authorization: Bearer)
access-signing-secret = Signing secret
access-token-stored = I have stored them

## The DPO's report (audit_person.html)
access-audit-intro = Every recorded access to the files of the person behind a case code: openings with their reason, searches and incoming-call screens that showed them, history reads, status changes. What a right-of-access request (GDPR art. 15) needs. Your request is recorded too.
access-audit-code = Case code
access-audit-code-help = 7 letters and digits, for example K7M4QXB.
access-audit-show = Show the report
access-audit-print = Print
access-audit-report-for = Access report for case { $code }
access-audit-made = Made on { $time } by { $name }.
access-audit-cases = Files of this person: { $codes }
access-audit-count = Recorded accesses: { $n }
access-audit-none = No recorded access.
access-audit-not-found = No file has this case code. Check it and try again.
access-audit-bad-code = A case code has 7 letters and digits, for example K7M4QXB.
access-col-when = When
access-col-who = Who
access-col-what = What
access-col-case = File
access-col-reason = Reason
access-col-justification = Justification

## Audited actions, in plain words
access-action-case-opened = Opened the file
access-action-case-break-glass = Broke the glass to open the file
access-action-case-searched = Found the file in a search
access-action-case-screen-pop = Was shown the file on an incoming call
access-action-case-history-read = Read the file's history
access-action-case-status = Changed the file's status
access-action-case-purged = Deleted the personal data (retention period over)
access-action-contacts-recorded = Recorded the person as a contact of an index case
access-action-dpo-person-report = Consulted this access report

## Reasons given for opening a file
access-reason-call-order = call order
access-reason-inbound = inbound call
access-reason-screen-pop = incoming-call screen
access-reason-break-glass = broken glass (emergency)

## Changing one's password (password.html)
access-password-title = Change my password
access-password-forced-title = Choose your own password
access-password-forced-intro = An administrator has given you a temporary password. Choose your own before you continue; only you should know it.
access-password-current = Current password
access-password-temporary = Temporary password
access-password-new = New password
access-password-repeat = Repeat the new password
access-password-submit = Change the password
access-password-done = Your password has been changed.
access-password-mismatch = The two new passwords are not the same.
access-password-same = Choose a password different from the current one.
access-log-out = Log out

## Field problems (the `code` of the API's field errors)
access-error-invalid-email = This is not an email address.
access-error-invalid-length = Required, and not too long.
access-error-too-short = At least { $min } characters.
access-error-unknown-team = This team does not exist (any more). Reload the page.
access-error-invalid-language = Unknown language.
access-error-invalid-range = Write a range as FROM-TO with four-digit postal codes, for example 1000-1299.
access-error-unknown-region = Not a region or province.
access-error-jurisdiction = Choose national, or postal ranges and regions: one of the two.
access-error-wrong-password = This is not your current password.
access-error-required = Required.

## Refusals (problem slugs and the account rules), and what else can go wrong
access-problem-validation = Some fields need correcting.
access-problem-unauthenticated = Your session has ended. Log in again.
access-problem-forbidden = Your role does not allow this.
access-problem-password-change-required = Choose a new password first.
access-problem-not-found = Not found: it may have changed meanwhile. Reload the page.
access-problem-too-many-attempts = Too many attempts. Wait a moment and try again.
access-problem-internal = Server error. Try again; if it keeps happening, tell the technical team.
access-problem-network = No connection to the server. Check the network and try again.
access-problem-generic = That did not work.
access-rule-own-role = Nobody changes their own role: ask another administrator.
access-rule-deactivate-self = Nobody deactivates their own account.
access-rule-last-admin = The last active administrator stays an active administrator: make someone else administrator first.
access-conflict-email = An account with this email already exists.
access-conflict-team = A team with this name already exists.
