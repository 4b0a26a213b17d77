### The agent console and the supervisor dashboard, in French.
###
### Message ids are `console-` and the key the JavaScript asks for, underscores turned
### into hyphens (`t(lang, 'ui_language')` reads `console-ui-language`). The server
### serves this file as /static/i18n/fr.json, each id mapped to its text with
### `{ $name }` written back as `{name}`; services/console/assets/i18n.js loads it.
### Keep every message simple and on one line: text and `{ $name }` placeables only (no
### selectors, terms or attributes); write a literal brace as {"{"}.
###
### Wording follows the e-learning course (elearning/console-and-scripts), which teaches
### agents these exact labels: keep them in step when either changes.

## Top bar and status

console-ui-language = Langue de la console
console-training-link = Formation
console-campaigns-link = Campagnes
console-orders-link = Ordres d'appel
console-figures-link = Chiffres
console-cases-link = Dossiers
console-import-link = Importation
console-change-password = Changer mon mot de passe
console-logout = Se déconnecter
console-logout-in-call = Un appel est en cours. Se déconnecter quand même ? Si possible, terminez d'abord l'appel.
console-status-offline = Pas prêt
console-status-ready = Prêt
console-status-paused = Pause
console-status-in-call = En appel
console-status-paused-reason = Pause : { $reason }
console-since = depuis { $time }
console-training-line = Formation : { $passed } cours réussis sur { $total }
console-training-none = Formation : aucun cours requis pour l'instant
console-training-missing = Certaines campagnes demandent des cours que vous n'avez pas encore réussis. Vous recevrez leurs appels dès que vous les aurez réussis :
console-tab-offer = Nouvel ordre d'appel
console-conn-ok = Connecté
console-conn-connecting = Connexion…
console-conn-lost = Connexion perdue, reconnexion…
console-conn-signed-out = Session terminée
console-today = aujourd'hui
console-dismiss = Masquer
console-close = Fermer
console-cancel = Annuler

## Ready and pause

console-ready = Prêt
console-pause = Pause
console-pause-reason = Motif de la pause
console-pause-reason-choose = Motif de la pause…
console-pause-choose-reason = Choisissez d'abord le motif de la pause.
console-reason-break = Pause
console-reason-meal = Repas
console-reason-training = Formation
console-reason-briefing = Briefing d'équipe
console-reason-technical = Problème technique
console-idle-offline = Vous n'êtes pas en « Prêt ».
console-idle-offline-help = Mettez votre casque, puis cliquez sur Prêt (Alt+R) pour recevoir des appels.
console-idle-ready = Prêt : en attente du prochain ordre d'appel…
console-idle-ready-help = Avant de quitter votre poste, même pour deux minutes, cliquez sur Pause (Alt+P) et choisissez un motif.
console-idle-paused = En pause.
console-idle-paused-reason = En pause : { $reason }.
console-idle-paused-help = Cliquez sur Prêt (Alt+R) à votre retour.

## Banners

console-pop-title = Appel entrant
console-pop-note = Ces dossiers correspondent au téléphone qui appelle, pas forcément à la personne qui parle. Ouvrez le bon dossier et faites toujours la vérification d'identité.
console-pop-none = Aucun dossier ne correspond à ce numéro. Cherchez avec « Nouvel appel entrant ».
console-message-from-supervisor = Message de votre superviseur

## Order card

console-offer-title = Ordre d'appel
console-offer-deadline = Échéance
console-offer-language = Langue
console-offer-attempt = Numéro de tentative
console-offer-citizen = Citoyen
console-attempt-n = Tentative { $n }
console-in-minutes = dans { $m } min
console-in-hours = dans { $h } h { $m }
console-deadline-passed = { $time }, échéance dépassée
console-offer-note = « Démarrer l'appel » ouvre le dossier : les données du citoyen sont déchiffrées et l'ouverture est enregistrée avec votre nom et l'heure.
console-start-call = Démarrer l'appel
console-case-type = Type de dossier
console-case-type-index = Cas index
console-case-type-contact = Contact à haut risque
console-case-status = Statut du dossier
console-case-status-open = Ouvert
console-case-status-in-progress = En cours
console-case-status-closed = Clôturé

## Call screen

