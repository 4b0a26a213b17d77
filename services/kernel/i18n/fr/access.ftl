# access.ftl: Access management pages (kernel/templates/admin.html, audit_person.html,
# password.html): accounts, teams and API tokens for admins, the DPO's report on one person,
# changing one's password. French (fr).
#
# The pages' scripts get these texts from the page (`data-texts`) and ask by key with
# underscores (`t('users_heading')` reads `access-users-heading`). Keep every message simple
# and on one line: text and `{ $name }` placeables only.

## Navigation and titles
access-admin = Comptes et accès
access-audit = Rapport d'accès sur une personne
access-change-password = Changer mon mot de passe
access-loading = Chargement…
access-cancel = Annuler
access-copy = Copier
access-copied = Copié.

## Accounts (admin.html)
access-users-heading = Comptes
access-users-intro = Changer le rôle, l'équipe ou le statut d'une personne met fin à ses sessions immédiatement : elle se reconnecte avec ses nouveaux droits.
access-col-name = Nom
access-col-email = E-mail
access-col-role = Rôle
access-col-team = Équipe
access-col-languages = Langues
access-col-status = Statut
access-col-actions = Actions
access-active = Actif
access-inactive = Désactivé
access-must-change = doit choisir un nouveau mot de passe
access-no-team = Sans équipe (national)
access-no-users = Aucun compte pour l'instant.
access-yourself = Votre propre compte : personne ne change son propre rôle ni ne se désactive.
access-deactivate = Désactiver
access-reactivate = Réactiver
access-reset-password = Réinitialiser le mot de passe
access-revoke-sessions = Déconnecter partout
access-confirm-role = Donner à { $name } le rôle { $role } ? Ses sessions prennent fin et la personne devra se reconnecter.
access-confirm-team = Placer { $name } dans l'équipe { $team } ? Ses sessions prennent fin et la personne devra se reconnecter.
access-confirm-deactivate = Désactiver { $name } ? La personne est déconnectée immédiatement et ne peut plus se connecter.
access-confirm-revoke = Déconnecter { $name } partout ? La personne devra se reconnecter.
access-role-changed = { $name } a désormais le rôle { $role }. Ses sessions ont pris fin.
access-team-changed = { $name } fait désormais partie de : { $team }. Ses sessions ont pris fin.
access-deactivated = { $name } est désactivé(e) et déconnecté(e) partout.
access-reactivated = { $name } peut de nouveau se connecter.
access-sessions-revoked = { $name } a été déconnecté(e) ({ $n } session(s) fermée(s)).

## Reset password dialog
access-reset-title = Mot de passe temporaire pour { $name }
access-reset-help = Communiquez-le en personne ou par téléphone, jamais par e-mail. À sa prochaine connexion, la personne devra d'abord choisir son propre mot de passe. Ses sessions en cours prennent fin maintenant.
access-temporary-password = Mot de passe temporaire
access-suggest-password = En proposer un
access-reset-confirm = Définir le mot de passe temporaire
access-reset-done = Mot de passe temporaire défini pour { $name }. La personne devra en choisir un nouveau à sa prochaine connexion.

## New account
access-new-user = Nouveau compte
access-email = E-mail
access-name = Nom complet
access-role = Rôle
access-team = Équipe
access-main-language = Langue principale (aussi celle de ses écrans)
access-other-languages = Autres langues parlées
access-password = Mot de passe
access-password-rule = Au moins { $min } caractères.
access-first-change = Lui demander de choisir son propre mot de passe à sa première connexion
access-create-user = Créer le compte
access-user-created = Compte créé pour { $name }.

## Roles
access-role-agent = Agent
access-role-supervisor = Superviseur
access-role-author = Auteur de scripts
access-role-epidemiologist = Épidémiologiste
access-role-trainer = Formateur
access-role-admin = Administrateur
access-role-dpo = Délégué à la protection des données
access-role-telephony = Système de téléphonie

## Languages
access-language-fr = Français
access-language-nl = Néerlandais
access-language-de = Allemand
access-language-en = Anglais

