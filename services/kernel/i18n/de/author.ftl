# author.ftl: The author's page (scripting templates/author.html): scripts and their
# releases, editing, checking, previewing and publishing a script, two releases side by
# side. German (de).
#
# The page's scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('no_problems')` reads `author-no-problems`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
author-title = Skripte
author-nav-label = Skriptautor
author-nav-home = Startseite
author-nav-training = Schulung
author-nav-password = Mein Passwort ändern
author-loading = Wird geladen…

## The scripts
author-scripts-heading = Veröffentlichte Skripte
author-col-script = Skript
author-col-kind = Art
author-col-release = Version
author-col-published = Veröffentlicht
author-col-actions = Aktionen
author-open = Öffnen
author-open-script = Skript { $id } öffnen
author-no-scripts = Es ist noch kein Skript veröffentlicht.
author-work-heading = { $id }, neueste Version: { $n }

## Editing, checking, publishing
author-edit-heading = Bearbeiten
author-edit-note = Die Dateien der neuesten Version. Ändern und prüfen Sie sie, sehen Sie sich die Vorschau an und veröffentlichen Sie dann: Die Agenten erhalten die neue Version bei ihrem nächsten Anruf.
author-no-sources = Die Dateien dieser Version wurden nicht aufbewahrt (sie wurde veröffentlicht, bevor Dateien aufbewahrt wurden). Veröffentlichen Sie sie erneut aus ihren Dateien, um sie hier zu bearbeiten.
author-check = Prüfen
author-publish = Veröffentlichen
author-revert = Meine Änderungen verwerfen
author-go-to = Zu { $path }, Zeile { $line }, Spalte { $column } springen
author-problems = Vor dem Veröffentlichen zu behebende Probleme: { $n }.
author-no-problems = Kein Problem gefunden: Sie können veröffentlichen.
author-unchanged = { $id }: identisch mit Version { $n }; Veröffentlichen ändert nichts.
author-would-be-first = { $id }: Veröffentlichen erstellt die erste Version.
author-would-be-next = { $id }: Veröffentlichen erstellt Version { $n } mit diesen Änderungen:
author-change-nodes-added = Schritt { $id } hinzugefügt
author-change-nodes-removed = Schritt { $id } entfernt
author-change-nodes-changed = Schritt { $id } geändert
author-change-fields-added = Frage { $id } hinzugefügt
author-change-fields-removed = Frage { $id } entfernt
author-change-fields-changed = Frage { $id } geändert
author-published = { $id }: Version { $n } ist veröffentlicht.
author-published-unchanged = { $id }: Nichts geändert, Version { $n } bleibt die neueste.

## The preview
author-preview-heading = Vorschau
author-preview-note = Das bearbeitete Skript so, wie ein Agent es durchläuft, mit einem fiktiven Bürger (Marie Exemple). Antworten Sie und klicken Sie auf Weiter, um den Verzweigungen zu folgen.
author-preview-language = Sprache
author-preview-start = Neu beginnen
author-preview-next = Weiter
author-preview-unknown-field = Die Frage { $id } ist nicht im Formular.
author-preview-no-text = (kein { $lang }-Text)
author-preview-repeat = eine Liste, die der Agent ausfüllt (keine Vorschau)
author-preview-waiting = Noch passt keine Verzweigung zu diesen Antworten: Beantworten Sie die Fragen.
author-preview-nowhere = Dieser Schritt führt nirgendwohin.
author-preview-missing = Für diesen Bürger nicht ausgefüllt: { $names }.
author-preview-end = Der Anruf endet hier: { $outcome }.
author-preview-fix-first = Beheben Sie zuerst die Probleme (klicken Sie auf Prüfen).
author-yes = Ja
author-no = Nein
author-outcome-reached = erreicht
author-outcome-no-answer = keine Antwort
author-outcome-busy = besetzt
author-outcome-voicemail = Mailbox
author-outcome-wrong-number = falsche Nummer
author-outcome-refused = abgelehnt
author-outcome-callback = Rückruf vereinbart
author-outcome-not-applicable = nicht zutreffend

## Releases side by side
author-releases-heading = Versionen
author-compare-from = Ältere
author-compare-to = Neuere
author-compare-from-n = Ab Version { $n } vergleichen
author-compare-to-n = Mit Version { $n } vergleichen
author-compare = Vergleichen
author-compare-two = Wählen Sie zwei verschiedene Versionen.
author-kind-node = Schritt
author-kind-field = Frage
author-change-added = hinzugefügt
author-change-removed = entfernt
author-change-changed = geändert
author-diff-caption = Version { $from } (links) und Version { $to } (rechts)
author-release-n = Version { $n }
author-no-differences = Die Versionen { $from } und { $to } fragen und sagen dasselbe.

## Field problems and refusals
author-error-too-large = Zu viele oder zu große Dateien, um sie auf einmal zu prüfen.
author-problem-validation = Einige Felder müssen korrigiert werden.
author-problem-lint = Die Dateien enthalten Probleme: Es wurde nichts veröffentlicht.
author-problem-unauthenticated = Ihre Sitzung ist beendet. Melden Sie sich erneut an.
author-problem-forbidden = Ihre Rolle erlaubt dies nicht.
author-problem-not-found = Nicht gefunden: Es hat sich vielleicht inzwischen geändert. Laden Sie die Seite neu.
author-problem-internal = Serverfehler. Versuchen Sie es erneut; wenn es weiter auftritt, informieren Sie das technische Team.
author-problem-network = Keine Verbindung zum Server. Prüfen Sie das Netzwerk und versuchen Sie es erneut.
author-problem-generic = Das hat nicht geklappt.
