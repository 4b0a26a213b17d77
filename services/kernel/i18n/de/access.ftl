# access.ftl: Access management pages (kernel/templates/admin.html, audit_person.html,
# password.html): accounts, teams and API tokens for admins, the DPO's report on one person,
# changing one's password. German (de).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('users_heading')` reads `access-users-heading`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
access-admin = Konten und Zugriff
access-audit = Zugriffsbericht zu einer Person
access-change-password = Mein Passwort ändern
access-loading = Wird geladen…
access-cancel = Abbrechen
access-copy = Kopieren
access-copied = Kopiert.

## Accounts (admin.html)
access-users-heading = Konten
access-users-intro = Wer Rolle, Team oder Status einer Person ändert, beendet sofort deren Sitzungen: Die Person meldet sich mit ihren neuen Rechten erneut an.
access-col-name = Name
access-col-email = E-Mail
access-col-role = Rolle
access-col-team = Team
access-col-languages = Sprachen
access-col-status = Status
access-col-actions = Aktionen
access-active = Aktiv
access-inactive = Deaktiviert
access-must-change = muss ein neues Passwort wählen
access-no-team = Kein Team (national)
access-no-users = Noch keine Konten.
access-yourself = Ihr eigenes Konto: Niemand ändert seine eigene Rolle oder deaktiviert sich selbst.
access-deactivate = Deaktivieren
access-reactivate = Reaktivieren
access-reset-password = Passwort zurücksetzen
access-revoke-sessions = Überall abmelden
access-confirm-role = { $name } die Rolle { $role } geben? Die Sitzungen der Person enden, sie muss sich erneut anmelden.
access-confirm-team = { $name } in das Team { $team } versetzen? Die Sitzungen der Person enden, sie muss sich erneut anmelden.
access-confirm-deactivate = { $name } deaktivieren? Die Person wird sofort abgemeldet und kann sich nicht mehr anmelden.
access-confirm-revoke = { $name } überall abmelden? Die Person muss sich erneut anmelden.
access-role-changed = { $name } hat jetzt die Rolle { $role }. Die Sitzungen wurden beendet.
access-team-changed = { $name } gehört jetzt zu: { $team }. Die Sitzungen wurden beendet.
access-deactivated = { $name } ist deaktiviert und überall abgemeldet.
access-reactivated = { $name } kann sich wieder anmelden.
access-sessions-revoked = { $name } wurde abgemeldet ({ $n } Sitzung(en) beendet).

## Reset password dialog
access-reset-title = Vorläufiges Passwort für { $name }
access-reset-help = Geben Sie es persönlich oder telefonisch weiter, nie per E-Mail. Bei der nächsten Anmeldung muss die Person zuerst ein eigenes Passwort wählen. Ihre laufenden Sitzungen enden jetzt.
access-temporary-password = Vorläufiges Passwort
access-suggest-password = Eines vorschlagen
access-reset-confirm = Vorläufiges Passwort setzen
access-reset-done = Vorläufiges Passwort für { $name } gesetzt. Bei der nächsten Anmeldung muss die Person ein neues wählen.

## New account
access-new-user = Neues Konto
access-email = E-Mail
access-name = Vollständiger Name
access-role = Rolle
access-team = Team
access-main-language = Hauptsprache (auch die Sprache der Bildschirme)
access-other-languages = Weitere gesprochene Sprachen
access-password = Passwort
access-password-rule = Mindestens { $min } Zeichen.
access-first-change = Bei der ersten Anmeldung ein eigenes Passwort wählen lassen
access-create-user = Konto anlegen
access-user-created = Konto für { $name } angelegt.

## Roles
access-role-agent = Agent
access-role-supervisor = Supervisor
access-role-author = Skriptautor
access-role-epidemiologist = Epidemiologe
access-role-trainer = Ausbilder
access-role-admin = Administrator
access-role-dpo = Datenschutzbeauftragter
access-role-telephony = Telefonanlage

## Languages
access-language-fr = Französisch
access-language-nl = Niederländisch
access-language-de = Deutsch
access-language-en = Englisch

