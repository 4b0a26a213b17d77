# supervise.ftl: The supervisor's pages (campaigns templates/campaigns.html, orders.html):
# the campaign builder with its list of campaigns, and the order list. French (fr).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('save_draft')` reads `supervise-save-draft`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation
supervise-nav-label = Supervision
supervise-nav-dashboard = Tableau de bord
supervise-nav-campaigns = Campagnes
supervise-nav-orders = Ordres d'appel
supervise-nav-training = Formation
supervise-nav-password = Changer mon mot de passe
supervise-loading = Chargement…
supervise-back = Retour

## The campaign list
supervise-campaigns-title = Campagnes
supervise-list-heading = Vos campagnes
supervise-col-name = Campagne
supervise-col-status = Statut
supervise-col-script = Script
supervise-col-target = Qui est appelé
supervise-col-waiting = Reste à appeler
supervise-col-done = Terminés
supervise-col-actions = Actions
supervise-no-campaigns = Aucune campagne pour l'instant : créez la première ci-dessous.
supervise-status-draft = Brouillon
supervise-status-running = En cours
supervise-status-paused = En pause
supervise-status-completed = Terminée
supervise-status-cancelled = Annulée
supervise-edit = Modifier
supervise-launch = Lancer
supervise-resume = Reprendre
supervise-pause = Mettre en pause
supervise-complete = Terminer
supervise-cancel = Annuler
supervise-clone = Dupliquer
supervise-codes-count = Dossiers listés : { $n }
supervise-launched = La campagne { $name } est en cours. Ordres d'appel : { $n }.
supervise-done-pause = La campagne { $name } est en pause : ses ordres ne sont plus proposés.
supervise-done-complete = La campagne { $name } est terminée.
supervise-done-cancel = La campagne { $name } est annulée, ainsi que tous ses ordres dont l'appel n'a pas encore eu lieu.
supervise-confirm-complete-title = Terminer { $name } ?
supervise-confirm-complete-text = Ses ordres restants ne seront plus proposés. Une campagne terminée ne peut pas être reprise.
supervise-confirm-cancel-title = Annuler { $name } ?
supervise-confirm-cancel-text = Tous les ordres dont l'appel n'a pas encore eu lieu sont annulés. C'est irréversible.

