package fr.territoires.ia.core.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Flags input columns or properties that look like personal data, as a reminder that the GDPR
 * (Regulation (EU) 2016/679) applies to them.
 *
 * <p>Two kinds of evidence are used. A column <em>name</em> that looks like a person's name
 * ({@code nom}, {@code prenom}, {@code name}, {@code first_name}...), e-mail, telephone, exact
 * address ({@code adresse}, {@code address}, {@code rue}...), or an identifier of a person
 * ({@code NIR}, {@code numero_securite_sociale}, {@code INSEE} personal number, {@code
 * date_naissance}, {@code person_id}...). And sample <em>values</em> that match an e-mail address,
 * a French telephone number ({@code 06 12 34 56 78}, {@code +33 6 12 34 56 78}), a NIR (13 digits
 * plus a 2-digit key, starting with 1 or 2) or a street address ("12 rue ..."). A column is
 * flagged at most once per reason. The check is a heuristic reminder: it has false positives (a
 * column "name" holding station names) and misses (free text); it never proves that data are
 * anonymous. Name matching ignores case and accents are not folded ({@code prénom} is matched
 * through its own pattern).
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * static and stateless).
 *
 * @since 0.1.0
 */
public final class PersonalDataCheck {

    private static final Pattern NAME_COLUMN = Pattern.compile(
            "(?i)^(.*[_\\- ])?(nom|prenom|prénom|noms|name|first[_\\- ]?name|last[_\\- ]?name"
            + "|surname|given[_\\- ]?name|full[_\\- ]?name|nom[_\\- ]?de[_\\- ]?famille"
            + "|titulaire|abonne|abonné|owner|proprietaire|propriétaire)([_\\- ].*)?$");
    private static final Pattern EMAIL_COLUMN = Pattern.compile(
            "(?i).*(e[_\\-]?mail|courriel|mel\\b).*");
    private static final Pattern PHONE_COLUMN = Pattern.compile(
            "(?i).*(phone|telephone|téléphone|\\btel\\b|mobile|portable|gsm).*");
    private static final Pattern ADDRESS_COLUMN = Pattern.compile(
            "(?i).*(adresse|address|addr\\b|\\brue\\b|street|voie|domicile).*");
    private static final Pattern PERSON_ID_COLUMN = Pattern.compile(
            "(?i).*(\\bnir\\b|(^|_)nir($|_)|secu|securite[_\\- ]?sociale|sécurité[_\\- ]?sociale"
            + "|social[_\\- ]?security|ssn|numero[_\\- ]?insee|insee[_\\- ]?personne"
            + "|date[_\\- ]?(de[_\\- ]?)?naissance|birth|passport|passeport|person[_\\- ]?id"
            + "|id[_\\- ]?person|client[_\\- ]?id|id[_\\- ]?client|customer[_\\- ]?id|numero[_\\- ]?client"
            + "|iban).*");

    /** Characters of a name or value that are checked. */
    private static final int MAX_CHECKED = 1_000;

    private static String head(String text) {
        return text.length() <= MAX_CHECKED ? text : text.substring(0, MAX_CHECKED);
    }

    private static final Pattern EMAIL_VALUE = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE_VALUE = Pattern.compile(
            "(?:(?:\\+|00)33[ .\\-]?[1-9]|0[1-9])(?:[ .\\-]?\\d{2}){4}");
    private static final Pattern NIR_VALUE = Pattern.compile(
            "[12][ ]?\\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\\d)[ ]?(?:\\d{2}|2A|2B)[ ]?\\d{3}[ ]?\\d{3}[ ]?\\d{2}");
    private static final Pattern ADDRESS_VALUE = Pattern.compile(
            "(?i)\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|chemin|impasse|allée|allee"
            + "|place|route|quai|cours|street|road)\\b.*");

    private PersonalDataCheck() {
    }

