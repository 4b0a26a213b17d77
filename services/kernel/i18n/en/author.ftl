# author.ftl: The author's page (scripting templates/author.html): scripts and their
# releases, editing, checking, previewing and publishing a script, two releases side by
# side. English (en).
#
# The page's scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('no_problems')` reads `author-no-problems`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
author-title = Scripts
author-nav-label = Author
author-nav-home = Home
author-nav-training = Training
author-nav-password = Change my password
author-loading = Loading…

## The scripts
author-scripts-heading = Published scripts
author-col-script = Script
author-col-kind = Kind
author-col-release = Release
author-col-published = Published
author-col-actions = Actions
author-open = Open
author-open-script = Open the script { $id }
author-no-scripts = No script is published yet.
author-work-heading = { $id }, newest release { $n }

## Editing, checking, publishing
author-edit-heading = Edit
author-edit-note = The files of the newest release. Change them, check, preview, then publish: agents get the new release on their next call.
author-no-sources = The files of this release were not kept (it was published before they were). Publish it again from its files to edit it here.
author-check = Check
author-publish = Publish
author-revert = Undo my changes
author-go-to = Go to { $path }, line { $line }, column { $column }
author-problems = Problems to correct before publishing: { $n }.
author-no-problems = No problem found: it can be published.
author-unchanged = { $id }: the same as release { $n }; publishing changes nothing.
author-would-be-first = { $id }: publishing makes its first release.
author-would-be-next = { $id }: publishing makes release { $n }, which changes:
author-change-nodes-added = step { $id } added
author-change-nodes-removed = step { $id } removed
author-change-nodes-changed = step { $id } changed
author-change-fields-added = question { $id } added
author-change-fields-removed = question { $id } removed
author-change-fields-changed = question { $id } changed
author-published = { $id }: release { $n } is published.
author-published-unchanged = { $id }: nothing changed, release { $n } stays the newest.

## The preview
author-preview-heading = Preview
author-preview-note = The edited script as an agent walks it, with a sample citizen (Marie Exemple). Answer and press Next to follow the branches.
author-preview-language = Language
author-preview-start = Start over
author-preview-next = Next
author-preview-unknown-field = The question { $id } is not in the form.
author-preview-no-text = (no { $lang } text)
author-preview-repeat = a list the agent fills in (not previewed)
author-preview-waiting = No branch matches these answers yet: answer the questions.
author-preview-nowhere = This step leads nowhere.
author-preview-missing = Not filled for this citizen: { $names }.
author-preview-end = The call ends here: { $outcome }.
author-preview-fix-first = Correct the problems first (press Check).
author-yes = Yes
author-no = No
author-outcome-reached = reached
author-outcome-no-answer = no answer
author-outcome-busy = busy
author-outcome-voicemail = voicemail
author-outcome-wrong-number = wrong number
author-outcome-refused = refused
author-outcome-callback = callback arranged
author-outcome-not-applicable = not applicable

## Releases side by side
author-releases-heading = Releases
author-compare-from = Older
author-compare-to = Newer
author-compare-from-n = Compare from release { $n }
author-compare-to-n = Compare to release { $n }
author-compare = Compare
author-compare-two = Choose two different releases.
author-kind-node = Step
author-kind-field = Question
author-change-added = added
author-change-removed = removed
author-change-changed = changed
author-diff-caption = Release { $from } (left) and release { $to } (right)
author-release-n = Release { $n }
author-no-differences = Releases { $from } and { $to } ask and say the same.

## Field problems and refusals
author-error-too-large = Too many files, or files too large, to check at once.
author-problem-validation = Some fields need correcting.
author-problem-lint = The files have problems: nothing was published.
author-problem-unauthenticated = Your session has ended. Log in again.
author-problem-forbidden = Your role does not allow this.
author-problem-not-found = Not found: it may have changed meanwhile. Reload the page.
author-problem-internal = Server error. Try again; if it keeps happening, tell the technical team.
author-problem-network = No connection to the server. Check the network and try again.
author-problem-generic = That did not work.
