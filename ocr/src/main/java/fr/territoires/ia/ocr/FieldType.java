package fr.territoires.ia.ocr;

/** The kinds of fields {@link FieldExtractor} finds. */
public enum FieldType {
    /** A date in French ({@code 10 mars 1917}, {@code 10/03/1917}, {@code 24.6.62}, {@code 1er janvier}). */
    DATE(false),
    /** An amount in euros ({@code 1 234,56 €}). */
    AMOUNT(false),
    /** A SIREN company number (9 digits, Luhn). */
    SIREN(false),
    /** A SIRET establishment number (14 digits, Luhn). */
    SIRET(false),
    /** An IBAN (ISO 13616, mod 97). Personal. */
    IBAN(true),
    /** A French postal code with the commune written beside it. */
    POSTAL_CODE(false),
    /** An e-mail address. Personal. */
    EMAIL(true),
    /** A French phone number. Personal. */
    PHONE(true),
    /** A NIR (social security number) with a valid key. Personal. */
    NIR(true);

    private final boolean personal;

    FieldType(boolean personal) {
        this.personal = personal;
    }

    /**
     * Tells whether this field identifies a person, and is masked by {@link Redactor} by default.
     *
     * @return true for NIR, IBAN, e-mail and phone
     */
    public boolean personal() {
        return personal;
    }
}
