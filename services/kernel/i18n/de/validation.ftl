# validation.ftl: Validation messages of the call scripts' forms (scripting). German (de).

validation-required = Dieses Feld ist erforderlich.
validation-unknown-field = Dieses Feld gibt es im Formular nicht.
validation-invalid-type = Wert eines unerwarteten Typs.
validation-too-long = Text zu lang.
validation-out-of-range = Wert außerhalb des zulässigen Bereichs.
validation-between = Geben Sie einen Wert zwischen { $min } und { $max } ein.
validation-at-least = Geben Sie einen Wert von mindestens { $min } ein.
validation-at-most = Geben Sie einen Wert von höchstens { $max } ein.
validation-invalid-number = Keine gültige Zahl.
validation-invalid-date = Ungültiges Datum (JJJJ-MM-TT oder TT/MM/JJJJ).
validation-invalid-datetime = Ungültige Datums- und Zeitangabe.
validation-invalid-choice = Keine der vorgesehenen Auswahlmöglichkeiten.
validation-invalid-phone = Ungültige Telefonnummer.
validation-invalid-email = Ungültige E-Mail-Adresse.
validation-invalid-national-number = Ungültige Nationalregisternummer (Prüfziffer).
validation-invalid-postal-code = Ungültige belgische Postleitzahl.
validation-too-few-items = Zu wenige Einträge.
validation-too-many-items = Zu viele Einträge.
validation-constraint = Ungültiger Wert.
