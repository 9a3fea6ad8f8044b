package fr.territoires.ia.forecasting;

import java.util.List;
import java.util.Objects;

/**
 * Which features the forecasters build for a series and an issue date {@code d}.
 *
 * <p>All offsets are in days of the calendar, never in rows: lag {@code k} is the value on date
 * {@code d - k}, so a missing day cannot shift a lag onto another date. Values are on the
 * series' own scale (its training mean and standard deviation). The features are:
 * <ul>
 *   <li>{@code lag<k>}: the value on {@code d - k}; {@code lag0} is the latest value known
 *       within the forecast horizon and {@code age} its age in days; a missing lag takes the
 *       nearest later reading;</li>
 *   <li>{@code rise<k>}: {@code lag0 - lag<k>}, the rise over {@code k} days;</li>
 *   <li>{@code mean<w>} and {@code max<w>}: mean and maximum over the {@code w} days
 *       {@code d - w + 1 .. d}, computed on the days present;</li>
 *   <li>calendar, when enabled: {@code doy_sin}, {@code doy_cos} (day of year as harmonics of a
 *       365.25-day year), {@code dow_1 .. dow_6} (day of week, Monday = reference) and
 *       {@code holiday} (1 on a French public holiday, metropolitan calendar);</li>
 *   <li>for each covariate series {@code c} and each covariate lag {@code k}:
 *       {@code cov<i>_<c>_lag<k>}, the covariate's value on {@code d - k}, in its unit.</li>
 * </ul>
 * What is still missing is imputed by the models with a missing indicator; a date gets no
 * forecast only when no value is known within the horizon. The forecasters add their own
 * features ({@code to_threshold}; {@code network_median} and {@code network_rise1} for a network).
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param lags lags of the series in days, each in {@code [0, 3660]}, not all empty with
 *     {@code rises} and {@code windows}
 * @param rises rise lengths in days, each in {@code [1, 3660]}
 * @param windows rolling-window lengths in days, each in {@code [2, 3660]}
 * @param calendar whether to add the calendar features
 * @param covariateLags lags of each covariate series in days, each in {@code [0, 3660]}
 * @since 0.1.0
 */