## Teams
access-teams-heading = Équipes
access-teams-intro = Une équipe traite les dossiers de sa zone : ses agents ne trouvent et n'ouvrent que ceux-là, et ses superviseurs ne pilotent que leur équipe. Les personnes sans équipe travaillent au niveau national.
access-col-area = Zone
access-national = National (tout le pays)
access-no-teams = Aucune équipe pour l'instant.
access-new-team = Nouvelle équipe
access-team-name = Nom
access-team-national = National : tout le pays
access-team-postal = Plages de codes postaux
access-team-postal-help = Par exemple 1000-1299, 1500-1999, ou un seul code ; séparez-les par des virgules, des espaces ou des retours à la ligne.
access-team-regions = Régions et provinces
access-team-regions-help = Maintenez Ctrl (⌘ sur Mac) pour en choisir plusieurs. Elles s'ajoutent aux plages ci-dessus.
access-regions = Régions
access-provinces = Provinces
access-create-team = Créer l'équipe
access-team-created = Équipe { $name } créée.

## Regions and provinces (the names kernel::postal accepts)
access-region-brussels = Bruxelles
access-region-flanders = Flandre
access-region-wallonia = Wallonie
access-region-brussels-capital = Bruxelles-Capitale
access-region-brabant-wallon = Brabant wallon
access-region-vlaams-brabant = Brabant flamand
access-region-antwerpen = Anvers
access-region-limburg = Limbourg
access-region-liege = Liège
access-region-namur = Namur
access-region-hainaut = Hainaut
access-region-luxembourg = Luxembourg
access-region-west-vlaanderen = Flandre-Occidentale
access-region-oost-vlaanderen = Flandre-Orientale

## API tokens
access-tokens-heading = Jetons d'API
access-tokens-intro = Les clients machines comme le système de téléphonie (PBX) utilisent un jeton et signent ce qu'ils envoient avec son secret de signature. Un jeton n'est jamais une personne et n'ouvre aucun dossier.
access-col-created = Créé le
access-revoked = Révoqué
access-revoke = Révoquer
access-no-tokens = Aucun jeton pour l'instant.
access-confirm-revoke-token = Révoquer le jeton { $name } ? Le système qui l'utilise est refusé immédiatement.
access-token-revoked = Jeton { $name } révoqué.
access-new-token = Nouveau jeton de téléphonie
access-token-name = Nom (à quoi il sert, par exemple le nom du PBX)
access-token-role = Il agit en tant que : système de téléphonie.
access-create-token = Créer le jeton
access-token-once-title = Copiez-les maintenant : ils ne sont affichés qu'une seule fois
access-token-once-warning = Placez-les dans la configuration du système de téléphonie ou dans un gestionnaire de mots de passe, nulle part ailleurs. Quiconque les détient peut envoyer des événements d'appel. S'ils sont perdus, révoquez ce jeton et créez-en un nouveau.
access-token-value = Jeton (envoyé comme Authorization: Bearer)
access-signing-secret = Secret de signature
access-token-stored = Je les ai enregistrés

## The DPO's report (audit_person.html)
access-audit-intro = Tous les accès enregistrés aux dossiers de la personne liée à un code de dossier : ouvertures avec leur motif, recherches et écrans d'appel entrant qui les ont affichés, consultations de l'historique, changements de statut. Ce dont une demande d'accès (RGPD, art. 15) a besoin. Votre demande est elle aussi enregistrée.
access-audit-code = Code de dossier
access-audit-code-help = 7 lettres et chiffres, par exemple K7M4QXB.
access-audit-show = Afficher le rapport
access-audit-print = Imprimer
access-audit-report-for = Rapport d'accès pour le dossier { $code }
access-audit-made = Établi le { $time } par { $name }.
access-audit-cases = Dossiers de cette personne : { $codes }
access-audit-count = Accès enregistrés : { $n }
access-audit-none = Aucun accès enregistré.
access-audit-not-found = Aucun dossier ne porte ce code. Vérifiez-le et réessayez.
access-audit-bad-code = Un code de dossier compte 7 lettres et chiffres, par exemple K7M4QXB.
access-col-when = Quand
access-col-who = Qui
access-col-what = Quoi
access-col-case = Dossier
access-col-reason = Motif
access-col-justification = Justification

