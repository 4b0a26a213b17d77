# author.ftl: The author's page (scripting templates/author.html): scripts and their
# releases, editing, checking, previewing and publishing a script, two releases side by
# side. Dutch (nl, as written in Belgium).
#
# The page's scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('no_problems')` reads `author-no-problems`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
author-title = Scripts
author-nav-label = Scriptauteur
author-nav-home = Start
author-nav-training = Opleiding
author-nav-password = Mijn wachtwoord wijzigen
author-loading = Laden…

## The scripts
author-scripts-heading = Gepubliceerde scripts
author-col-script = Script
author-col-kind = Soort
author-col-release = Versie
author-col-published = Gepubliceerd
author-col-actions = Acties
author-open = Openen
author-open-script = Script { $id } openen
author-no-scripts = Er is nog geen script gepubliceerd.
author-work-heading = { $id }, nieuwste versie: { $n }

## Editing, checking, publishing
author-edit-heading = Bewerken
author-edit-note = De bestanden van de nieuwste versie. Wijzig ze, controleer ze, bekijk het voorbeeld en publiceer ze dan: de agenten krijgen de nieuwe versie bij hun volgende gesprek.
author-no-sources = De bestanden van deze versie zijn niet bewaard (de versie werd gepubliceerd voordat bestanden bewaard werden). Publiceer de versie opnieuw vanuit haar bestanden om ze hier te bewerken.
author-check = Controleren
author-publish = Publiceren
author-revert = Mijn wijzigingen ongedaan maken
author-go-to = Ga naar { $path }, regel { $line }, kolom { $column }
author-problems = Problemen die u moet verbeteren voor u publiceert: { $n }.
author-no-problems = Geen problemen gevonden: u kunt publiceren.
author-unchanged = { $id }: hetzelfde als versie { $n }; publiceren verandert niets.
author-would-be-first = { $id }: publiceren maakt er de eerste versie van.
author-would-be-next = { $id }: publiceren maakt versie { $n }, met deze wijzigingen:
author-change-nodes-added = stap { $id } toegevoegd
author-change-nodes-removed = stap { $id } verwijderd
author-change-nodes-changed = stap { $id } gewijzigd
author-change-fields-added = vraag { $id } toegevoegd
author-change-fields-removed = vraag { $id } verwijderd
author-change-fields-changed = vraag { $id } gewijzigd
author-published = { $id }: versie { $n } is gepubliceerd.
author-published-unchanged = { $id }: niets gewijzigd, versie { $n } blijft de nieuwste.

## The preview
author-preview-heading = Voorbeeld
author-preview-note = Het bewerkte script zoals een agent het doorloopt, met een fictieve burger (Marie Exemple). Antwoord en klik op Volgende om de vertakkingen te volgen.
author-preview-language = Taal
author-preview-start = Opnieuw beginnen
author-preview-next = Volgende
author-preview-unknown-field = De vraag { $id } staat niet in het formulier.
author-preview-no-text = (geen { $lang }-tekst)
author-preview-repeat = een lijst die de agent invult (geen voorbeeld)
author-preview-waiting = Nog geen enkele vertakking past bij deze antwoorden: beantwoord de vragen.
author-preview-nowhere = Deze stap leidt nergens heen.
author-preview-missing = Niet ingevuld voor deze burger: { $names }.
author-preview-end = Het gesprek eindigt hier: { $outcome }.
author-preview-fix-first = Verbeter eerst de problemen (klik op Controleren).
author-yes = Ja
author-no = Nee
author-outcome-reached = bereikt
author-outcome-no-answer = geen antwoord
author-outcome-busy = bezet
author-outcome-voicemail = voicemail
author-outcome-wrong-number = verkeerd nummer
author-outcome-refused = geweigerd
author-outcome-callback = terugbellen afgesproken
author-outcome-not-applicable = niet van toepassing

## Releases side by side
author-releases-heading = Versies
author-compare-from = Ouder
author-compare-to = Nieuwer
author-compare-from-n = Vergelijken vanaf versie { $n }
author-compare-to-n = Vergelijken met versie { $n }
author-compare = Vergelijken
author-compare-two = Kies twee verschillende versies.
author-kind-node = Stap
author-kind-field = Vraag
author-change-added = toegevoegd
author-change-removed = verwijderd
author-change-changed = gewijzigd
author-diff-caption = Versie { $from } (links) en versie { $to } (rechts)
author-release-n = Versie { $n }
author-no-differences = Versies { $from } en { $to } vragen en zeggen hetzelfde.

## Field problems and refusals
author-error-too-large = Te veel bestanden, of te grote bestanden, om in één keer te controleren.
author-problem-validation = Sommige velden moeten verbeterd worden.
author-problem-lint = De bestanden bevatten problemen: er is niets gepubliceerd.
author-problem-unauthenticated = Uw sessie is beëindigd. Meld u opnieuw aan.
author-problem-forbidden = Uw rol laat dit niet toe.
author-problem-not-found = Niet gevonden: het is intussen misschien gewijzigd. Herlaad de pagina.
author-problem-internal = Serverfout. Probeer opnieuw; verwittig het technische team als het blijft gebeuren.
author-problem-network = Geen verbinding met de server. Controleer het netwerk en probeer opnieuw.
author-problem-generic = Dat is niet gelukt.
