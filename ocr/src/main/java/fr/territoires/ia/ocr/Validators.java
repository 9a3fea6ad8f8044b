package fr.territoires.ia.ocr;

import java.math.BigInteger;
import java.util.Map;

/**
 * Check-digit validation of French and European identifiers. Inputs may hold spaces, which are ignored.
 * Stateless and thread-safe.
 */
public final class Validators {

    /** IBAN length per country (ISO 13616 registry), for the countries most seen in French invoices. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("FR", 27), Map.entry("MC", 27), Map.entry("DE", 22), Map.entry("BE", 16),
            Map.entry("ES", 24), Map.entry("IT", 27), Map.entry("LU", 20), Map.entry("CH", 21),
            Map.entry("GB", 22), Map.entry("NL", 18), Map.entry("PT", 25), Map.entry("AT", 20),
            Map.entry("IE", 22));

    private Validators() {
    }

    private static String compact(String s) {
        return s.replaceAll("[\\s\u00A0\u202F.-]", "");
    }

    /**
     * Tells whether the digits pass the Luhn check (ISO/IEC 7812-1 annex B).
     *
     * @param digits decimal digits, spaces allowed
     * @return true when the Luhn sum is a multiple of 10; false for empty or non-digit input
     */
    public static boolean luhn(String digits) {
        String d = compact(digits);
        if (d.isEmpty() || !d.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /**
     * Tells whether a value is a valid SIREN: 9 digits passing the Luhn check.
     *
     * @param value the value
     * @return true when valid
     */
    public static boolean siren(String value) {
        String d = compact(value);
        return d.matches("\\d{9}") && luhn(d);
    }

    /**
     * Tells whether a value is a valid SIRET: 14 digits passing the Luhn check, or, for La Poste's
     * establishments (SIREN 356000000), a digit sum that is a multiple of 5 (INSEE's documented exception).
     *
     * @param value the value
     * @return true when valid
     */
    public static boolean siret(String value) {
        String d = compact(value);
        if (!d.matches("\\d{14}")) {
            return false;
        }
        if (d.startsWith("356000000") && !d.equals("35600000000048")) {
            return d.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(d);
    }

    /**
     * Tells whether a value is a valid IBAN (ISO 13616): country code, two check digits, the length of
     * the country when known, and the mod-97 check (ISO 7064) equal to 1.
     *
     * @param value the value, spaces allowed
     * @return true when valid
     */
    public static boolean iban(String value) {
        String s = compact(value).toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}")) {
            return false;
        }
        Integer len = IBAN_LENGTHS.get(s.substring(0, 2));
        if (len != null && s.length() != len) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        StringBuilder num = new StringBuilder();
        for (char c : moved.toCharArray()) {
            num.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /**
     * Tells whether a value is a valid NIR (French social security number): 13 characters (sex 1 or 2,
     * year, month 01-12 or 20-99 for unknown, department with Corsica as 2A/2B, commune, order) and a
     * two-digit key equal to 97 minus the number modulo 97 (2A read as 19, 2B as 18).
     *
     * @param value the 15 characters, spaces allowed
     * @return true when valid
     */
    public static boolean nir(String value) {
        String s = compact(value).toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("[12]\\d{4}(\\d{2}|2A|2B)\\d{8}")) {
            return false;
        }
        int month = Integer.parseInt(s.substring(3, 5));
        if (!(month >= 1 && month <= 12 || month >= 20)) {
            return false;
        }
        String body = s.substring(0, 13).replace("2A", "19").replace("2B", "18");
        int key = Integer.parseInt(s.substring(13));
        long n = Long.parseLong(body);
        return key == 97 - (int) (n % 97);
    }
}