console-kind-inbound = appel entrant
console-say-missing = Le dossier n'a pas de valeur pour : { $names }. Ne lisez pas « [?] » : demandez-le à la personne, ou poursuivez sans.
console-placeholder-person-first-name = prénom
console-placeholder-person-last-name = nom
console-placeholder-person-birth-date = date de naissance
console-placeholder-person-language = langue
console-placeholder-person-postal-code = code postal
console-placeholder-case-code = numéro de dossier
console-placeholder-case-type = type de cas
console-placeholder-case-test-date = date du test
console-placeholder-case-exposure-date = date d'exposition
console-placeholder-case-index-case-code = cas index
console-placeholder-agent-name = votre nom
console-script-language = Langue du script
console-path = Parcours
console-hint-label = Pour vous seul(e) – ne jamais lire à voix haute
console-next = Suivant
console-next-to-end = Suivant : fin ({ $outcome })
console-next-waiting = Répondez d'abord aux questions de cette étape.
console-at-end = Fin du script. Terminez l'appel avec le résultat qui s'est réellement produit (proposé : { $outcome }).
console-finish-call = Terminer l'appel
console-citizen-name = Nom
console-citizen-birth-date = Date de naissance
console-citizen-phone = Téléphone
console-citizen-case = Dossier
console-citizen-email = E-mail
console-citizen-national-number = Numéro de registre national
console-citizen-postal-code = Code postal
console-citizen-language = Langue
console-case-test-date = Date du test
console-case-exposure-date = Date d'exposition
console-case-onset-date = Début des symptômes
console-no-fields = Rien à encoder à cette étape.
console-yes = Oui
console-no = Non
console-choose = Choisir…
console-add-item = Ajouter
console-remove-item = Supprimer
console-item-n = N° { $n }
console-step-n = Étape { $n }
console-saved = Enregistré
console-not-saved = Non enregistré : { $message }
console-not-saved-offline = Non enregistré : connexion perdue. La réponse sera renvoyée dès le retour de la connexion.
console-err-not-a-number = Encodez un nombre.

## Finishing

console-outcome = Résultat
console-outcome-choose = Choisissez le résultat…
console-outcome-reached = Joint
console-outcome-no-answer = Pas de réponse
console-outcome-busy = Occupé
console-outcome-voicemail = Messagerie vocale
console-outcome-wrong-number = Mauvais numéro
console-outcome-refused = Refus
console-outcome-callback = Rappel
console-outcome-not-applicable = Sans objet
console-outcome-help-reached = L'entretien est allé jusqu'au bout du script. L'ordre est clôturé.
console-outcome-help-no-answer = Ça a sonné, personne n'a décroché. Nouvel essai automatique plus tard, pendant les heures d'appel.
console-outcome-help-busy = Tonalité occupée. Nouvel essai automatique.
console-outcome-help-voicemail = Messagerie vocale : ne laissez aucun message sur la raison de l'appel. Nouvel essai automatique.
console-outcome-help-wrong-number = Le numéro appartient à quelqu'un qui ne connaît pas la personne. L'ordre prend fin.
console-outcome-help-refused = La personne refuse l'appel ou arrête l'entretien. L'ordre est clôturé. N'insistez pas.
console-outcome-help-callback = Un moment convenu avec quelqu'un. L'ordre revient à ce moment-là.
console-outcome-help-not-applicable = L'identité n'a pas pu être confirmée, ou il n'y a pas de dossier. Prévenez votre superviseur.
console-callback-at = Rappeler le
console-callback-help = La date et l'heure convenues avec le citoyen. Elles doivent être dans le futur.
console-callback-required = Encodez la date et l'heure convenues pour le rappel.
console-callback-future = L'heure du rappel doit être dans le futur.
console-finish-choose-outcome = Choisissez le résultat de l'appel.
console-confirm-finish = Terminer l'appel
console-call-finished = Appel terminé.
console-call-finished-due = Appel terminé. L'ordre reviendra { $time }.
console-finish-call-first = Terminez d'abord l'appel en cours.

## Inbound calls

