# validation.ftl: Validation messages of the call scripts' forms (scripting). French (fr).

validation-required = Ce champ est obligatoire.
validation-unknown-field = Ce champ n'existe pas dans le formulaire.
validation-invalid-type = Valeur d'un type inattendu.
validation-too-long = Texte trop long.
validation-out-of-range = Valeur hors des limites permises.
validation-between = Saisissez une valeur entre { $min } et { $max }.
validation-at-least = Saisissez une valeur d'au moins { $min }.
validation-at-most = Saisissez une valeur d'au plus { $max }.
validation-invalid-number = Ce n'est pas un nombre valide.
validation-invalid-date = Date invalide (AAAA-MM-JJ ou JJ/MM/AAAA).
validation-invalid-datetime = Date et heure invalides.
validation-invalid-choice = Choix non proposé.
validation-invalid-phone = Numéro de téléphone invalide.
validation-invalid-email = Adresse e-mail invalide.
validation-invalid-national-number = Numéro de registre national invalide (somme de contrôle).
validation-invalid-postal-code = Code postal belge invalide.
validation-too-few-items = Pas assez d'éléments.
validation-too-many-items = Trop d'éléments.
validation-constraint = Valeur invalide.