## The builder
supervise-builder-new = Nouvelle campagne
supervise-builder-edit = Modification du brouillon { $name }
supervise-builder-clone = Nouvelle campagne, copiée de { $name }
supervise-copy-of = { $name } (copie)
supervise-part-what = Nom et objectif
supervise-name = Nom
supervise-purpose = Objectif (pour l'équipe ; les agents le voient aussi)
supervise-part-script = Script
supervise-script = Script que suivent les agents
supervise-release = version
supervise-script-written-for = Écrit pour : { $types }.
supervise-script-any-type = Écrit pour tous les types de dossier.
supervise-preview = Prévisualiser le script tel que les agents le verront
supervise-preview-language = Langue de l'aperçu
supervise-preview-missing = (pas de texte { $lang } : les agents verraient une autre langue)
supervise-part-target = Qui est appelé
supervise-case-type = Type de dossier
supervise-case-type-contact = Contacts à haut risque
supervise-case-type-index = Cas index (testés positifs)
supervise-case-type-any = Tous les types
supervise-override = Utiliser quand même ce script, sur des dossiers pour lesquels il n'est pas écrit (consigné dans le journal d'audit)
supervise-regions = Provinces
supervise-none-is-all = (aucune cochée : toutes)
supervise-statuses = Statut du dossier
supervise-status-open = Ouvert
supervise-status-in-progress = En cours
supervise-status-closed = Clôturé
supervise-age-bands = Tranches d'âge
supervise-created-from = Enregistré à partir du
supervise-created-to = Enregistré jusqu'au
supervise-case-codes = Uniquement ces dossiers (codes de dossier)
supervise-case-codes-note = Un code par ligne, ou séparés par des virgules. Laissez vide pour appeler tous les dossiers qui répondent aux critères ci-dessus.
supervise-case-codes-file = Ou importez une liste (CSV ou texte, avec une colonne nommée code, ou la première colonne) :
supervise-codes-read = Codes lus dans { $file } : { $n }.
supervise-count = Personnes que cette campagne appellerait maintenant : { $n }.
supervise-count-unknown = Impossible de compter pour l'instant : { $why }
supervise-part-when = Quand et à quelle fréquence
supervise-any-time = Appeler à toute heure (sans plages d'appel)
supervise-week-closed = pas d'appel
supervise-week-copy-monday = Mêmes plages que le lundi pour tous les jours de la semaine
supervise-week-empty = Aucun jour n'a de plage d'appel : ajoutez-en une, ou cochez « Appeler à toute heure ».
supervise-window-add = Ajouter une plage
supervise-window-add-to = { $day } : ajouter une plage
supervise-window-from = { $day }, plage { $n }, de
supervise-window-to = { $day }, plage { $n }, jusqu'à
supervise-window-remove = { $day } : supprimer la plage { $n }
supervise-window-of = { $day }, plage { $n }
supervise-line = Ligne { $n }
supervise-day-mon = Lundi
supervise-day-tue = Mardi
supervise-day-wed = Mercredi
supervise-day-thu = Jeudi
supervise-day-fri = Vendredi
supervise-day-sat = Samedi
supervise-day-sun = Dimanche
supervise-deadline-hours = Délai pour joindre chaque dossier (heures après son enregistrement)
supervise-max-attempts = Tentatives avant d'abandonner
supervise-retry-no-answer = Nouvel essai après une absence de réponse (minutes)
supervise-retry-busy = Nouvel essai après une ligne occupée (minutes)
supervise-retry-voicemail = Nouvel essai après la messagerie vocale (minutes)
supervise-time-zone = Fuseau horaire des plages
supervise-holidays = Jours sans aucun appel (YYYY-MM-DD, séparés par des virgules)
supervise-part-who = Qui appelle
supervise-teams = Équipes
supervise-teams-none = (aucune cochée : toutes les équipes, au niveau national)
supervise-languages = Langues traitées
supervise-courses = Cours que les agents doivent avoir réussis
supervise-no-courses = Aucun cours n'est publié.
supervise-save-draft = Enregistrer le brouillon
supervise-save-changes = Enregistrer les modifications
supervise-save-launch = Enregistrer et lancer
supervise-start-over = Nouvelle campagne
supervise-saved = La campagne { $name } est enregistrée comme brouillon.
supervise-saved-launched = La campagne { $name } est enregistrée et lancée.

## The order list
supervise-orders-title = Ordres d'appel
supervise-filters = Filtrer les ordres
supervise-all = Tous
supervise-col-order = Ordre
supervise-col-campaign = Campagne
supervise-col-case = Dossier
supervise-col-language = Langue
supervise-col-state = État
supervise-col-attempts = Tentatives
supervise-col-agent = Agent
supervise-col-deadline = Échéance
supervise-at-risk-only = Uniquement les ordres à risque (échéance dans les 2 heures)
supervise-apply = Afficher
supervise-at-risk = à risque
supervise-orders-more = D'autres ordres correspondent : affinez les filtres pour les voir.
supervise-no-orders = Aucun ordre ne correspond à ces filtres.
supervise-state-open = En attente
supervise-state-leased = Chez un agent
supervise-state-done = Terminé
supervise-state-cancelled = Annulé
supervise-kept-for = réservé à { $name }
supervise-reassign = Réattribuer
supervise-raise = Avancer
supervise-reassign-order = Réattribuer l'ordre { $id }
supervise-raise-order = Avancer l'ordre { $id } dans la file d'attente
supervise-cancel-order = Annuler l'ordre { $id }
supervise-to-agent = À l'agent
supervise-raise-by = Avancer de
supervise-done-reassign-order = L'ordre { $id } est désormais confié à { $agent }.
supervise-done-raise-order = L'ordre { $id } a été avancé dans la file d'attente.
supervise-done-cancel-order = L'ordre { $id } est annulé.

## Call outcomes
supervise-outcome-reached = joint
supervise-outcome-no-answer = pas de réponse
supervise-outcome-busy = occupé
supervise-outcome-voicemail = messagerie vocale
supervise-outcome-wrong-number = mauvais numéro
supervise-outcome-refused = refus
supervise-outcome-callback = rappel convenu
supervise-outcome-not-applicable = sans objet

## Field problems (the `code` of the API's field errors)
supervise-error-required = Obligatoire.
supervise-error-invalid = Valeur non acceptée telle qu'écrite.
supervise-error-out-of-range = Hors des limites permises.
supervise-error-unknown-team = Cette équipe n'existe pas (ou plus). Rechargez la page.
supervise-error-unknown-script = Ce script n'a aucune version publiée.
supervise-error-script-kind = Ce script est destiné aux appels entrants ; une campagne passe des appels sortants.
supervise-error-script-mismatch = Le script n'est pas écrit pour ces dossiers : choisissez un autre script, restreignez le type de dossier, ou cochez « Utiliser quand même ce script ».
supervise-error-invalid-code = Ce n'est pas un code de dossier (vérifiez qu'il ne contient pas de faute de frappe).
supervise-error-too-many = Trop de codes de dossier pour une seule liste (10 000 au maximum).
supervise-error-empty-window = La plage se termine avant de commencer.
supervise-error-invalid-time = Écrivez une heure sous la forme HH:MM.
supervise-error-invalid-date = Écrivez une date sous la forme YYYY-MM-DD.
supervise-error-unknown-weekday = Jour de la semaine inconnu.
supervise-error-unknown-time-zone = Fuseau horaire inconnu (par exemple Europe/Brussels).