console-inbound = Nouvel appel entrant
console-search-label = Téléphone, numéro de registre national, code du dossier, date de naissance ou nom
console-search = Chercher
console-search-help = Comparez les résultats en silence avec ce que la personne vous dit. Ne les lisez jamais à voix haute.
console-searching = Recherche…
console-no-results = Aucun dossier trouvé.
console-results-n = Résultats : { $n }
console-matched = trouvé par { $what }
console-matched-case-code = code du dossier
console-matched-national-number = numéro de registre national
console-matched-phone = téléphone
console-matched-birth-date = date de naissance
console-matched-name = nom
console-matched-prefix = début du nom
console-matched-phonetic = nom proche
console-open-case = Ouvrir le dossier
console-open-reason-note = L'ouverture d'un dossier est enregistrée avec votre nom et le motif « appel entrant ». Ne l'ouvrez que si vous êtes sûr(e) qu'il appartient à la personne qui appelle.
console-open-reason-inbound-call = appel entrant
console-open-reason-call-order = ordre d'appel
console-open-reason-follow-up = suivi
console-open-reason-inbound = appel entrant
console-open-reason-screen-pop = écran d'appel entrant
console-open-reason-break-glass = bris de glace
console-identity-first = D'abord la vérification d'identité : ne dites rien du dossier avant.
console-history = Historique du dossier
console-history-note = Pour comprendre la situation. Ne le lisez pas à voix haute.
console-history-none = Aucun événement antérieur.
console-hist-call = Appel : { $outcome }
console-hist-opened = Dossier ouvert ({ $reason })
console-hist-status = Statut : { $status }
console-hist-case-created = Dossier créé
console-hist-case-merged = Dossiers fusionnés
console-hist-case-purged = Données personnelles supprimées
console-hist-order-reassigned = Ordre confié à un autre agent
console-hist-order-cancelled = Ordre annulé
console-hist-order-raised = Ordre rendu plus urgent
console-start-inbound = Démarrer l'appel entrant
console-inbound-script = Script
console-waiting-order = Un appel attend ce citoyen dans { $campaign } (tentatives jusqu'ici : { $n }).
console-complete-interview = Mener cet entretien maintenant

## Breaking the glass (an open the server finds no purpose for)

console-break-glass-title = Briser la glace ?
console-break-glass-refused = Rien d'enregistré ne vous donne de motif d'ouvrir ce dossier : aucun appel de votre part ne le concerne, et aucune de vos recherches ni aucun appel entrant ne vous y a mené ces dernières minutes.
console-break-glass-explain = En cas d'urgence, vous pouvez quand même l'ouvrir. Cette ouverture est enregistrée avec votre nom et votre justification, et vos superviseurs en sont avertis immédiatement.
console-break-glass-justification = Pourquoi devez-vous ouvrir ce dossier maintenant ?
console-break-glass-count = { $n } caractères (au moins { $min })
console-break-glass-too-short = Écrivez au moins { $min } caractères : pourquoi ce dossier, et pourquoi maintenant.
console-break-glass-confirm = Ouvrir quand même

## Help

console-help-title = Raccourcis clavier
console-key-ready = Prêt
console-key-pause = Pause (choisir le motif)
console-key-next = Étape suivante
console-key-back = Étape précédente
console-key-finish = Terminer l'appel
console-key-inbound = Nouvel appel entrant
console-key-language = Changer la langue du script
console-key-help = Afficher ou masquer ces raccourcis
console-help-note = Apprenez d'abord Alt+N, Alt+B et Alt+L : vous les utiliserez à chaque appel.

## Language names

console-lang-fr = Français
console-lang-nl = Néerlandais
console-lang-en = Anglais
console-lang-de = Allemand

## Errors from the server

console-err-disconnected = Pas de connexion : rien n'a été envoyé. Réessayez quand la connexion sera revenue.
console-err-conflict = Impossible pour le moment
console-err-forbidden = Non autorisé pour votre rôle
console-err-cooldown = Patientez un instant avant de réessayer
console-err-invalid = Demande incomplète ou invalide
console-err-validation = Des réponses manquent ou sont incorrectes
console-err-too-large = Texte trop long
console-err-internal = Erreur du serveur. Réessayez, et prévenez votre superviseur si cela se répète
console-err-unavailable = La base de données est momentanément injoignable : rien n'est perdu. Réessayez dans quelques secondes
console-err-generic = Une erreur s'est produite
console-err-purpose-refused = Rien d'enregistré ne vous donne de motif d'ouvrir ce dossier

## Supervisor dashboard

console-dashboard-title = Supervision
console-campaigns = Campagnes
console-agents = Agents
console-col-campaign = Campagne
console-col-status = Statut
console-col-waiting = En attente
console-col-in-progress = En cours
console-col-done = Terminés
console-col-reach-rate = Joints (%)
console-col-at-risk = À risque
console-col-at-risk-help = Ordres proches de leur échéance
console-col-actions = Actions
console-col-agent = Agent
console-col-team = Équipe
console-col-since = Durée
console-campaign-status-draft = Brouillon
console-campaign-status-running = En cours
console-campaign-status-paused = En pause
console-campaign-status-closed = Clôturée
console-campaign-status-finished = Terminée
console-launch = Lancer
console-resume = Reprendre
console-pause-campaign = Mettre en pause
console-updated-at = Mis à jour à { $time }
console-no-campaigns = Aucune campagne.
console-no-agents = Aucun agent.
console-waiting-by-language = Ordres en attente par langue
console-no-waiting = Aucun ordre en attente.
console-send-message-title = Message à un agent
console-agent = Agent
console-message = Message
console-send = Envoyer
console-choose-agent = Choisir un agent…
console-choose-agent-first = Choisissez d'abord un agent.
console-message-length = Écrivez un message de 1 à { $max } caractères.
console-message-sent = Message envoyé à { $name } à { $time }.
console-reassign-title = Réattribuer un ordre
console-order-number = Numéro de l'ordre
console-to-agent = À l'agent
console-reassign = Réattribuer
console-order-number-invalid = Encodez un numéro d'ordre.
console-reassigned = Ordre { $order } confié à { $name }.

## Supervisor alerts (push `alert`); ordinals by Intl.PluralRules category

console-alerts = Alertes
console-alerts-note = Les agents de votre équipe qui brisent la glace ou sont arrêtés par la limite de recherches, depuis l'ouverture de cette page.
console-no-alerts = Aucune alerte.
console-alert-break-glass = { $name } a brisé la glace pour ouvrir le dossier { $code } ({ $nth } fois aujourd'hui)
console-alert-break-glass-plain = { $name } a brisé la glace pour ouvrir le dossier { $code }
console-alert-search-limited = { $name } a été arrêté(e) par la limite de recherches
console-alert-over-limit = au-delà de la limite du jour
console-ordinal-one = { $n }re
console-ordinal-two = { $n }e
console-ordinal-few = { $n }e
console-ordinal-other = { $n }e

console-status-wrap-up = Après-appel
console-call-timer = Durée de cet appel
console-wrapup-title = Travail après l'appel
console-wrapup-left = Prochain ordre d'appel dans { $time }
console-wrapup-over = Le temps est écoulé : le prochain ordre d'appel arrive.
console-wrapup-note = Note pour la personne qui ouvrira ce dossier (facultatif)
console-wrapup-note-help = Ce que le prochain agent doit savoir : quand rappeler, une langue, une difficulté. Pas les réponses : elles sont dans le formulaire.
console-wrapup-save = Enregistrer la note
console-wrapup-saved = Note enregistrée.
console-wrapup-unsaved = Pas encore enregistrée.
console-wrapup-ready = Prêt pour l'appel suivant
console-notes-title = Notes des appels précédents
console-idle-badge = inactif, du travail attend
console-idle-alert = { $n ->
    [one] Un agent est prêt mais inactif alors que des ordres attendent : { $names }.
   *[other] { $n } agents sont prêts mais inactifs alors que des ordres attendent : { $names }.
}
console-register-open = L'appelant n'a pas de dossier : l'enregistrer
console-register-title = Enregistrer l'appelant
console-register-help = Seulement si aucune recherche ne le trouve. Une personne déjà connue (même numéro national ou téléphone) n'est pas enregistrée deux fois : son dossier s'ouvre.
console-reg-case-type = Cette personne est
console-reg-type-contact = Un contact d'une personne positive
console-reg-type-index = Elle-même testée positive
console-reg-last-name = Nom
console-reg-first-name = Prénom
console-reg-birth-date = Date de naissance
console-reg-phone = Téléphone
console-reg-national-number = Numéro national
console-reg-email = E-mail
console-reg-postal-code = Code postal
console-reg-language = Langue
console-reg-exposure-date = Date du contact
console-reg-test-date = Date du test positif
console-register-submit = Enregistrer et ouvrir le dossier
console-register-check = à corriger
console-docs-title = Documents
console-docs-loading = Recherche des documents du dossier…
console-docs-none = Aucun document n'a encore été établi pour ce dossier.
console-docs-valid = valable du { $from } au { $until }
console-docs-in-force = En vigueur
console-docs-revoked = Révoqué
console-docs-download = Télécharger le PDF
console-docs-email = Envoyer par e-mail
console-docs-kind = Document
console-docs-kind-quarantine-certificate = Certificat de quarantaine
console-docs-kind-test-prescription = Prescription de test
console-docs-language = Langue
console-docs-lang-fr = Français
console-docs-lang-nl = Néerlandais
console-docs-lang-de = Allemand
console-docs-lang-en = Anglais
console-docs-issue = Établir
console-docs-issued = Établi. Un document du même type établi avant est révoqué comme remplacé.
console-docs-emailed = Envoyé à l'adresse connue, avec un lien à usage unique vers la page du citoyen.
console-docs-no-email = Aucune adresse e-mail connue : téléchargez le document et remettez-le autrement.
console-docs-mail-off = Ce centre n'envoie pas d'e-mails : téléchargez plutôt le document.
console-docs-network = Le serveur est injoignable.
console-docs-failed = Cela n'a pas fonctionné.
console-open-request = Ouvrir la demande
console-request-notice-mention = Vous avez été mentionné dans la demande { $ref }
console-request-notice-reminder = La demande { $ref } approche de son échéance
console-request-notice-escalation = La demande { $ref } a dépassé son échéance
console-request-notice-assigned = La demande { $ref } vous a été attribuée
