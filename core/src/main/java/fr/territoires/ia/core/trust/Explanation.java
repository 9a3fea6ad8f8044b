package fr.territoires.ia.core.trust;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The additive explanation of one model output: a base value plus one contribution per input
 * feature, which sum to the output.
 *
 * <p>For tree ensembles the contributions are Saabas's (A. Saabas, "Interpreting random
 * forests", 2014; the path attribution of S. M. Lundberg et al., "From local explanations to
 * global understanding with explainable AI for trees", Nature Machine Intelligence 2, 2020,
 * section "Saabas"): along each tree's decision path, the change of the node's expected value
 * at a split is credited to the split's feature; the base value is the expected output before any
 * split. For a linear model, feature {@code j} contributes {@code w_j (x_j - mean_j)} and the base
 * value is the output at the training means. The output is in the model's own units, stated by
 * {@link #output()}: for a classifier it is a margin (log-odds or a class score), not a
 * probability, because only margins add up.
 *
 * <p>The compact constructor checks the sum: {@code |baseValue + sum(contributions) - value|}
 * must be at most {@code 1e-6 * max(1, |value|)}. {@link #top(int)} ranks the factors by the size
 * of their contribution; {@link #toEnglish(int, UnaryOperator)} and
 * {@link #toFrench(int, UnaryOperator)} render the top factors as one sentence for a citizen or an
 * agent (the obligation to explain an individual decision, Code des relations entre le public et
 * l'administration, art. R311-3-1-2). {@link #importance(List)} turns many explanations into a
 * global feature importance (mean absolute contribution, as a share), for model cards and
 * public notices.
 *
 * <pre>{@code
 * Explanation e = forecaster.explain(series, List.of(), LocalDate.of(2024, 1, 9)).orElseThrow();
 * System.out.println(e.toFrench(3, name -> name));
 * // log-cote de dépassement 1,52 (base -3,1) : lag0 = 2,31 l'augmente de 2,4 ; ...
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param output what the value is, in English (e.g. "log-odds of exceedance")
 * @param outputFr the same in French (e.g. "log-cote de dépassement")
 * @param baseValue the output before any feature is known; finite
 * @param value the explained output; finite
 * @param factors one factor per feature, in the model's feature order
 * @since 0.1.0
 */
public record Explanation(String output, String outputFr, double baseValue, double value,
        List<Explanation.Factor> factors) {

    /** Tolerance of the sum check, relative to {@code max(1, |value|)}. */
    public static final double TOLERANCE = 1e-6;

    /**
     * One feature's part in an explained output.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param feature the feature's name, as the model knows it; not blank
     * @param featureValue the feature's value for this input, in its own unit; NaN when missing
     * @param contribution what the feature adds to the output (negative: lowers it); finite
     * @since 0.1.0
     */
    public record Factor(String feature, double featureValue, double contribution) {

        /**
         * Checks the factor.
         *
         * @param feature the feature's name; not blank
         * @param featureValue the feature's value; NaN when missing
         * @param contribution what the feature adds to the output; finite
         * @throws NullPointerException when {@code feature} is null
         * @throws IllegalArgumentException when {@code feature} is blank or the contribution is
         *     not finite
         */
        public Factor {
            Objects.requireNonNull(feature, "feature");
            if (feature.isBlank()) {
                throw new IllegalArgumentException("feature must not be blank, was \"" + feature + "\"");
            }
            if (!Double.isFinite(contribution)) {
                throw new IllegalArgumentException("contribution of " + feature + " must be finite, was "
                        + contribution);
            }
        }
    }

    /**
     * Checks the explanation and copies the factors.
     *
     * @param output what the value is, in English
     * @param outputFr the same in French
     * @param baseValue the output before any feature is known; finite
     * @param value the explained output; finite
     * @param factors one factor per feature
     * @throws NullPointerException when an argument or a factor is null
     * @throws IllegalArgumentException when a number is not finite, two factors share a name or
     *     the contributions plus the base value do not sum to the value
     */
    public Explanation {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputFr, "outputFr");
        factors = List.copyOf(Objects.requireNonNull(factors, "factors"));
        if (!Double.isFinite(baseValue)) {
            throw new IllegalArgumentException("baseValue must be finite, was " + baseValue);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        double sum = baseValue;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Factor f : factors) {
            if (!seen.add(f.feature())) {
                throw new IllegalArgumentException("factors must have distinct features, was \""
                        + f.feature() + "\" twice");
            }
            sum += f.contribution();
        }
        if (Math.abs(sum - value) > TOLERANCE * Math.max(1.0, Math.abs(value))) {
            throw new IllegalArgumentException("baseValue plus contributions must equal value within "
                    + TOLERANCE + ", was " + sum + " for value " + value);
        }
    }

    /**
     * Builds an explanation from a contribution array laid out as
     * {@link fr.territoires.ia.core.fast.CompiledTrees#contributions(double[], int)} returns it:
     * one value per feature, then the base value (bias) last.
     *
     * @param output what the value is, in English
     * @param outputFr the same in French
     * @param features feature names, in the model's order
     * @param row the feature values, aligned with {@code features}
     * @param contributions {@code features.size() + 1} values: per feature, then the base value
     * @param value the model's output for the row, computed independently (the sum is checked
     *     against it)
     * @return the explanation
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths disagree or the sum check fails
     */
    public static Explanation of(String output, String outputFr, List<String> features, double[] row,
            double[] contributions, double value) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(contributions, "contributions");
        if (row.length != features.size() || contributions.length != features.size() + 1) {
            throw new IllegalArgumentException("row and contributions must have " + features.size() + " and "
                    + (features.size() + 1) + " values, was " + row.length + " and " + contributions.length);
        }
        List<Factor> factors = new ArrayList<>(features.size());
        for (int j = 0; j < features.size(); j++) {
            factors.add(new Factor(features.get(j), row[j], contributions[j]));
        }
        return new Explanation(output, outputFr, contributions[features.size()], value, factors);
    }

    /**
     * Returns the factors with a non-zero contribution, largest absolute contribution first
     * (ties in feature order).
     *
     * @param k how many at most; at least 0
     * @return at most {@code k} factors
     * @throws IllegalArgumentException when {@code k} is negative
     */
    public List<Factor> top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        List<Factor> sorted = new ArrayList<>();
        for (Factor f : factors) {
            if (f.contribution() != 0.0) {
                sorted.add(f);
            }
        }
        sorted.sort(Comparator.comparingDouble((Factor f) -> -Math.abs(f.contribution())));
        return List.copyOf(sorted.subList(0, Math.min(k, sorted.size())));
    }

    /**
     * Renders the top factors as one English sentence, e.g. {@code "log-odds of exceedance 1.52
     * (base -3.1): today's value = 2.31 raises it by 2.4; rise over 3 days = 0.45 raises it by
     * 1.1"}. Numbers have 3 significant digits.
     *
     * @param k how many factors at most; at least 0
     * @param label the readable name of a feature (e.g. {@code name -> name})
     * @return the sentence
     * @throws NullPointerException when {@code label} is null
     * @throws IllegalArgumentException when {@code k} is negative
     */
    public String toEnglish(int k, UnaryOperator<String> label) {
        return render(k, label, false);
    }

    /**
     * Renders the top factors as one French sentence, e.g. {@code "log-cote de dépassement 1,52
     * (base -3,1) : valeur du jour = 2,31 l'augmente de 2,4 ; hausse sur 3 jours = 0,45
     * l'augmente de 1,1"}: decimal comma, a space before the colon and semicolons (French
     * typography).
     *
     * @param k how many factors at most; at least 0
     * @param label the readable French name of a feature
     * @return the sentence
     * @throws NullPointerException when {@code label} is null
     * @throws IllegalArgumentException when {@code k} is negative
     */
    public String toFrench(int k, UnaryOperator<String> label) {
        return render(k, label, true);
    }

    private String render(int k, UnaryOperator<String> label, boolean french) {
        Objects.requireNonNull(label, "label");
        List<Factor> top = top(k);
        StringBuilder sb = new StringBuilder();
        sb.append(french ? outputFr : output).append(' ').append(number(value, french)).append(" (base ")
                .append(number(baseValue, french)).append(french ? ") :" : "):");
        if (top.isEmpty()) {
            sb.append(french ? " aucun facteur ne la modifie" : " no factor changes it");
        }
        String sep = "";
        for (Factor f : top) {
            sb.append(sep).append(' ').append(label.apply(f.feature())).append(" = ")
                    .append(Double.isNaN(f.featureValue()) ? (french ? "manquant" : "missing")
                            : number(f.featureValue(), french));
            double c = f.contribution();
            if (french) {
                sb.append(c > 0 ? " l'augmente de " : " la diminue de ").append(number(Math.abs(c), true));
            } else {
                sb.append(c > 0 ? " raises it by " : " lowers it by ").append(number(Math.abs(c), false));
            }
            sep = french ? " ;" : ";";
        }
        return sb.toString();
    }

    /** Three significant digits, without exponent for usual magnitudes; comma in French. */
    static String number(double v, boolean french) {
        String s;
        double a = Math.abs(v);
        if (v == 0) {
            s = "0";
        } else if (a >= 1e-3 && a < 1e6) {
            s = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        } else {
            s = String.format(Locale.ROOT, "%.2e", v);
        }
        return french ? s.replace('.', ',') : s;
    }

    /**
     * Global feature importance from individual explanations: each feature's mean absolute
     * contribution divided by the sum over features, so the shares sum to 1 (the usual
     * "mean |attribution|" global importance of Lundberg et al., 2020). Features are matched by
     * name; a feature missing from an explanation counts as 0 there.
     *
     * @param explanations explanations of the same model, e.g. on its training rows
     * @return feature name to share in [0, 1], largest first (ties in first-seen order); empty
     *     when there is no explanation or every contribution is 0
     * @throws NullPointerException when the list or an element is null
     */
    public static Map<String, Double> importance(List<Explanation> explanations) {
        Objects.requireNonNull(explanations, "explanations");
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Explanation e : explanations) {
            for (Factor f : Objects.requireNonNull(e, "explanation").factors()) {
                sums.merge(f.feature(), Math.abs(f.contribution()), Double::sum);
            }
        }
        double total = 0;
        for (double v : sums.values()) {
            total += v;
        }
        if (!(total > 0)) {
            return Map.of();
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>(sums.entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, Double> x) -> -x.getValue()));
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> x : entries) {
            out.put(x.getKey(), x.getValue() / total);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
