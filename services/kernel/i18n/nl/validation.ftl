# validation.ftl: Validation messages of the call scripts' forms (scripting). Dutch (nl).

validation-required = Dit veld is verplicht.
validation-unknown-field = Dit veld bestaat niet in het formulier.
validation-invalid-type = Waarde van een onverwacht type.
validation-too-long = Tekst te lang.
validation-out-of-range = Waarde buiten de toegelaten grenzen.
validation-between = Geef een waarde tussen { $min } en { $max }.
validation-at-least = Geef een waarde van minstens { $min }.
validation-at-most = Geef een waarde van hoogstens { $max }.
validation-invalid-number = Dit is geen geldig getal.
validation-invalid-date = Ongeldige datum (JJJJ-MM-DD of DD/MM/JJJJ).
validation-invalid-datetime = Ongeldige datum en tijd.
validation-invalid-choice = Keuze niet voorzien.
validation-invalid-phone = Ongeldig telefoonnummer.
validation-invalid-email = Ongeldig e-mailadres.
validation-invalid-national-number = Ongeldig rijksregisternummer (controlegetal).
validation-invalid-postal-code = Ongeldige Belgische postcode.
validation-too-few-items = Te weinig items.
validation-too-many-items = Te veel items.
validation-constraint = Ongeldige waarde.
