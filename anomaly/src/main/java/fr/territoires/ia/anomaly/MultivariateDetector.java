package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.List;

/**
 * A fitted detector that scores every row of a multivariate series (aligned sensor columns) for
 * anomalies and explains each row by the columns that deviate most.
 *
 * <p>Implemented by {@link IsolationForestDetector} and {@link OneClassSvmDetector}. Scores are in
 * {@code [0, 1]}, higher is more anomalous; a row raises an alarm when its score is strictly
 * above {@link #threshold()}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public sealed interface MultivariateDetector permits IsolationForestDetector, OneClassSvmDetector {

    /**
     * Scores every row of a series that has the training columns, in the training order.
     *
     * <p>A missing cell ({@code NaN}) is replaced by the training median of its column before
     * scoring and reported by {@link MultivariateScores#missingColumns(int)}.
     *
     * @param series rows to score; may be empty
     * @return one score, alarm flag and explanation per row
     * @throws NullPointerException when {@code series} is null
     * @throws IllegalArgumentException when the columns differ from the training columns (the
     *     message names both lists)
     */
    MultivariateScores score(MultivariateTimeSeries series);

    /**
     * Returns the training columns, in order.
     *
     * @return an unmodifiable list
     */
    List<String> columns();

    /**
     * Returns the alarm threshold set from the training scores: a row raises an alarm when its
     * score is strictly above it.
     *
     * @return the threshold, in {@code [0, 1]}
     */
    double threshold();

    /**
     * Returns the model card: algorithm, reference, options, seed, library version and digest
     * of the training data.
     *
     * @return the card
     */
    ModelCard card();
}
