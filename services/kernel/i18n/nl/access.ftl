# access.ftl: Access management pages (kernel/templates/admin.html, audit_person.html,
# password.html): accounts, teams and API tokens for admins, the DPO's report on one person,
# changing one's password. Dutch (nl, as written in Belgium).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('users_heading')` reads `access-users-heading`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
access-admin = Accounts en toegang
access-audit = Toegangsrapport over een persoon
access-change-password = Mijn wachtwoord wijzigen
access-loading = Laden…
access-cancel = Annuleren
access-copy = Kopiëren
access-copied = Gekopieerd.

## Accounts (admin.html)
access-users-heading = Accounts
access-users-intro = Wie de rol, het team of de status van iemand wijzigt, beëindigt meteen diens sessies: die persoon meldt zich opnieuw aan met de nieuwe rechten.
access-col-name = Naam
access-col-email = E-mail
access-col-role = Rol
access-col-team = Team
access-col-languages = Talen
access-col-status = Status
access-col-actions = Acties
access-active = Actief
access-inactive = Gedeactiveerd
access-must-change = moet een nieuw wachtwoord kiezen
access-no-team = Geen team (nationaal)
access-no-users = Nog geen accounts.
access-yourself = Uw eigen account: niemand wijzigt zijn eigen rol of deactiveert zichzelf.
access-deactivate = Deactiveren
access-reactivate = Opnieuw activeren
access-reset-password = Wachtwoord resetten
access-revoke-sessions = Overal afmelden
access-confirm-role = { $name } de rol { $role } geven? De sessies van die persoon worden beëindigd en die moet zich opnieuw aanmelden.
access-confirm-team = { $name } naar { $team } verplaatsen? De sessies van die persoon worden beëindigd en die moet zich opnieuw aanmelden.
access-confirm-deactivate = { $name } deactiveren? Die persoon wordt meteen afgemeld en kan zich niet meer aanmelden.
access-confirm-revoke = { $name } overal afmelden? Die persoon moet zich opnieuw aanmelden.
access-role-changed = { $name } heeft nu de rol { $role }. De sessies zijn beëindigd.
access-team-changed = { $name } hoort nu bij: { $team }. De sessies zijn beëindigd.
access-deactivated = { $name } is gedeactiveerd en overal afgemeld.
access-reactivated = { $name } kan zich opnieuw aanmelden.
access-sessions-revoked = { $name } werd afgemeld ({ $n } sessie(s) beëindigd).

## Reset password dialog
access-reset-title = Tijdelijk wachtwoord voor { $name }
access-reset-help = Geef het persoonlijk of telefonisch door, nooit via e-mail. Bij de volgende aanmelding moet die persoon eerst een eigen wachtwoord kiezen. De lopende sessies worden nu beëindigd.
access-temporary-password = Tijdelijk wachtwoord
access-suggest-password = Stel er een voor
access-reset-confirm = Tijdelijk wachtwoord instellen
access-reset-done = Tijdelijk wachtwoord ingesteld voor { $name }. Bij de volgende aanmelding moet die persoon een nieuw wachtwoord kiezen.

## New account
access-new-user = Nieuw account
access-email = E-mail
access-name = Volledige naam
access-role = Rol
access-team = Team
access-main-language = Hoofdtaal (ook de taal van de schermen)
access-other-languages = Andere gesproken talen
access-password = Wachtwoord
access-password-rule = Minstens { $min } tekens.
access-first-change = Vragen om bij de eerste aanmelding een eigen wachtwoord te kiezen
access-create-user = Account aanmaken
access-user-created = Account aangemaakt voor { $name }.

## Roles
access-role-agent = Agent
access-role-supervisor = Supervisor
access-role-author = Scriptauteur
access-role-epidemiologist = Epidemioloog
access-role-trainer = Opleider
access-role-admin = Beheerder
access-role-dpo = Functionaris voor gegevensbescherming
access-role-telephony = Telefoniesysteem

## Languages
access-language-fr = Frans
access-language-nl = Nederlands
access-language-de = Duits
access-language-en = Engels

