package fr.territoires.ia.ocr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates, euro amounts, SIREN/SIRET, IBAN, postal codes with their commune, e-mail addresses, phone
 * numbers and NIR in French text, each with its position, confidence and the rule that found it.
 * Identifiers with a check digit are kept only when it validates ({@link Validators}): a 14-digit number
 * whose Luhn check fails is not a SIRET. Rules are tried from the most specific (IBAN, NIR) to the least
 * (postal code); a span already taken is not reused. Stateless and thread-safe.
 */
public final class FieldExtractor {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("fevrier", 2), Map.entry("février", 2), Map.entry("mars", 3),
            Map.entry("avril", 4), Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7),
            Map.entry("aout", 8), Map.entry("août", 8), Map.entry("septembre", 9), Map.entry("octobre", 10),
            Map.entry("novembre", 11), Map.entry("decembre", 12), Map.entry("décembre", 12));

    private static final String SP = "[ \\u00A0\\u202F]";
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?:" + SP + "?[A-Z0-9]{4}){2,7}(?:" + SP
            + "?[A-Z0-9]{1,3})?\\b");
    private static final Pattern NIR = Pattern.compile("\\b[12]" + SP + "?\\d{2}" + SP + "?\\d{2}" + SP
            + "?(?:\\d{2}|2[AB])" + SP + "?\\d{3}" + SP + "?\\d{3}" + SP + "?\\d{2}\\b");
    /** Not inside a longer group of digits (a look-alike SIRET must not yield its SIREN). */
    private static final String NO_DIGIT_BEFORE = "(?<![\\d.,]" + SP + "?)(?<![\\d.,])";
    private static final String NO_DIGIT_AFTER = "(?!" + SP + "?\\d)";
    private static final Pattern SIRET = Pattern.compile(NO_DIGIT_BEFORE + "\\d{3}" + SP + "?\\d{3}" + SP
            + "?\\d{3}" + SP + "?\\d{5}" + NO_DIGIT_AFTER);
    private static final Pattern SIREN = Pattern.compile(NO_DIGIT_BEFORE + "\\d{3}" + SP + "?\\d{3}" + SP
            + "?\\d{3}" + NO_DIGIT_AFTER);
    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])(?:\\+33" + SP + "?(?:\\(0\\))?" + SP
            + "?|0)[1-9](?:[ .\\u00A0-]?\\d{2}){4}(?!\\d)");
    private static final Pattern AMOUNT = Pattern.compile("(?<![\\d,.])(\\d{1,3}(?:[ .\\u00A0\\u202F]\\d{3})+|\\d+)"
            + "(?:,(\\d{1,2}))?" + SP + "?(€|euros?\\b|EUR\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_LONG = Pattern.compile("\\b(1er|1\\^er|\\d{1,2})" + SP + "+"
            + "(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
            + "(?:" + SP + "+(\\d{4}))?\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DATE_NUMERIC = Pattern.compile("(?<![\\d/.])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})"
            + "(?![\\d/])");
    private static final Pattern POSTAL = Pattern.compile("\\b((?:0[1-9]|[1-8]\\d|9[0-5]|97[1-6]|98[0-9])\\d{3})" + SP
            + "+(\\p{Lu}[\\p{L}'\\-]+(?:[ \\-](?:sur|sous|en|lès|les|le|la|de|du|des|d'|\\p{Lu}[\\p{L}'\\-]*))*)");

    private FieldExtractor() {
    }

    /**
     * Extracts the fields of a plain text (no boxes, confidence 1).
     *
     * @param text the text
     * @return the fields, by start offset
     */
    public static List<Field> extract(String text) {
        List<Field> out = new ArrayList<>();
        boolean[] taken = new boolean[text.length()];
        find(text, IBAN, taken, out, m -> Validators.iban(m.group())
                ? field(FieldType.IBAN, m, compact(m.group()), "iban-mod97") : null);
        find(text, NIR, taken, out, m -> Validators.nir(m.group())
                ? field(FieldType.NIR, m, compact(m.group()), "nir-key") : null);
        find(text, SIRET, taken, out, m -> Validators.siret(m.group())
                ? field(FieldType.SIRET, m, compact(m.group()), "siret-luhn") : null);
        find(text, SIREN, taken, out, m -> Validators.siren(m.group())
                ? field(FieldType.SIREN, m, compact(m.group()), "siren-luhn") : null);
        find(text, EMAIL, taken, out, m -> field(FieldType.EMAIL, m, m.group().toLowerCase(Locale.ROOT), "email"));
        find(text, PHONE, taken, out, m -> {
            String d = m.group().replaceAll("[^\\d+]", "").replace("+33(0)", "+33");
            String national = d.startsWith("+33") ? "0" + d.substring(3) : d;
            return national.matches("0[1-9]\\d{8}") ? field(FieldType.PHONE, m, national, "phone-fr") : null;
        });
        find(text, AMOUNT, taken, out, m -> {
            String units = m.group(1).replaceAll("[ .\\u00A0\\u202F]", "");
            String cents = m.group(2) == null ? "" : "." + (m.group(2).length() == 1 ? m.group(2) + "0" : m.group(2));
            return field(FieldType.AMOUNT, m, units + cents, "amount-euro");
        });
        find(text, DATE_LONG, taken, out, m -> {
            String d = m.group(1).toLowerCase(Locale.ROOT);
            int day = d.startsWith("1") && d.endsWith("er") ? 1 : Integer.parseInt(d);
            int month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            return date(m, day, month, m.group(3), "date-long");
        });
        find(text, DATE_NUMERIC, taken, out, m -> {
            String y = m.group(4);
            if (y.length() == 2) {
                // Two-digit year (24.6.62): the century is the one making the date not later than the
                // current year (pivot rule); the rule name says the century was inferred.
                int yy = Integer.parseInt(y);
                int now = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
                int year = now - now % 100 + yy;
                if (year > now) {
                    year -= 100;
                }
                return date(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.toString(year),
                        "date-numeric-2-digit-year");
            }
            return date(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), y, "date-numeric");
        });
        find(text, POSTAL, taken, out, m -> field(FieldType.POSTAL_CODE, m, m.group(1) + " " + m.group(2),
                "postal-code-commune"));
        out.sort(Comparator.comparingInt(Field::start));
        return List.copyOf(out);
    }

    /**
     * Extracts the fields of a recognised page, with the box and lowest word confidence of each.
     * The text searched is {@link OcrPage#lines()} joined by new lines, words joined by one space.
     *
     * @param page the page
     * @return the fields, by start offset in that text
     */
    public static List<Field> extract(OcrPage page) {
        PageText pt = PageText.of(page);
        List<Field> out = new ArrayList<>();
        for (Field f : extract(pt.text())) {
            Box box = null;
            double conf = 1;
            for (int i = 0; i < pt.words().size(); i++) {
                int ws = pt.starts()[i];
                OcrWord w = pt.words().get(i);
                if (ws < f.end() && ws + w.text().length() > f.start()) {
                    box = box == null ? w.box() : box.union(w.box());
                    conf = Math.min(conf, w.confidence());
                }
            }
            out.add(new Field(f.type(), f.text(), f.value(), f.start(), f.end(), box, conf, f.rule()));
        }
        return List.copyOf(out);
    }

    /** The text of a page with the offset of each word. */
    record PageText(String text, List<OcrWord> words, int[] starts) {
        static PageText of(OcrPage page) {
            StringBuilder sb = new StringBuilder();
            List<OcrWord> words = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            for (OcrLine line : page.lines()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                for (int i = 0; i < line.words().size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    starts.add(sb.length());
                    words.add(line.words().get(i));
                    sb.append(line.words().get(i).text());
                }
            }
            return new PageText(sb.toString(), words, starts.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private interface Rule {
        Field apply(Matcher m);
    }

    private static void find(String text, Pattern p, boolean[] taken, List<Field> out, Rule rule) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            boolean free = true;
            for (int i = m.start(); i < m.end() && free; i++) {
                free = !taken[i];
            }
            if (!free) {
                continue;
            }
            Field f = rule.apply(m);
            if (f != null) {
                for (int i = m.start(); i < m.end(); i++) {
                    taken[i] = true;
                }
                out.add(f);
            }
        }
    }

    private static Field field(FieldType type, Matcher m, String value, String rule) {
        return new Field(type, m.group(), value, m.start(), m.end(), null, 1, rule);
    }

    private static Field date(Matcher m, int day, int month, String year, String rule) {
        try {
            if (year == null) {
                // Validate against a leap year so that 29 février passes.
                LocalDate.of(2000, month, day);
                return field(FieldType.DATE, m, String.format(Locale.ROOT, "--%02d-%02d", month, day), rule);
            }
            LocalDate d = LocalDate.of(Integer.parseInt(year), month, day);
            return field(FieldType.DATE, m, d.toString(), rule);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String compact(String s) {
        return s.replaceAll("[\\s\\u00A0\\u202F]", "");
    }
}
