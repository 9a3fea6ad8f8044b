package fr.territoires.ia.core.trust;

import fr.territoires.ia.core.internal.Checks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A model card: the short document that travels with a fitted model and says what it is, what it
 * is for, how well it does and where it must not be trusted.
 *
 * <p>The sections follow M. Mitchell, S. Wu, A. Zaldivar, P. Barnes, L. Vasserman, B. Hutchinson,
 * E. Spitzer, I. D. Raji and T. Gebru, "Model Cards for Model Reporting", Proceedings of the
 * Conference on Fairness, Accountability, and Transparency (FAT* '19), 2019,
 * doi:10.1145/3287560.3287596: model details, intended use, factors, metrics, evaluation data,
 * training data, quantitative analyses, ethical considerations, caveats and recommendations.
 *
 * <p>Build one with {@link #builder(String)}; every section except the name has an empty default.
 * Maps keep the order in which they were given, so {@link #toMarkdown()} and {@link #toJson()} are
 * deterministic. Two cards are equal when every section is equal (maps compare as maps).
 *
 * <p><b>JSON format</b> ({@link #toJson()}, {@link #fromJson(String)}), version
 * {@value #JSON_FORMAT}; every field is required except {@code featureImportance} and {@code altai} (absent means
 * empty, so cards written before these sections existed still read), unknown fields are ignored:
 * <pre>{@code
 * {
 *   "modelCardFormat": 1,
 *   "details": {
 *     "name": "...", "version": "...", "algorithm": "...", "description": "...",
 *     "organisation": "...", "licence": "...",
 *     "trainedAt": "2024-03-01T10:00:00Z" or null,   (ISO-8601 instant, UTC)
 *     "seed": 42 or null,
 *     "options": {"key": "value", ...},               (hyper-parameters as text, in order)
 *     "provenance": {"key": "value", ...},            (flattened Tribuo provenance, in order)
 *     "libraryVersion": "...",
 *     "dataDigest": "" or 64 lower-case hex digits    (SHA-256 of the training data)
 *   },
 *   "intendedUse": {"primaryUses": "...", "primaryUsers": ["..."], "outOfScopeUses": ["..."]},
 *   "factors": {"relevant": ["..."], "evaluation": ["..."]},
 *   "metrics": [METRIC, ...],
 *   "evaluationData": DATA,
 *   "trainingData": DATA,
 *   "quantitativeAnalyses": [{"factor": "...", "group": "...", "metrics": [METRIC, ...]}, ...],
 *   "ethicalConsiderations": ["..."],
 *   "caveats": ["..."],
 *   "featureImportance": {"feature": 0.42, ...},     (optional; written when not empty)
 *   "altai": [{"requirement": "TRANSPARENCY", "evidence": ["..."],
 *              "openQuestions": ["..."]}, ...]        (optional; written when not empty)
 * }
 * METRIC = {"name": "...", "value": 0.5, "lower": 0.4 or null, "upper": 0.6 or null,
 *           "description": "..."}
 * DATA   = {"source": "...", "extent": "...", "rows": 1000, "details": {"key": "value", ...}}
 * }</pre>
 * Numbers are written with Java's shortest exact representation, so a card survives
 * {@code fromJson(card.toJson())} unchanged.
 *
 * <p>This record holds the card's content and validates it; its renderers live beside it, one per
 * format: Markdown ({@code CardMarkdown}), HTML ({@code CardHtml}), JSON ({@code CardJson}) and the
 * French public notice ({@link PublicNotice}).
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param details model details: name, version, algorithm, options, provenance and versions
 * @param intendedUse primary uses, primary users and uses out of scope
 * @param factors groups, instruments and environments that matter, and those evaluated
 * @param metrics overall performance measures, in order
 * @param evaluationData data the metrics were computed on
 * @param trainingData data the model was fitted on
 * @param quantitativeAnalyses metrics broken down per factor group (station, district, class...)
 * @param ethicalConsiderations ethical considerations, one per item
 * @param caveats caveats and recommendations, one per item
 * @param featureImportance global importance of each input feature (share of the model's
 *     decisions or gain, largest first by convention), empty when not computed
 * @param altai ALTAI self-assessment of the seven requirements, empty when not assessed
 * @since 0.1.0
 */
public record ModelCard(
        Details details,
        IntendedUse intendedUse,
        Factors factors,
        List<Metric> metrics,
        DataSummary evaluationData,
        DataSummary trainingData,
        List<QuantitativeAnalysis> quantitativeAnalyses,
        List<String> ethicalConsiderations,
        List<String> caveats,
        Map<String, Double> featureImportance,
        Altai altai) {

    /** Version of the JSON format written by {@link #toJson()} and read by {@link #fromJson(String)}. */
    public static final int JSON_FORMAT = 1;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates and copies the sections.
     *
     * @param details model details
     * @param intendedUse intended use
     * @param factors factors
     * @param metrics metrics, in order
     * @param evaluationData evaluation data summary
     * @param trainingData training data summary
     * @param quantitativeAnalyses per-group metrics, in order
     * @param ethicalConsiderations ethical considerations
     * @param caveats caveats and recommendations
     * @param featureImportance global feature importance, in order
     * @param altai ALTAI self-assessment
     * @throws NullPointerException when a section, list or list element is null
     * @throws IllegalArgumentException when a list of texts holds a blank text, or a feature
     *     importance has a blank name or a value that is not finite
     */
    public ModelCard {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(intendedUse, "intendedUse");
        Objects.requireNonNull(factors, "factors");
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(evaluationData, "evaluationData");
        Objects.requireNonNull(trainingData, "trainingData");
        quantitativeAnalyses = List.copyOf(
                Objects.requireNonNull(quantitativeAnalyses, "quantitativeAnalyses"));
        ethicalConsiderations = texts(ethicalConsiderations, "ethicalConsiderations");
        caveats = texts(caveats, "caveats");
        featureImportance = importance(featureImportance);
        Objects.requireNonNull(altai, "altai");
    }

    /**
     * Model details: who made the model, when, how and with what.
     *
     * <p>Text fields may be empty, which means "not stated". Instances are immutable and safe for
     * concurrent use.
     *
     * @param name name of the model; not blank
     * @param version version of the model, free text (e.g. {@code "2024.03"})
     * @param algorithm algorithm or Tribuo trainer, e.g. {@code "isolation forest"}
     * @param description what the model does, in a few sentences
     * @param organisation organisation responsible for the model
     * @param licence licence under which the model is shared, e.g. an SPDX identifier
     * @param trainedAt when the model was fitted, if known
     * @param seed random seed used to fit the model, if any
     * @param options hyper-parameters as text, in a stable order
     * @param provenance Tribuo provenance flattened to text, in a stable order
     * @param libraryVersion version of Territoires IA that fitted the model
     * @param dataDigest SHA-256 of the training data as 64 lower-case hex digits, or empty when
     *     not computed
     * @since 0.1.0
     */
    public record Details(
            String name,
            String version,
            String algorithm,
            String description,
            String organisation,
            String licence,
            Optional<Instant> trainedAt,
            OptionalLong seed,
            Map<String, String> options,
            Map<String, String> provenance,
            String libraryVersion,
            String dataDigest) {

        /**
         * Validates and copies the fields.
         *
         * @param name name; not blank
         * @param version model version; may be empty
         * @param algorithm algorithm; may be empty
         * @param description description; may be empty
         * @param organisation organisation; may be empty
         * @param licence licence; may be empty
         * @param trainedAt fitting instant, if known
         * @param seed random seed, if any
         * @param options hyper-parameters as text
         * @param provenance flattened provenance
         * @param libraryVersion library version
         * @param dataDigest training data SHA-256, or empty
         * @throws NullPointerException when a field, map key or map value is null
         * @throws IllegalArgumentException when the name is blank, a map key is blank or the
         *     digest is neither empty nor 64 lower-case hex digits
         */
        public Details {
            name = checkName(name);
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(organisation, "organisation");
            Objects.requireNonNull(licence, "licence");
            Objects.requireNonNull(trainedAt, "trainedAt");
            Objects.requireNonNull(seed, "seed");
            options = orderedCopy(options, "options");
            provenance = orderedCopy(provenance, "provenance");
            Objects.requireNonNull(libraryVersion, "libraryVersion");
            dataDigest = checkDigest(dataDigest);
        }
    }

    /**
     * Intended use: what the model is for, for whom, and what it must not be used for.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param primaryUses the uses the model was built and evaluated for; may be empty
     * @param primaryUsers who is expected to use it (e.g. "water network operators")
     * @param outOfScopeUses uses the model is not fit for
     * @since 0.1.0
     */
    public record IntendedUse(String primaryUses, List<String> primaryUsers,
            List<String> outOfScopeUses) {

        /**
         * Validates and copies the fields.
         *
         * @param primaryUses primary uses; may be empty
         * @param primaryUsers primary users
         * @param outOfScopeUses out-of-scope uses
         * @throws NullPointerException when a field or list element is null
         * @throws IllegalArgumentException when a list element is blank
         */
        public IntendedUse {
            Objects.requireNonNull(primaryUses, "primaryUses");
            primaryUsers = texts(primaryUsers, "primaryUsers");
            outOfScopeUses = texts(outOfScopeUses, "outOfScopeUses");
        }

        /**
         * Returns the empty section ("not stated").
         *
         * @return an intended use with no text
         */
        public static IntendedUse empty() {
            return new IntendedUse("", List.of(), List.of());
        }

        boolean isEmpty() {
            return primaryUses.isBlank() && primaryUsers.isEmpty() && outOfScopeUses.isEmpty();
        }
    }

    /**
     * Factors: the groups, instruments and environments along which performance may vary.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param relevant factors that may change the model's behaviour (season, station type, district)
     * @param evaluation factors along which the evaluation was broken down
     * @since 0.1.0
     */
    public record Factors(List<String> relevant, List<String> evaluation) {

        /**
         * Validates and copies the lists.
         *
         * @param relevant relevant factors
         * @param evaluation evaluation factors
         * @throws NullPointerException when a list or element is null
         * @throws IllegalArgumentException when an element is blank
         */
        public Factors {
            relevant = texts(relevant, "relevant");
            evaluation = texts(evaluation, "evaluation");
        }

        /**
         * Returns the empty section ("not stated").
         *
         * @return factors with both lists empty
         */
        public static Factors empty() {
            return new Factors(List.of(), List.of());
        }
    }

    /**
     * One performance measure with an optional interval (e.g. a bootstrap 95 % interval).
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param name name of the measure, e.g. {@code "MAE (m3/h)"}; not blank
     * @param value value of the measure; finite
     * @param lower lower bound of the interval, or NaN when there is none
     * @param upper upper bound of the interval, or NaN when there is none
     * @param description how the value was computed; may be empty
     * @since 0.1.0
     */
    public record Metric(String name, double value, double lower, double upper, String description) {

        /**
         * Validates the fields.
         *
         * @param name name; not blank
         * @param value value; finite
         * @param lower lower bound, or NaN
         * @param upper upper bound, or NaN
         * @param description how the value was computed; may be empty
         * @throws NullPointerException when the name or description is null
         * @throws IllegalArgumentException when the name is blank, the value is not finite, only
         *     one bound is NaN, a bound is infinite or {@code lower > upper}
         */
        public Metric {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        "value of metric " + name + " must be finite, was " + value);
            }
            if (Double.isNaN(lower) != Double.isNaN(upper)) {
                throw new IllegalArgumentException("lower and upper of metric " + name
                        + " must be both NaN or both finite, was [" + lower + ", " + upper + "]");
            }
            if (!Double.isNaN(lower)
                    && (Double.isInfinite(lower) || Double.isInfinite(upper) || lower > upper)) {
                throw new IllegalArgumentException("interval of metric " + name
                        + " must be finite with lower <= upper, was [" + lower + ", " + upper + "]");
            }
            Objects.requireNonNull(description, "description");
        }

        /**
         * Creates a metric without interval.
         *
         * @param name name of the measure; not blank
         * @param value value; finite
         * @param description how it was computed; may be empty
         * @return the metric, with NaN bounds
         * @throws NullPointerException when the name or description is null
         * @throws IllegalArgumentException when the name is blank or the value not finite
         */
        public static Metric of(String name, double value, String description) {
            return new Metric(name, value, Double.NaN, Double.NaN, description);
        }

        /**
         * Tells whether the metric has an interval.
         *
         * @return true when both bounds are finite
         */
        public boolean hasInterval() {
            return !Double.isNaN(lower);
        }
    }

    /**
     * Summary of a data set used to train or evaluate the model.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param source where the data comes from (producer, data set name, URL); may be empty
     * @param extent period or area covered, e.g. {@code "2019-01-01/2023-12-31, Toulouse"}; may be
     *     empty
     * @param rows number of rows (observations); 0 when not stated
     * @param details further facts (preprocessing, sampling, share of labels), in a stable order
     * @since 0.1.0
     */
    public record DataSummary(String source, String extent, long rows, Map<String, String> details) {

        /**
         * Validates and copies the fields.
         *
         * @param source source; may be empty
         * @param extent period or area; may be empty
         * @param rows row count; >= 0
         * @param details further facts
         * @throws NullPointerException when a field, key or value is null
         * @throws IllegalArgumentException when {@code rows < 0} or a key is blank
         */
        public DataSummary {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(extent, "extent");
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, was " + rows);
            }
            details = orderedCopy(details, "details");
        }

        /**
         * Returns the empty summary ("not stated").
         *
         * @return a summary with empty texts, 0 rows and no details
         */
        public static DataSummary empty() {
            return new DataSummary("", "", 0, Map.of());
        }

        boolean isEmpty() {
            return source.isBlank() && extent.isBlank() && rows == 0 && details.isEmpty();
        }
    }

    /**
     * Metrics computed on one group of a factor, e.g. factor "station", group "Toulouse Pont-Neuf".
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param factor the factor, e.g. {@code "district"}; not blank
     * @param group the group within the factor; not blank
     * @param metrics the metrics for that group; not empty
     * @since 0.1.0
     */
    public record QuantitativeAnalysis(String factor, String group, List<Metric> metrics) {

        /**
         * Validates and copies the fields.
         *
         * @param factor factor; not blank
         * @param group group; not blank
         * @param metrics metrics for the group; not empty
         * @throws NullPointerException when a field or metric is null
         * @throws IllegalArgumentException when the factor or group is blank or there is no metric
         */
        public QuantitativeAnalysis {
            if (Objects.requireNonNull(factor, "factor").isBlank()) {
                throw new IllegalArgumentException("factor must not be blank, was \"" + factor + "\"");
            }
            if (Objects.requireNonNull(group, "group").isBlank()) {
                throw new IllegalArgumentException("group must not be blank, was \"" + group + "\"");
            }
            metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException(
                        "metrics of " + factor + " = " + group + " must not be empty");
            }
        }
    }

    /**
     * Starts a card for the named model, with every other section empty and the library version
     * set to {@link ModelFile#libraryVersion()}.
     *
     * @param name name of the model; not blank
     * @return a new builder
     * @throws NullPointerException when {@code name} is null
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public static Builder builder(String name) {
        return new Builder(checkName(name));
    }

    /**
     * Returns a builder holding this card's sections, to make a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(details.name());
        b.details(details);
        b.intendedUse = intendedUse;
        b.factors = factors;
        b.metrics = new ArrayList<>(metrics);
        b.evaluationData = evaluationData;
        b.trainingData = trainingData;
        b.analyses = new ArrayList<>(quantitativeAnalyses);
        b.ethicalConsiderations = ethicalConsiderations;
        b.caveats = caveats;
        b.featureImportance = featureImportance;
        b.altai = altai;
        return b;
    }

    /**
     * Returns the name of the model.
     *
     * @return {@code details().name()}
     */
    public String name() {
        return details.name();
    }

    /**
     * Builds a {@link ModelCard}; each setter validates its argument at once.
     *
     * <p>Not thread-safe: confine each instance to one thread.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String name;
        private String version = "";
        private String algorithm = "";
        private String description = "";
        private String organisation = "";
        private String licence = "";
        private Optional<Instant> trainedAt = Optional.empty();
        private OptionalLong seed = OptionalLong.empty();
        private Map<String, String> options = Map.of();
        private Map<String, String> provenance = Map.of();
        private String libraryVersion = ModelFile.libraryVersion();
        private String dataDigest = "";
        private IntendedUse intendedUse = IntendedUse.empty();
        private Factors factors = Factors.empty();
        private List<Metric> metrics = new ArrayList<>();
        private DataSummary evaluationData = DataSummary.empty();
        private DataSummary trainingData = DataSummary.empty();
        private List<QuantitativeAnalysis> analyses = new ArrayList<>();
        private List<String> ethicalConsiderations = List.of();
        private List<String> caveats = List.of();
        private Map<String, Double> featureImportance = Map.of();
        private Altai altai = Altai.empty();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the name of the model.
         *
         * @param name not blank
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when {@code name} is blank
         */
        public Builder name(String name) {
            this.name = checkName(name);
            return this;
        }

        /**
         * Sets the version of the model.
         *
         * @param version free text; may be empty
         * @return this builder
         * @throws NullPointerException when {@code version} is null
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Sets the algorithm or trainer.
         *
         * @param algorithm free text; may be empty
         * @return this builder
         * @throws NullPointerException when {@code algorithm} is null
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Sets the description of the model.
         *
         * @param description free text; may be empty
         * @return this builder
         * @throws NullPointerException when {@code description} is null
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Sets the organisation responsible for the model.
         *
         * @param organisation free text; may be empty
         * @return this builder
         * @throws NullPointerException when {@code organisation} is null
         */
        public Builder organisation(String organisation) {
            this.organisation = Objects.requireNonNull(organisation, "organisation");
            return this;
        }

        /**
         * Sets the licence of the model.
         *
         * @param licence e.g. an SPDX identifier; may be empty
         * @return this builder
         * @throws NullPointerException when {@code licence} is null
         */
        public Builder licence(String licence) {
            this.licence = Objects.requireNonNull(licence, "licence");
            return this;
        }

        /**
         * Sets when the model was fitted.
         *
         * @param trainedAt instant of fitting
         * @return this builder
         * @throws NullPointerException when {@code trainedAt} is null
         */
        public Builder trainedAt(Instant trainedAt) {
            this.trainedAt = Optional.of(Objects.requireNonNull(trainedAt, "trainedAt"));
            return this;
        }

        /**
         * Sets the random seed used to fit the model.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /**
         * Sets the hyper-parameters, as text, keeping the map's iteration order.
         *
         * @param options option name to value
         * @return this builder
         * @throws NullPointerException when the map, a key or a value is null
         * @throws IllegalArgumentException when a key is blank
         */
        public Builder options(Map<String, String> options) {
            this.options = orderedCopy(options, "options");
            return this;
        }

        /**
         * Sets the flattened provenance, keeping the map's iteration order.
         *
         * @param provenance provenance key to value, e.g. from
         *     {@code fr.territoires.ia.core.tribuo.TribuoModels.provenance(model)}
         * @return this builder
         * @throws NullPointerException when the map, a key or a value is null
         * @throws IllegalArgumentException when a key is blank
         */
        public Builder provenance(Map<String, String> provenance) {
            this.provenance = orderedCopy(provenance, "provenance");
            return this;
        }

        /**
         * Sets the version of the library that fitted the model (default: the running one).
         *
         * @param libraryVersion version text
         * @return this builder
         * @throws NullPointerException when {@code libraryVersion} is null
         */
        public Builder libraryVersion(String libraryVersion) {
            this.libraryVersion = Objects.requireNonNull(libraryVersion, "libraryVersion");
            return this;
        }

        /**
         * Sets the SHA-256 digest of the training data.
         *
         * @param dataDigest 64 lower-case hex digits, or empty
         * @return this builder
         * @throws NullPointerException when {@code dataDigest} is null
         * @throws IllegalArgumentException when it is neither empty nor 64 lower-case hex digits
         */
        public Builder dataDigest(String dataDigest) {
            this.dataDigest = checkDigest(dataDigest);
            return this;
        }

        /**
         * Replaces every model detail, name included.
         *
         * @param details the details
         * @return this builder
         * @throws NullPointerException when {@code details} is null
         */
        public Builder details(Details details) {
            Objects.requireNonNull(details, "details");
            name = details.name();
            version = details.version();
            algorithm = details.algorithm();
            description = details.description();
            organisation = details.organisation();
            licence = details.licence();
            trainedAt = details.trainedAt();
            seed = details.seed();
            options = details.options();
            provenance = details.provenance();
            libraryVersion = details.libraryVersion();
            dataDigest = details.dataDigest();
            return this;
        }

        /**
         * Sets the intended use.
         *
         * @param intendedUse the section
         * @return this builder
         * @throws NullPointerException when {@code intendedUse} is null
         */
        public Builder intendedUse(IntendedUse intendedUse) {
            this.intendedUse = Objects.requireNonNull(intendedUse, "intendedUse");
            return this;
        }

        /**
         * Sets the factors.
         *
         * @param factors the section
         * @return this builder
         * @throws NullPointerException when {@code factors} is null
         */
        public Builder factors(Factors factors) {
            this.factors = Objects.requireNonNull(factors, "factors");
            return this;
        }

        /**
         * Replaces the metrics.
         *
         * @param metrics the metrics, in order
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         */
        public Builder metrics(List<Metric> metrics) {
            this.metrics = new ArrayList<>(List.copyOf(Objects.requireNonNull(metrics, "metrics")));
            return this;
        }

        /**
         * Appends one metric.
         *
         * @param metric the metric
         * @return this builder
         * @throws NullPointerException when {@code metric} is null
         */
        public Builder addMetric(Metric metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        /**
         * Sets the summary of the evaluation data.
         *
         * @param evaluationData the summary
         * @return this builder
         * @throws NullPointerException when {@code evaluationData} is null
         */
        public Builder evaluationData(DataSummary evaluationData) {
            this.evaluationData = Objects.requireNonNull(evaluationData, "evaluationData");
            return this;
        }

        /**
         * Sets the summary of the training data.
         *
         * @param trainingData the summary
         * @return this builder
         * @throws NullPointerException when {@code trainingData} is null
         */
        public Builder trainingData(DataSummary trainingData) {
            this.trainingData = Objects.requireNonNull(trainingData, "trainingData");
            return this;
        }

        /**
         * Replaces the quantitative analyses.
         *
         * @param analyses the analyses, in order
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         */
        public Builder quantitativeAnalyses(List<QuantitativeAnalysis> analyses) {
            this.analyses = new ArrayList<>(
                    List.copyOf(Objects.requireNonNull(analyses, "quantitativeAnalyses")));
            return this;
        }

        /**
         * Appends one quantitative analysis.
         *
         * @param analysis the analysis
         * @return this builder
         * @throws NullPointerException when {@code analysis} is null
         */
        public Builder addQuantitativeAnalysis(QuantitativeAnalysis analysis) {
            analyses.add(Objects.requireNonNull(analysis, "analysis"));
            return this;
        }

        /**
         * Replaces the ethical considerations.
         *
         * @param considerations one text per consideration
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         * @throws IllegalArgumentException when an element is blank
         */
        public Builder ethicalConsiderations(List<String> considerations) {
            this.ethicalConsiderations = texts(considerations, "ethicalConsiderations");
            return this;
        }

        /**
         * Replaces the caveats and recommendations.
         *
         * @param caveats one text per caveat
         * @return this builder
         * @throws NullPointerException when the list or an element is null
         * @throws IllegalArgumentException when an element is blank
         */
        public Builder caveats(List<String> caveats) {
            this.caveats = texts(caveats, "caveats");
            return this;
        }

        /**
         * Sets the global importance of the input features, keeping the map's iteration order.
         *
         * @param featureImportance feature name to importance (e.g. share of total gain)
         * @return this builder
         * @throws NullPointerException when the map, a key or a value is null
         * @throws IllegalArgumentException when a key is blank or a value is not finite
         */
        public Builder featureImportance(Map<String, Double> featureImportance) {
            this.featureImportance = importance(featureImportance);
            return this;
        }

        /**
         * Sets the ALTAI self-assessment, e.g. from {@link Altai#prefill(ModelCard, List)}.
         *
         * @param altai the assessment
         * @return this builder
         * @throws NullPointerException when {@code altai} is null
         */
        public Builder altai(Altai altai) {
            this.altai = Objects.requireNonNull(altai, "altai");
            return this;
        }

        /**
         * Builds the card; the builder can be reused afterwards.
         *
         * @return an immutable card
         */
        public ModelCard build() {
            Details d = new Details(name, version, algorithm, description, organisation, licence,
                    trainedAt, seed, options, provenance, libraryVersion, dataDigest);
            return new ModelCard(d, intendedUse, factors, metrics, evaluationData, trainingData,
                    analyses, ethicalConsiderations, caveats, featureImportance, altai);
        }
    }

    // ---------------------------------------------------------------- Markdown

    /**
     * Renders the card as a Markdown document with the sections, headings and order of
     * {@link #toHtml()}, for a reader who must decide whether to trust the model: a title, then
     * What it is for (intended use), How good it is (metrics, then the quantitative analyses under
     * By group), Who answers for it, Limits (caveats, ethical considerations), Data (training, then
     * evaluation data); then, after a rule, the technical part: Model details (with Options and
     * Provenance), Factors and, when present, Feature importance and the ALTAI self-assessment
     * (one third-level heading per requirement, with its evidence and open questions). The
     * sections are those of Mitchell et al., grouped and ordered for that reader.
     *
     * <p>Metrics and quantitative analyses are tables. Numbers have at most four decimals
     * (four significant digits below 0.001), trailing zeros removed, with a dot as decimal
     * separator whatever the default locale. Empty sections and fields read "not stated". Text is
     * copied as written (it may contain Markdown); in table cells, {@code |} is escaped and line
     * breaks become spaces. Lines end with {@code \n}.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        return CardMarkdown.render(this);
    }

    /**
     * Renders the card as one standalone HTML page: the same sections as {@link #toMarkdown()},
     * inline CSS, no script and no external resource, every text HTML-escaped. Opens in any
     * browser and can be printed or archived as is.
     *
     * @return the HTML document, UTF-8, {@code \n} line ends
     */
    public String toHtml() {
        return CardHtml.render(this);
    }

    /**
     * Renders the French public-algorithm notice of this card; see {@link PublicNotice#french(ModelCard)}.
     *
     * @return the notice as Markdown, in French
     */
    public String toNoticeFr() {
        return PublicNotice.french(this);
    }

    /**
     * Renders the French public-algorithm notice of this card with readable feature names; see
     * {@link PublicNotice#french(ModelCard, java.util.function.UnaryOperator)}.
     *
     * @param labels the readable French name of a feature (its technical name when unknown)
     * @return the notice as Markdown, in French
     * @throws NullPointerException when {@code labels} is null
     */
    public String toNoticeFr(java.util.function.UnaryOperator<String> labels) {
        return PublicNotice.french(this, labels);
    }

    /** Formats with at most 4 decimals (4 significant digits below 0.001), no trailing zeros. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v);
        if (v != 0 && Math.abs(v) < 1e-3) {
            d = d.round(new MathContext(4, RoundingMode.HALF_UP));
        } else {
            d = d.setScale(4, RoundingMode.HALF_UP);
        }
        d = d.stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.toPlainString();
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Writes the card as pretty-printed JSON, in the format described in the class comment, with
     * fields in a fixed order, two-space indentation and {@code \n} line ends.
     *
     * @return the JSON text
     */
    public String toJson() {
        return CardJson.write(this);
    }

    /**
     * Reads a card written by {@link #toJson()} (format described in the class comment).
     *
     * @param json the JSON text
     * @return the card; {@code fromJson(card.toJson()).equals(card)} holds for every card
     * @throws NullPointerException when {@code json} is null
     * @throws IllegalArgumentException when the text is not JSON, uses a newer card format, or a
     *     field is missing, has the wrong type or an invalid value; the message names the field
     *     path, e.g. {@code metrics[2].value}
     */
    public static ModelCard fromJson(String json) {
        return CardJson.read(json);
    }

    private static String checkName(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
        }
        return name;
    }

    private static String checkDigest(String digest) {
        Objects.requireNonNull(digest, "dataDigest");
        if (!digest.isEmpty() && !SHA256_HEX.matcher(digest).matches()) {
            throw new IllegalArgumentException(
                    "dataDigest must be empty or 64 lower-case hex digits, was \"" + digest + "\"");
        }
        return digest;
    }

    private static List<String> texts(List<String> list, String name) {
        return Checks.nonBlankTexts(list, name);
    }

    private static Map<String, Double> importance(Map<String, Double> map) {
        Objects.requireNonNull(map, "featureImportance");
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : map.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "featureImportance key");
            if (key.isBlank()) {
                throw new IllegalArgumentException(
                        "featureImportance keys must not be blank, was \"" + key + "\"");
            }
            double v = Objects.requireNonNull(e.getValue(), "featureImportance[" + key + "]");
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "featureImportance[" + key + "] must be finite, was " + v);
            }
            copy.put(key, v);
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Copies a map into an unmodifiable map that keeps the iteration order of the source. */
    private static Map<String, String> orderedCopy(Map<String, String> map, String name) {
        Objects.requireNonNull(map, name);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), name + " key");
            if (key.isBlank()) {
                throw new IllegalArgumentException(
                        name + " keys must not be blank, was \"" + key + "\"");
            }
            copy.put(key, Objects.requireNonNull(e.getValue(), name + "[" + key + "]"));
        }
        return Collections.unmodifiableMap(copy);
    }
}