## Teams
access-teams-heading = Teams
access-teams-intro = Een team behandelt de dossiers van zijn gebied: zijn agenten vinden en openen enkel die, en zijn supervisors sturen enkel hun eigen team aan. Wie geen team heeft, werkt nationaal.
access-col-area = Gebied
access-national = Nationaal (het hele land)
access-no-teams = Nog geen teams.
access-new-team = Nieuw team
access-team-name = Naam
access-team-national = Nationaal: het hele land
access-team-postal = Postcodereeksen
access-team-postal-help = Bijvoorbeeld 1000-1299, 1500-1999, of één postcode; scheid ze met komma's, spaties of nieuwe regels.
access-team-regions = Gewesten en provincies
access-team-regions-help = Houd Ctrl (⌘ op een Mac) ingedrukt om er meerdere te kiezen. Ze komen bij de reeksen hierboven.
access-regions = Gewesten
access-provinces = Provincies
access-create-team = Team aanmaken
access-team-created = Team { $name } aangemaakt.

## Regions and provinces (the names kernel::postal accepts)
access-region-brussels = Brussel
access-region-flanders = Vlaanderen
access-region-wallonia = Wallonië
access-region-brussels-capital = Brussel-Hoofdstad
access-region-brabant-wallon = Waals-Brabant
access-region-vlaams-brabant = Vlaams-Brabant
access-region-antwerpen = Antwerpen
access-region-limburg = Limburg
access-region-liege = Luik
access-region-namur = Namen
access-region-hainaut = Henegouwen
access-region-luxembourg = Luxemburg
access-region-west-vlaanderen = West-Vlaanderen
access-region-oost-vlaanderen = Oost-Vlaanderen

## API tokens
access-tokens-heading = API-tokens
access-tokens-intro = Machineclients zoals het telefoniesysteem (PBX) gebruiken een token en ondertekenen wat ze versturen met het bijbehorende ondertekeningsgeheim. Een token is nooit een persoon en opent geen dossiers.
access-col-created = Aangemaakt
access-revoked = Ingetrokken
access-revoke = Intrekken
access-no-tokens = Nog geen tokens.
access-confirm-revoke-token = Het token { $name } intrekken? Het systeem dat het gebruikt, wordt meteen geweigerd.
access-token-revoked = Token { $name } ingetrokken.
access-new-token = Nieuw telefonietoken
access-token-name = Naam (waarvoor het dient, bijvoorbeeld de naam van de PBX)
access-token-role = Het handelt als: telefoniesysteem.
access-create-token = Token aanmaken
access-token-once-title = Kopieer ze nu: ze worden maar één keer getoond
access-token-once-warning = Bewaar ze in de configuratie van het telefoniesysteem of in een wachtwoordbeheerder, nergens anders. Wie ze heeft, kan oproepgebeurtenissen versturen. Raken ze kwijt, trek dit token dan in en maak een nieuw aan.
access-token-value = Token (verstuurd als Authorization: Bearer)
access-signing-secret = Ondertekeningsgeheim
access-token-stored = Ik heb ze bewaard

## The DPO's report (audit_person.html)
access-audit-intro = Elke geregistreerde toegang tot de dossiers van de persoon achter een dossiercode: openingen met hun reden, zoekopdrachten en schermen bij inkomende oproepen die ze toonden, raadplegingen van de geschiedenis, statuswijzigingen. Wat een verzoek om inzage (AVG, art. 15) nodig heeft. Ook uw verzoek wordt geregistreerd.
access-audit-code = Dossiercode
access-audit-code-help = 7 letters en cijfers, bijvoorbeeld K7M4QXB.
access-audit-show = Rapport tonen
access-audit-print = Afdrukken
access-audit-report-for = Toegangsrapport voor dossier { $code }
access-audit-made = Opgemaakt op { $time } door { $name }.
access-audit-cases = Dossiers van deze persoon: { $codes }
access-audit-count = Geregistreerde toegangen: { $n }
access-audit-none = Geen geregistreerde toegang.
access-audit-not-found = Geen enkel dossier heeft deze code. Controleer ze en probeer opnieuw.
access-audit-bad-code = Een dossiercode heeft 7 letters en cijfers, bijvoorbeeld K7M4QXB.
access-col-when = Wanneer
access-col-who = Wie
access-col-what = Wat
access-col-case = Dossier
access-col-reason = Reden
access-col-justification = Verantwoording

