# validation.ftl: Validation messages of the call scripts' forms (scripting). English (en).

validation-required = This field is required.
validation-unknown-field = This field does not exist in the form.
validation-invalid-type = Value of an unexpected type.
validation-too-long = Text too long.
validation-out-of-range = Value out of the allowed range.
validation-between = Enter a value between { $min } and { $max }.
validation-at-least = Enter a value of at least { $min }.
validation-at-most = Enter a value of at most { $max }.
validation-invalid-number = Not a valid number.
validation-invalid-date = Invalid date (YYYY-MM-DD or DD/MM/YYYY).
validation-invalid-datetime = Invalid date and time.
validation-invalid-choice = Not one of the choices.
validation-invalid-phone = Invalid phone number.
validation-invalid-email = Invalid email address.
validation-invalid-national-number = Invalid national register number (checksum).
validation-invalid-postal-code = Invalid Belgian postal code.
validation-too-few-items = Too few items.
validation-too-many-items = Too many items.
validation-constraint = Invalid value.