## Audited actions, in plain words
access-action-case-opened = A ouvert le dossier
access-action-case-break-glass = A brisé la glace pour ouvrir le dossier
access-action-case-searched = A trouvé le dossier par une recherche
access-action-case-screen-pop = A vu le dossier s'afficher lors d'un appel entrant
access-action-case-history-read = A consulté l'historique du dossier
access-action-case-status = A changé le statut du dossier
access-action-case-purged = A supprimé les données personnelles (délai de conservation écoulé)
access-action-contacts-recorded = A enregistré la personne comme contact d'un cas index
access-action-dpo-person-report = A consulté ce rapport d'accès

## Reasons given for opening a file
access-reason-call-order = ordre d'appel
access-reason-inbound = appel entrant
access-reason-screen-pop = écran d'appel entrant
access-reason-break-glass = bris de glace (urgence)

## Changing one's password (password.html)
access-password-title = Changer mon mot de passe
access-password-forced-title = Choisissez votre propre mot de passe
access-password-forced-intro = Un administrateur vous a donné un mot de passe temporaire. Choisissez le vôtre avant de continuer ; vous seul(e) devez le connaître.
access-password-current = Mot de passe actuel
access-password-temporary = Mot de passe temporaire
access-password-new = Nouveau mot de passe
access-password-repeat = Répétez le nouveau mot de passe
access-password-submit = Changer le mot de passe
access-password-done = Votre mot de passe a été changé.
access-password-mismatch = Les deux nouveaux mots de passe ne sont pas identiques.
access-password-same = Choisissez un mot de passe différent de l'actuel.
access-log-out = Se déconnecter

## Field problems (the `code` of the API's field errors)
access-error-invalid-email = Ce n'est pas une adresse e-mail.
access-error-invalid-length = Obligatoire, et pas trop long.
access-error-too-short = Au moins { $min } caractères.
access-error-unknown-team = Cette équipe n'existe pas (ou plus). Rechargez la page.
access-error-invalid-language = Langue inconnue.
access-error-invalid-range = Écrivez une plage sous la forme DÉBUT-FIN avec des codes postaux à quatre chiffres, par exemple 1000-1299.
access-error-unknown-region = Ce n'est ni une région ni une province.
access-error-jurisdiction = Choisissez « national », ou des plages de codes postaux et des régions : l'un des deux.
access-error-wrong-password = Ce n'est pas votre mot de passe actuel.
access-error-required = Obligatoire.

## Refusals (problem slugs and the account rules), and what else can go wrong
access-problem-validation = Certains champs sont à corriger.
access-problem-unauthenticated = Votre session a pris fin. Reconnectez-vous.
access-problem-forbidden = Votre rôle ne le permet pas.
access-problem-password-change-required = Choisissez d'abord un nouveau mot de passe.
access-problem-not-found = Introuvable : cela a peut-être changé entre-temps. Rechargez la page.
access-problem-too-many-attempts = Trop de tentatives. Patientez un instant et réessayez.
access-problem-internal = Erreur du serveur. Réessayez ; si cela se répète, prévenez l'équipe technique.
access-problem-network = Pas de connexion au serveur. Vérifiez le réseau et réessayez.
access-problem-generic = Cela n'a pas fonctionné.
access-rule-own-role = Personne ne change son propre rôle : demandez à un autre administrateur.
access-rule-deactivate-self = Personne ne désactive son propre compte.
access-rule-last-admin = Le dernier administrateur actif reste administrateur actif : nommez d'abord quelqu'un d'autre administrateur.
access-conflict-email = Un compte avec cet e-mail existe déjà.
access-conflict-team = Une équipe portant ce nom existe déjà.