## Audited actions, in plain words
access-action-case-opened = Opende het dossier
access-action-case-break-glass = Brak het glas om het dossier te openen (noodtoegang)
access-action-case-searched = Vond het dossier via een zoekopdracht
access-action-case-screen-pop = Kreeg het dossier te zien bij een inkomende oproep
access-action-case-history-read = Raadpleegde de geschiedenis van het dossier
access-action-case-status = Wijzigde de status van het dossier
access-action-case-purged = Wiste de persoonsgegevens (bewaartermijn verstreken)
access-action-contacts-recorded = Registreerde de persoon als contact van een indexpatiënt
access-action-dpo-person-report = Raadpleegde dit toegangsrapport

## Reasons given for opening a file
access-reason-call-order = belopdracht
access-reason-inbound = inkomende oproep
access-reason-screen-pop = scherm bij inkomende oproep
access-reason-break-glass = glas gebroken (noodtoegang)

## Changing one's password (password.html)
access-password-title = Mijn wachtwoord wijzigen
access-password-forced-title = Kies uw eigen wachtwoord
access-password-forced-intro = Een beheerder heeft u een tijdelijk wachtwoord gegeven. Kies uw eigen wachtwoord voor u verdergaat; enkel u mag het kennen.
access-password-current = Huidig wachtwoord
access-password-temporary = Tijdelijk wachtwoord
access-password-new = Nieuw wachtwoord
access-password-repeat = Herhaal het nieuwe wachtwoord
access-password-submit = Wachtwoord wijzigen
access-password-done = Uw wachtwoord is gewijzigd.
access-password-mismatch = De twee nieuwe wachtwoorden zijn niet gelijk.
access-password-same = Kies een ander wachtwoord dan het huidige.
access-log-out = Afmelden

## Field problems (the `code` of the API's field errors)
access-error-invalid-email = Dit is geen e-mailadres.
access-error-invalid-length = Verplicht, en niet te lang.
access-error-too-short = Minstens { $min } tekens.
access-error-unknown-team = Dit team bestaat niet (meer). Herlaad de pagina.
access-error-invalid-language = Onbekende taal.
access-error-invalid-range = Schrijf een reeks als VAN-TOT met postcodes van vier cijfers, bijvoorbeeld 1000-1299.
access-error-unknown-region = Geen gewest of provincie.
access-error-jurisdiction = Kies nationaal, of postcodereeksen en gewesten: een van de twee.
access-error-wrong-password = Dit is niet uw huidige wachtwoord.
access-error-required = Verplicht.

## Refusals (problem slugs and the account rules), and what else can go wrong
access-problem-validation = Sommige velden moeten verbeterd worden.
access-problem-unauthenticated = Uw sessie is beëindigd. Meld u opnieuw aan.
access-problem-forbidden = Uw rol laat dit niet toe.
access-problem-password-change-required = Kies eerst een nieuw wachtwoord.
access-problem-not-found = Niet gevonden: het is intussen misschien gewijzigd. Herlaad de pagina.
access-problem-too-many-attempts = Te veel pogingen. Wacht even en probeer opnieuw.
access-problem-internal = Serverfout. Probeer opnieuw; verwittig het technische team als het blijft gebeuren.
access-problem-network = Geen verbinding met de server. Controleer het netwerk en probeer opnieuw.
access-problem-generic = Dat is niet gelukt.
access-rule-own-role = Niemand wijzigt zijn eigen rol: vraag het aan een andere beheerder.
access-rule-deactivate-self = Niemand deactiveert zijn eigen account.
access-rule-last-admin = De laatste actieve beheerder blijft actief beheerder: maak eerst iemand anders beheerder.
access-conflict-email = Er bestaat al een account met dit e-mailadres.
access-conflict-team = Er bestaat al een team met deze naam.