    /**
     * What the check found in one column.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param column the column or property name
     * @param kind what it looks like: {@code "person name"}, {@code "e-mail"},
     *     {@code "telephone number"}, {@code "exact address"} or {@code "person identifier"}
     * @param evidence why: {@code "column name"} or {@code "value in row N"} (0-based sample row)
     * @since 0.1.0
     */
    public record Finding(String column, String kind, String evidence) {

        /**
         * Validates the fields.
         *
         * @param column column name
         * @param kind kind of personal data
         * @param evidence why it was flagged
         * @throws NullPointerException when a field is null
         */
        public Finding {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(evidence, "evidence");
        }

        /**
         * A one-line warning in English.
         *
         * @return e.g. {@code "column email looks like personal data (e-mail, column name): the GDPR applies"}
         */
        public String message() {
            return "column " + column + " looks like personal data (" + kind + ", " + evidence
                    + "): the GDPR applies; keep it out of the model unless it is needed and lawful";
        }
    }

    /**
     * Scans column names only.
     *
     * @param names column or property names
     * @return the findings, in column order; empty when nothing looks personal
     * @throws NullPointerException when the list or a name is null
     */
    public static List<Finding> scan(List<String> names) {
        return scan(names, List.of());
    }

    /**
     * Scans column names and sample rows; only the first 1,000 characters of each name and
     * value are examined, so the cost stays linear in the number of cells whatever their length.
     *
     * @param names column or property names
     * @param sampleRows sample rows; cell {@code j} of each row belongs to column {@code j}; rows
     *     may be shorter than {@code names} (missing cells are skipped); extra cells are ignored
     * @return the findings, in column order, at most one per column and kind; empty when nothing
     *     looks personal
     * @throws NullPointerException when a list, a name, a row or a cell is null
     */
    public static List<Finding> scan(List<String> names, List<List<String>> sampleRows) {
        // Only the first MAX_CHECKED characters of a name or value are looked at: the patterns
        // search every position, so a cell of a million characters would otherwise cost minutes.
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(sampleRows, "sampleRows");
        List<Finding> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            String name = Objects.requireNonNull(names.get(j), "names[" + j + "]");
            String n = head(name).strip().toLowerCase(Locale.ROOT);
            List<String> kinds = new ArrayList<>();
            if (PERSON_ID_COLUMN.matcher(n).matches()) {
                add(out, kinds, name, "person identifier", "column name");
            }
            if (EMAIL_COLUMN.matcher(n).matches()) {
                add(out, kinds, name, "e-mail", "column name");
            }
            if (PHONE_COLUMN.matcher(n).matches()) {
                add(out, kinds, name, "telephone number", "column name");
            }
            if (ADDRESS_COLUMN.matcher(n).matches()) {
                add(out, kinds, name, "exact address", "column name");
            }
            if (NAME_COLUMN.matcher(n).matches()) {
                add(out, kinds, name, "person name", "column name");
            }
            for (int r = 0; r < sampleRows.size(); r++) {
                List<String> row = Objects.requireNonNull(sampleRows.get(r), "sampleRows[" + r + "]");
                if (j >= row.size()) {
                    continue;
                }
                String v = head(Objects.requireNonNull(row.get(j), "sampleRows[" + r + "][" + j + "]")).strip();
                if (v.isEmpty()) {
                    continue;
                }
                String evidence = "value in row " + r;
                if (EMAIL_VALUE.matcher(v).find()) {
                    add(out, kinds, name, "e-mail", evidence);
                }
                if (NIR_VALUE.matcher(v).matches()) {
                    add(out, kinds, name, "person identifier", evidence);
                } else if (PHONE_VALUE.matcher(v).matches()) {
                    add(out, kinds, name, "telephone number", evidence);
                }
                if (ADDRESS_VALUE.matcher(v).find()) {
                    add(out, kinds, name, "exact address", evidence);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<Finding> out, List<String> kinds, String column, String kind,
            String evidence) {
        if (!kinds.contains(kind)) {
            kinds.add(kind);
            out.add(new Finding(column, kind, evidence));
        }
    }
}
