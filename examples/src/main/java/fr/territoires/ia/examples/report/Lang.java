package fr.territoires.ia.examples.report;

import java.util.Locale;

/**
 * Language of a report: French (the default of the runner) or English. Numbers use a decimal
 * comma in French.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public enum Lang {
    /** French. */
    FR,
    /** English. */
    EN;

    /**
     * The language of a {@code --lang} value.
     *
     * @param code {@code fr} or {@code en}, any case
     * @return the language
     * @throws IllegalArgumentException when the code is neither
     */
    public static Lang of(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "fr" -> FR;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("--lang must be fr or en, was \"" + code + "\"");
        };
    }

    /** The text in this language. */
    String t(String fr, String en) {
        return this == FR ? fr : en;
    }

    /** The HTML {@code lang} code. */
    String code() {
        return this == FR ? "fr" : "en";
    }

    /** A number with at most {@code decimals} decimals, trailing zeros dropped, decimal comma in French. */
    String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String s = new java.math.BigDecimal(Double.toString(v)).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        if (s.equals("-0")) {
            s = "0";
        }
        return this == FR ? s.replace('.', ',') : s;
    }

    /** A share as a percentage with one decimal ("12,5 %" or "12.5%"). */
    String percent(double share) {
        return num(100 * share, 1) + (this == FR ? "\u00a0%" : "%");
    }
}
