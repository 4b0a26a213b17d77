# author.ftl: The author's page (scripting templates/author.html): scripts and their
# releases, editing, checking, previewing and publishing a script, two releases side by
# side. French (fr).
#
# The page's scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('no_problems')` reads `author-no-problems`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
author-title = Scripts
author-nav-label = Auteur de scripts
author-nav-home = Accueil
author-nav-training = Formation
author-nav-password = Changer mon mot de passe
author-loading = Chargement…

## The scripts
author-scripts-heading = Scripts publiés
author-col-script = Script
author-col-kind = Type
author-col-release = Version
author-col-published = Publiée
author-col-actions = Actions
author-open = Ouvrir
author-open-script = Ouvrir le script { $id }
author-no-scripts = Aucun script n'est encore publié.
author-work-heading = { $id }, dernière version : { $n }

## Editing, checking, publishing
author-edit-heading = Modifier
author-edit-note = Les fichiers de la dernière version. Modifiez-les, vérifiez, prévisualisez, puis publiez : les agents reçoivent la nouvelle version dès leur prochain appel.
author-no-sources = Les fichiers de cette version n'ont pas été conservés (elle a été publiée avant qu'ils ne le soient). Publiez-la à nouveau à partir de ses fichiers pour la modifier ici.
author-check = Vérifier
author-publish = Publier
author-revert = Annuler mes modifications
author-go-to = Aller à { $path }, ligne { $line }, colonne { $column }
author-problems = Problèmes à corriger avant de publier : { $n }.
author-no-problems = Aucun problème trouvé : vous pouvez publier.
author-unchanged = { $id } : identique à la version { $n } ; publier ne change rien.
author-would-be-first = { $id } : publier crée sa première version.
author-would-be-next = { $id } : publier crée la version { $n }, avec ces changements :
author-change-nodes-added = étape { $id } ajoutée
author-change-nodes-removed = étape { $id } supprimée
author-change-nodes-changed = étape { $id } modifiée
author-change-fields-added = question { $id } ajoutée
author-change-fields-removed = question { $id } supprimée
author-change-fields-changed = question { $id } modifiée
author-published = { $id } : la version { $n } est publiée.
author-published-unchanged = { $id } : rien n'a changé, la version { $n } reste la dernière.

## The preview
author-preview-heading = Aperçu
author-preview-note = Le script modifié tel qu'un agent le parcourt, avec un citoyen fictif (Marie Exemple). Répondez et cliquez sur Suivant pour suivre les embranchements.
author-preview-language = Langue
author-preview-start = Recommencer
author-preview-next = Suivant
author-preview-unknown-field = La question { $id } ne figure pas dans le formulaire.
author-preview-no-text = (pas de texte { $lang })
author-preview-repeat = une liste que l'agent remplit (sans aperçu)
author-preview-waiting = Aucun embranchement ne correspond encore à ces réponses : répondez aux questions.
author-preview-nowhere = Cette étape ne mène nulle part.
author-preview-missing = Non renseigné pour ce citoyen : { $names }.
author-preview-end = L'appel se termine ici : { $outcome }.
author-preview-fix-first = Corrigez d'abord les problèmes (cliquez sur Vérifier).
author-yes = Oui
author-no = Non
author-outcome-reached = joint
author-outcome-no-answer = pas de réponse
author-outcome-busy = occupé
author-outcome-voicemail = messagerie vocale
author-outcome-wrong-number = mauvais numéro
author-outcome-refused = refus
author-outcome-callback = rappel convenu
author-outcome-not-applicable = sans objet

## Releases side by side
author-releases-heading = Versions
author-compare-from = Plus ancienne
author-compare-to = Plus récente
author-compare-from-n = Comparer en partant de la version { $n }
author-compare-to-n = Comparer avec la version { $n }
author-compare = Comparer
author-compare-two = Choisissez deux versions différentes.
author-kind-node = Étape
author-kind-field = Question
author-change-added = ajoutée
author-change-removed = supprimée
author-change-changed = modifiée
author-diff-caption = Version { $from } (à gauche) et version { $to } (à droite)
author-release-n = Version { $n }
author-no-differences = Les versions { $from } et { $to } demandent et disent la même chose.

## Field problems and refusals
author-error-too-large = Trop de fichiers, ou des fichiers trop volumineux, pour tout vérifier en une fois.
author-problem-validation = Certains champs sont à corriger.
author-problem-lint = Les fichiers contiennent des problèmes : rien n'a été publié.
author-problem-unauthenticated = Votre session a pris fin. Reconnectez-vous.
author-problem-forbidden = Votre rôle ne le permet pas.
author-problem-not-found = Introuvable : cela a peut-être changé entre-temps. Rechargez la page.
author-problem-internal = Erreur du serveur. Réessayez ; si cela se répète, prévenez l'équipe technique.
author-problem-network = Pas de connexion au serveur. Vérifiez le réseau et réessayez.
author-problem-generic = Cela n'a pas fonctionné.
