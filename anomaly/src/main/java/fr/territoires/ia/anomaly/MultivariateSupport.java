package fr.territoires.ia.anomaly;

import fr.territoires.ia.core.MultivariateTimeSeries;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Code shared by the multivariate detectors: argument checks, the alarm threshold, the training
 * data summary of the model card.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class MultivariateSupport {

    private MultivariateSupport() {
    }

    /** Checks the training series: not null, at least two rows. */
    static MultivariateTimeSeries checkTrain(MultivariateTimeSeries train) {
        Objects.requireNonNull(train, "train");
        if (train.size() < 2) {
            throw new IllegalArgumentException("train must have >= 2 rows, was " + train.size());
        }
        return train;
    }

    /** Returns flags {@code score > threshold}. */
    static boolean[] alarms(double[] scores, double threshold) {
        boolean[] a = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            a[i] = scores[i] > threshold;
        }
        return a;
    }

    /** Training data section of a card: name, period, rows, columns, missing cells and scaler. */
    static ModelCard.DataSummary trainingData(MultivariateTimeSeries train, RobustScaler scaler) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("columns", String.join(", ", train.columns()));
        details.put("missing cells", Integer.toString(train.missingCount()));
        for (int c = 0; c < scaler.columnCount(); c++) {
            details.put("median/scale " + scaler.columns().get(c),
                    scaler.median(c) + " / " + scaler.scale(c));
        }
        String extent = train.timestamp(0) + "/" + train.timestamp(train.size() - 1);
        return new ModelCard.DataSummary(train.name(), extent, train.size(), details);
    }
}
