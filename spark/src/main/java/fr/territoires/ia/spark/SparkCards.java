package fr.territoires.ia.spark;

import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Marks a model card as produced on Spark: the card keeps every section it had and gains, in its
 * provenance, {@code spark.engine} (the Spark version), {@code spark.master} and
 * {@code spark.partitions} (how many partitions the run used), so that a reader of the card knows
 * the result came from a cluster run and can rerun it the same way.
 *
 * <p>Thread-safe: stateless.
 *
 * @since 0.3.0
 */
public final class SparkCards {

    private SparkCards() {
    }

    /**
     * Returns the card with the Spark run's facts added to its provenance (existing entries are
     * kept; {@code spark.*} entries are replaced).
     *
     * @param card the card of the model or run
     * @param session the session the run used
     * @param partitions partitions the run's data were spread over, at least 1
     * @return a new card
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public static ModelCard ranOnSpark(ModelCard card, SparkSession session, int partitions) {
        Checks.notNull(card, "card");
        Checks.notNull(session, "session");
        Checks.atLeast(partitions, 1, "partitions");
        return ranOnSpark(card, session.version(), session.sparkContext().master(), partitions);
    }

    /** The same, from facts read on the driver (executors have no session). */
    static ModelCard ranOnSpark(ModelCard card, String version, String master, int partitions) {
        Map<String, String> provenance = new LinkedHashMap<>(card.details().provenance());
        provenance.put("spark.engine", "Apache Spark " + version);
        provenance.put("spark.master", master);
        provenance.put("spark.partitions", Integer.toString(partitions));
        return card.toBuilder().provenance(provenance).build();
    }
}
