# pages.ftl: Server-rendered pages: home, login, console and dashboard titles, exports. French (fr).

# Navigation and page titles
pages-home = Accueil
pages-console = Console
pages-dashboard = Tableau de bord
pages-training = Formation
pages-training-progress = Progression des formations
pages-exports = Exports

# Home page and login form (console/templates/home.html)
pages-welcome = Bienvenue
pages-logged-in-as = Connecté en tant que
pages-team = équipe
pages-log-out = Se déconnecter
pages-log-in = Se connecter
pages-language = Langue
pages-login-failed = Adresse e-mail ou mot de passe incorrect.
pages-login-locked = Trop de tentatives échouées : réessayez dans { $secs } secondes.
pages-login-unavailable = Le service n'atteint pas sa base de données pour le moment : réessayez dans un instant.
pages-email = E-mail
pages-password = Mot de passe

# Exports page (exporter/templates/exports.html)
pages-exports-heading = Exports vers l'institut de santé publique
pages-exports-public-key = Clé publique (Ed25519, base64) qui vérifie l'en-tête Tracecall-Signature de chaque livraison :
pages-exports-target = Les livraisons sont envoyées à
pages-exports-no-target = Aucune destination de livraison n'est configurée : les exports sont conservés ici pour téléchargement.
pages-exports-run-heading = Lancer un export
pages-exports-dataset = Jeu de données
pages-exports-day = Jour
pages-exports-deliver = Livrer
pages-exports-correct = Correction (nouvelle version d'un jour déjà exporté)
pages-exports-run = Lancer
pages-exports-run-done = Créé.
pages-exports-run-failed = Échec.
pages-exports-past = Exports précédents
pages-exports-status = Statut
pages-exports-attempts = Tentatives
pages-exports-built = Créé
pages-exports-files = Fichiers
pages-exports-ledger = journal
pages-exports-manifest = manifeste

# An export's status (the values of exports.status)
pages-exports-status-built = créé
pages-exports-status-pending = en attente
pages-exports-status-delivered = livré
pages-exports-status-failed = échoué

# Problem details of kernel::Error (kernel/src/error.rs), shown by the pages' scripts
pages-problem-unauthenticated = connectez-vous d'abord : aucune session ou aucun jeton valide
pages-problem-forbidden = votre rôle ne le permet pas
pages-problem-not-found = { $what } introuvable
pages-problem-invalid = { $count } champ(s) invalide(s)
pages-problem-too-many-attempts = trop de tentatives échouées ; réessayez plus tard
pages-problem-internal = une erreur interne s'est produite ; elle a été journalisée

## Error pages (kernel templates/error.html)
pages-error-code = Code d'erreur
pages-error-home = Aller à la page d'accueil
pages-error-not-found-title = Page introuvable
pages-error-not-found-text = Cette page n'existe pas, ou plus. Vérifiez l'adresse, ou repartez de la page d'accueil.
pages-error-forbidden-title = Pas pour votre rôle
pages-error-forbidden-text = Votre rôle n'ouvre pas cette page. Si vous en avez besoin, demandez à votre superviseur ou à un administrateur.
pages-error-too-many-title = Trop de demandes
pages-error-too-many-text = Trop de demandes en peu de temps. Attendez un instant et réessayez.
pages-error-unavailable-title = Service indisponible
pages-error-unavailable-text = Le service ne parvient pas à joindre sa base de données pour l'instant. Réessayez dans un instant.
pages-error-internal-title = Quelque chose s'est mal passé
pages-error-internal-text = Le serveur n'a pas pu afficher cette page. Réessayez ; si cela se reproduit, prévenez l'équipe technique.
pages-error-bad-request-title = Demande incomprise
pages-error-bad-request-text = L'adresse ou ce qui a été envoyé n'est pas valable. Repartez de la page d'accueil.
pages-verify-title = Vérifier un certificat ou une prescription
pages-verify-intro = Scannez le code QR avec un lecteur, ou collez le code qui commence par TC1:. La vérification se fait dans ce navigateur avec les clés reçues avec cette page ; elle fonctionne sans connexion.
pages-verify-code = Code du document
pages-verify-code-help = Comparez le nom et la date de naissance avec une pièce d'identité.
pages-verify-check = Vérifier
pages-verify-state-valid = Valide
pages-verify-state-invalid = Non valide
pages-verify-state-revoked = Révoqué : ce document n'est plus valable
pages-verify-state-expired = Expiré
pages-verify-state-not-yet = Pas encore valable
pages-verify-holder = Titulaire
pages-verify-birth-date = Date de naissance
pages-verify-kind = Document
pages-verify-period = Valable
pages-verify-issuer = Délivré par
pages-verify-document = Numéro
pages-verify-reason = Pourquoi
pages-verify-why-not-ours = Ce n'est pas un code tracecall (il doit commencer par TC1:).
pages-verify-why-unreadable = Le code est abîmé ou incomplet.
pages-verify-why-unknown-key = Le code n'a pas été signé avec une clé de ce service.
pages-verify-why-bad-signature = La signature ne correspond pas : le code a été modifié.
pages-verify-kind-quarantine-certificate = Certificat de quarantaine
pages-verify-kind-test-prescription = Prescription de test
pages-verify-revocation-offline = Pas de connexion : la révocation n'a pas pu être vérifiée.
pages-verify-revocation-checked = Non révoqué (vérifié à l'instant).
pages-mine-title = Vos documents
pages-mine-intro = Cette page montre les certificats et prescriptions que le centre de contact a établis pour vous. Le lien de votre e-mail l'ouvre une seule fois ; elle reste ensuite ouverte { $minutes } minutes.
pages-mine-open = Afficher mes documents
pages-mine-none = Aucun document n'a été établi pour vous.
pages-mine-period = Valable du { $from } au { $until }
pages-mine-in-force = En vigueur
pages-mine-revoked = Révoqué : n'est plus valable
pages-mine-download = Télécharger (PDF)
pages-mine-check = Toute personne à qui vous montrez un document peut le vérifier sur { $verify }.
pages-mine-visit = Pour protéger votre vie privée, cette page se ferme après { $minutes } minutes.
pages-mine-gone-title = Ce lien ne peut plus être utilisé
pages-mine-gone = Un lien vers vos documents s'ouvre une seule fois, dans les { $hours } heures. Demandez au centre de contact de vous en envoyer un nouveau.
pages-mine-ended-title = Votre visite est terminée
pages-mine-ended = Pour protéger votre vie privée, la page de vos documents ne reste ouverte que peu de temps. Demandez au centre de contact de vous envoyer un nouveau lien.
pages-mail-document-subject = Votre document : { $title }
pages-mail-document-hello = Bonjour,
pages-mail-document-attached = Vous trouverez en pièce jointe votre document « { $title } », valable du { $from } au { $until }.
pages-mail-document-link = Vous pouvez aussi consulter et télécharger vos documents une fois à cette adresse, dans les { $hours } heures : { $link }
pages-mail-document-verify = Toute personne à qui vous montrez le document peut le vérifier sur { $verify }.
pages-mail-document-auto = Ce message a été envoyé automatiquement et les réponses ne sont pas lues. Pour toute question, appelez le centre de contact.
pages-mail-request-subject = [{ $ref }] Nous avons reçu votre demande : { $topic }
pages-mail-request-hello = Bonjour,
pages-mail-request-received = Nous avons bien reçu votre demande concernant « { $topic } ». Sa référence est { $ref }.
pages-mail-request-when = Vous recevrez une première réponse dans les { $hours } heures.
pages-mail-request-reply = Pour ajouter quelque chose, répondez à ce message : votre réponse rejoint la même demande.
pages-mail-request-auto = Ce message a été envoyé automatiquement. Le centre de contact
pages-mail-request-reply-subject = [{ $ref }] Réponse à votre demande