## Refusals (problem slugs), and what else can go wrong
supervise-problem-validation = Certains champs sont à corriger.
supervise-problem-unauthenticated = Votre session a pris fin. Reconnectez-vous.
supervise-problem-forbidden = Votre rôle ne le permet pas.
supervise-problem-not-found = Introuvable : cela a peut-être changé entre-temps. Rechargez la page.
supervise-problem-conflict = Impossible dans son état actuel (cela a peut-être changé entre-temps).
supervise-problem-internal = Erreur du serveur. Réessayez ; si cela se répète, prévenez l'équipe technique.
supervise-problem-network = Pas de connexion au serveur. Vérifiez le réseau et réessayez.
supervise-problem-generic = Cela n'a pas fonctionné.

## Figures and charts (console templates/figures.html)
supervise-nav-figures = Chiffres
supervise-figures-title = Chiffres et graphiques
supervise-period = Période
supervise-period-from = Du
supervise-period-to = Au (inclus)
supervise-period-today = Aujourd'hui
supervise-period-week = 7 derniers jours
supervise-period-day = Chiffres du { $day }.
supervise-period-days = Chiffres du { $from } au { $to }.
supervise-teams-heading = Par équipe
supervise-agents-heading = Par agent
supervise-national = National (sans équipe)
supervise-col-who = Qui
supervise-col-calls = Appels
supervise-col-reach = Joints
supervise-col-handling-median = Durée de traitement (médiane)
supervise-col-handling-p90 = Durée de traitement (90e centile)
supervise-time-ready = Temps prêt
supervise-time-in-call = Temps en appel
supervise-time-wrap-up = Temps en après-appel
supervise-time-paused = Temps en pause
supervise-no-work = Rien sur cette période.
supervise-chart-reach = Ordres joints en moins de 24 heures, par jour
supervise-chart-queue = Ordres en attente, heure par heure
supervise-chart-outcomes = Résultats des appels par campagne
supervise-chart-figures = Les chiffres
supervise-no-data = Aucune donnée sur cette période
supervise-col-day = Jour
supervise-col-orders = Ordres
supervise-col-reached-24h = Joints en 24 h
supervise-col-share = Part
supervise-col-hour = Heure