## Teams
access-teams-heading = Teams
access-teams-intro = Ein Team bearbeitet die Akten seines Gebiets: Seine Agenten finden und öffnen nur diese, und seine Supervisoren steuern nur ihr eigenes Team. Wer keinem Team angehört, arbeitet national.
access-col-area = Gebiet
access-national = National (ganzes Land)
access-no-teams = Noch keine Teams.
access-new-team = Neues Team
access-team-name = Name
access-team-national = National: das ganze Land
access-team-postal = Postleitzahlbereiche
access-team-postal-help = Zum Beispiel 1000-1299, 1500-1999 oder eine einzelne Postleitzahl; trennen Sie sie durch Kommas, Leerzeichen oder neue Zeilen.
access-team-regions = Regionen und Provinzen
access-team-regions-help = Halten Sie Strg (⌘ auf dem Mac) gedrückt, um mehrere zu wählen. Sie kommen zu den Bereichen oben hinzu.
access-regions = Regionen
access-provinces = Provinzen
access-create-team = Team anlegen
access-team-created = Team { $name } angelegt.

## Regions and provinces (the names kernel::postal accepts)
access-region-brussels = Brüssel
access-region-flanders = Flandern
access-region-wallonia = Wallonien
access-region-brussels-capital = Brüssel-Hauptstadt
access-region-brabant-wallon = Wallonisch-Brabant
access-region-vlaams-brabant = Flämisch-Brabant
access-region-antwerpen = Antwerpen
access-region-limburg = Limburg
access-region-liege = Lüttich
access-region-namur = Namur
access-region-hainaut = Hennegau
access-region-luxembourg = Luxemburg
access-region-west-vlaanderen = Westflandern
access-region-oost-vlaanderen = Ostflandern

## API tokens
access-tokens-heading = API-Token
access-tokens-intro = Maschinelle Clients wie die Telefonanlage (PBX) verwenden ein Token und signieren, was sie senden, mit dessen Signaturgeheimnis. Ein Token ist nie eine Person und öffnet keine Akten.
access-col-created = Angelegt
access-revoked = Widerrufen
access-revoke = Widerrufen
access-no-tokens = Noch keine Token.
access-confirm-revoke-token = Das Token { $name } widerrufen? Das System, das es verwendet, wird sofort abgewiesen.
access-token-revoked = Token { $name } widerrufen.
access-new-token = Neues Telefonie-Token
access-token-name = Name (wofür es dient, zum Beispiel der Name der PBX)
access-token-role = Es handelt als: Telefonanlage.
access-create-token = Token anlegen
access-token-once-title = Jetzt kopieren: Sie werden nur einmal angezeigt
access-token-once-warning = Hinterlegen Sie sie in der Konfiguration der Telefonanlage oder in einem Passwortmanager, nirgendwo sonst. Wer sie besitzt, kann Anrufereignisse senden. Gehen sie verloren, widerrufen Sie dieses Token und legen Sie ein neues an.
access-token-value = Token (gesendet als Authorization: Bearer)
access-signing-secret = Signaturgeheimnis
access-token-stored = Ich habe sie gespeichert

## The DPO's report (audit_person.html)
access-audit-intro = Jeder protokollierte Zugriff auf die Akten der Person hinter einem Aktenzeichen: Öffnungen mit ihrem Grund, Suchen und Anrufanzeigen, die sie zeigten, Einsichten in den Verlauf, Statusänderungen. Was ein Auskunftsersuchen (DSGVO Art. 15) braucht. Auch Ihre Anfrage wird protokolliert.
access-audit-code = Aktenzeichen
access-audit-code-help = 7 Buchstaben und Ziffern, zum Beispiel K7M4QXB.
access-audit-show = Bericht anzeigen
access-audit-print = Drucken
access-audit-report-for = Zugriffsbericht zur Akte { $code }
access-audit-made = Erstellt am { $time } von { $name }.
access-audit-cases = Akten dieser Person: { $codes }
access-audit-count = Protokollierte Zugriffe: { $n }
access-audit-none = Kein protokollierter Zugriff.
access-audit-not-found = Keine Akte hat dieses Aktenzeichen. Prüfen Sie es und versuchen Sie es erneut.
access-audit-bad-code = Ein Aktenzeichen hat 7 Buchstaben und Ziffern, zum Beispiel K7M4QXB.
access-col-when = Wann
access-col-who = Wer
access-col-what = Was
access-col-case = Akte
access-col-reason = Grund
access-col-justification = Begründung