public record FeatureSpec(List<Integer> lags, List<Integer> rises, List<Integer> windows,
        boolean calendar, List<Integer> covariateLags) {

    private static final int MAX_OFFSET = 3660;

    /**
     * Validates and copies the lists.
     *
     * @param lags lags in days
     * @param rises rise lengths in days
     * @param windows window lengths in days
     * @param calendar whether to add calendar features
     * @param covariateLags covariate lags in days
     * @throws NullPointerException when a list or an element is null
     * @throws IllegalArgumentException when an offset is out of range or no feature of the
     *     series itself is requested
     */
    public FeatureSpec {
        lags = List.copyOf(Objects.requireNonNull(lags, "lags"));
        rises = List.copyOf(Objects.requireNonNull(rises, "rises"));
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        covariateLags = List.copyOf(Objects.requireNonNull(covariateLags, "covariateLags"));
        check(lags, "lags", 0);
        check(rises, "rises", 1);
        check(windows, "windows", 2);
        check(covariateLags, "covariateLags", 0);
        if (lags.isEmpty() && rises.isEmpty() && windows.isEmpty()) {
            throw new IllegalArgumentException(
                    "lags, rises and windows must not all be empty, was all empty");
        }
    }

    private static void check(List<Integer> offsets, String name, int min) {
        for (int i = 0; i < offsets.size(); i++) {
            int k = offsets.get(i);
            if (k < min || k > MAX_OFFSET) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in [" + min + ", "
                        + MAX_OFFSET + "], was " + k);
            }
        }
    }

    /**
     * Returns the default specification: lags 0, 1, 2, 3 and 7 days; rises over 1, 2, 3 and 7
     * days; rolling mean and maximum over 3, 7 and 30 days; calendar features; covariates at
     * lags 0 and 1.
     *
     * @return the default specification
     */
    public static FeatureSpec defaults() {
        return new FeatureSpec(List.of(0, 1, 2, 3, 7), List.of(1, 2, 3, 7), List.of(3, 7, 30),
                true, List.of(0, 1));
    }

    /**
     * Returns a copy with or without the calendar features.
     *
     * @param enabled whether to add the calendar features
     * @return the new specification
     */
    public FeatureSpec withCalendar(boolean enabled) {
        return new FeatureSpec(lags, rises, windows, enabled, covariateLags);
    }

    /**
     * Returns a copy with other lags of the series.
     *
     * @param newLags lags in days
     * @return the new specification
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a lag is out of range
     */
    public FeatureSpec withLags(List<Integer> newLags) {
        return new FeatureSpec(newLags, rises, windows, calendar, covariateLags);
    }

    /**
     * Returns a copy with other rise lengths.
     *
     * @param newRises rise lengths in days
     * @return the new specification
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a length is out of range
     */
    public FeatureSpec withRises(List<Integer> newRises) {
        return new FeatureSpec(lags, newRises, windows, calendar, covariateLags);
    }

    /**
     * Returns a copy with other rolling windows.
     *
     * @param newWindows window lengths in days
     * @return the new specification
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a length is out of range
     */
    public FeatureSpec withWindows(List<Integer> newWindows) {
        return new FeatureSpec(lags, rises, newWindows, calendar, covariateLags);
    }

    /**
     * Returns a copy with other covariate lags.
     *
     * @param newLags covariate lags in days
     * @return the new specification
     * @throws NullPointerException when the list or an element is null
     * @throws IllegalArgumentException when a lag is out of range
     */
    public FeatureSpec withCovariateLags(List<Integer> newLags) {
        return new FeatureSpec(lags, rises, windows, calendar, newLags);
    }

    /** Largest look-back in days. */
    int maxLookBack() {
        int m = 0;
        for (int k : lags) {
            m = Math.max(m, k);
        }
        for (int k : rises) {
            m = Math.max(m, k);
        }
        for (int w : windows) {
            m = Math.max(m, w - 1);
        }
        return m;
    }

    /**
     * Returns a readable name of a feature the forecasters build, in English or in French,
     * for explanations and public notices: {@code lag0} is "today's value" ("valeur du jour"),
     * {@code rise3} "rise over 3 days" ("hausse sur 3 jours"), {@code max7} "maximum over 7 days"
     * ("maximum sur 7 jours"), {@code dow_1} "day of week: Tuesday" ("jour de la semaine :
     * mardi"), covariate lag 2 of {@code cov0_rain_mm} "rain_mm, 2 days before" ("rain_mm, 2 jours
     * avant"). An unknown
     * name is returned as is.
     *
     * @param name a feature name, as the forecasters build it
     * @param french whether to answer in French
     * @return the readable name
     * @throws NullPointerException when {@code name} is null
     */
    public static String label(String name, boolean french) {
        Objects.requireNonNull(name, "name");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(lag|rise|mean|max)(\\d+)").matcher(name);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(2));
            String days = k + (french ? (k == 1 ? " jour" : " jours") : (k == 1 ? " day" : " days"));
            switch (m.group(1)) {
                case "lag":
                    return k == 0 ? (french ? "valeur du jour" : "today's value")
                            : (french ? "valeur " + days + " avant" : "value " + days + " before");
                case "rise":
                    return french ? "hausse sur " + days : "rise over " + days;
                case "mean":
                    return french ? "moyenne sur " + days : "mean over " + days;
                default:
                    return french ? "maximum sur " + days : "maximum over " + days;
            }
        }
        switch (name) {
            case "doy_sin":
                return french ? "saison (sinus du jour de l'année)" : "season (sine of the day of year)";
            case "doy_cos":
                return french ? "saison (cosinus du jour de l'année)" : "season (cosine of the day of year)";
            case "holiday":
                return french ? "jour férié" : "public holiday";
            case "age":
                return french ? "âge de la dernière valeur (jours)" : "age of the latest value (days)";
            case "to_threshold":
                return french ? "seuil à l'échelle de la série" : "threshold on the series' scale";
            case "network_median":
                return french ? "niveau médian du réseau" : "network median level";
            case "network_rise1":
                return french ? "hausse médiane du réseau sur 1 jour" : "network median rise over 1 day";
            default:
                break;
        }
        java.util.regex.Matcher dow = java.util.regex.Pattern.compile("dow_([1-6])").matcher(name);
        if (dow.matches()) {
            java.time.DayOfWeek d = java.time.DayOfWeek.of(1 + Integer.parseInt(dow.group(1)));
            String day = d.getDisplayName(java.time.format.TextStyle.FULL, french ? java.util.Locale.FRENCH
                    : java.util.Locale.ENGLISH);
            return (french ? "jour de la semaine : " : "day of week: ") + day;
        }
        java.util.regex.Matcher cov = java.util.regex.Pattern.compile("cov\\d+_(.+)_lag(\\d+)").matcher(name);
        if (cov.matches()) {
            int k = Integer.parseInt(cov.group(2));
            if (k == 0) {
                return cov.group(1) + (french ? " du jour" : " today");
            }
            return cov.group(1) + ", " + k + (french ? (k == 1 ? " jour avant" : " jours avant")
                    : (k == 1 ? " day before" : " days before"));
        }
        return name;
    }
}