## Audited actions, in plain words
access-action-case-opened = Hat die Akte geöffnet
access-action-case-break-glass = Hat die Akte per Notfallzugriff geöffnet
access-action-case-searched = Hat die Akte über eine Suche gefunden
access-action-case-screen-pop = Bekam die Akte bei einem eingehenden Anruf angezeigt
access-action-case-history-read = Hat den Verlauf der Akte eingesehen
access-action-case-status = Hat den Status der Akte geändert
access-action-case-purged = Hat die personenbezogenen Daten gelöscht (Aufbewahrungsfrist abgelaufen)
access-action-contacts-recorded = Hat die Person als Kontakt eines Indexfalls erfasst
access-action-dpo-person-report = Hat diesen Zugriffsbericht abgerufen

## Reasons given for opening a file
access-reason-call-order = Anrufauftrag
access-reason-inbound = eingehender Anruf
access-reason-screen-pop = Anzeige bei eingehendem Anruf
access-reason-break-glass = Notfallzugriff

## Changing one's password (password.html)
access-password-title = Mein Passwort ändern
access-password-forced-title = Wählen Sie Ihr eigenes Passwort
access-password-forced-intro = Ein Administrator hat Ihnen ein vorläufiges Passwort gegeben. Wählen Sie Ihr eigenes, bevor Sie fortfahren; nur Sie sollten es kennen.
access-password-current = Aktuelles Passwort
access-password-temporary = Vorläufiges Passwort
access-password-new = Neues Passwort
access-password-repeat = Neues Passwort wiederholen
access-password-submit = Passwort ändern
access-password-done = Ihr Passwort wurde geändert.
access-password-mismatch = Die beiden neuen Passwörter stimmen nicht überein.
access-password-same = Wählen Sie ein anderes Passwort als das aktuelle.
access-log-out = Abmelden

## Field problems (the `code` of the API's field errors)
access-error-invalid-email = Das ist keine E-Mail-Adresse.
access-error-invalid-length = Pflichtfeld, und nicht zu lang.
access-error-too-short = Mindestens { $min } Zeichen.
access-error-unknown-team = Dieses Team gibt es nicht (mehr). Laden Sie die Seite neu.
access-error-invalid-language = Unbekannte Sprache.
access-error-invalid-range = Schreiben Sie einen Bereich als VON-BIS mit vierstelligen Postleitzahlen, zum Beispiel 1000-1299.
access-error-unknown-region = Keine Region oder Provinz.
access-error-jurisdiction = Wählen Sie national oder Postleitzahlbereiche und Regionen: eines von beiden.
access-error-wrong-password = Das ist nicht Ihr aktuelles Passwort.
access-error-required = Pflichtfeld.

## Refusals (problem slugs and the account rules), and what else can go wrong
access-problem-validation = Einige Felder müssen korrigiert werden.
access-problem-unauthenticated = Ihre Sitzung ist beendet. Melden Sie sich erneut an.
access-problem-forbidden = Ihre Rolle erlaubt dies nicht.
access-problem-password-change-required = Wählen Sie zuerst ein neues Passwort.
access-problem-not-found = Nicht gefunden: Es hat sich vielleicht inzwischen geändert. Laden Sie die Seite neu.
access-problem-too-many-attempts = Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.
access-problem-internal = Serverfehler. Versuchen Sie es erneut; wenn es weiter auftritt, informieren Sie das technische Team.
access-problem-network = Keine Verbindung zum Server. Prüfen Sie das Netzwerk und versuchen Sie es erneut.
access-problem-generic = Das hat nicht geklappt.
access-rule-own-role = Niemand ändert seine eigene Rolle: Bitten Sie einen anderen Administrator darum.
access-rule-deactivate-self = Niemand deaktiviert sein eigenes Konto.
access-rule-last-admin = Der letzte aktive Administrator bleibt aktiver Administrator: Machen Sie zuerst jemand anderen zum Administrator.
access-conflict-email = Ein Konto mit dieser E-Mail-Adresse gibt es bereits.
access-conflict-team = Ein Team mit diesem Namen gibt es bereits.
