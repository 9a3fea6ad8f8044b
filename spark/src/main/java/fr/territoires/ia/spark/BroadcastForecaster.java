package fr.territoires.ia.spark;

import fr.territoires.ia.core.internal.Checks;
import fr.territoires.ia.core.trust.ModelCard;
import fr.territoires.ia.core.trust.ModelFile;
import fr.territoires.ia.forecasting.ExceedanceForecaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * A fitted {@link ExceedanceForecaster} broadcast once to the executors as the bytes of its
 * {@link ModelFile} (its documented, checksummed JSON form, never Java serialisation of the
 * model): each executor JVM reads the bytes back into a forecaster once and keeps it for its
 * other tasks. The forecaster read back forecasts bit for bit as the driver's.
 *
 * <pre>{@code
 * BroadcastForecaster model = BroadcastForecaster.of(spark, ExceedanceForecaster.load(Path.of("pm10.tiamodel")));
 * Dataset<Row> alerts = SparkForecasting.exceedanceNetwork(readings, "station", "date", "pm10", model,
 *         LocalDate.of(2007, 1, 1), 365);
 * }</pre>
 *
 * <p>Immutable and serializable; safe for concurrent use (the executor-side cache of decoded
 * forecasters is synchronised; a forecaster is safe for concurrent use).
 *
 * @since 0.3.0
 */
public final class BroadcastForecaster implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Forecasters decoded in this JVM, by broadcast id (a few at most: one per model in use). */
    private static final Map<Long, ExceedanceForecaster> DECODED = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ExceedanceForecaster> eldest) {
            return size() > 8;
        }
    };

    /** The model file's bytes, broadcast once. */
    private final Broadcast<byte[]> bytes;
    private final transient @Nullable ExceedanceForecaster onDriver;

    private BroadcastForecaster(Broadcast<byte[]> bytes, ExceedanceForecaster onDriver) {
        this.bytes = bytes;
        this.onDriver = onDriver;
    }

    /**
     * Broadcasts a fitted forecaster to the executors of a session.
     *
     * @param session the session whose executors forecast
     * @param forecaster a fitted forecaster (from {@link ExceedanceForecaster#fitNetwork},
     *     {@link ExceedanceForecaster#fit} or {@link ExceedanceForecaster#load})
     * @return the broadcast forecaster
     * @throws NullPointerException when an argument is null
     */
    public static BroadcastForecaster of(SparkSession session, ExceedanceForecaster forecaster) {
        Checks.notNull(session, "session");
        Checks.notNull(forecaster, "forecaster");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            forecaster.toModelFile().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a model file in memory", e);
        }
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(session.sparkContext())
                .broadcast(out.toByteArray());
        return new BroadcastForecaster(b, forecaster);
    }

    /**
     * Returns the forecaster: the driver's, or on an executor the one read back from the
     * broadcast bytes (once per JVM).
     *
     * @return the forecaster
     */
    public ExceedanceForecaster forecaster() {
        ExceedanceForecaster f = onDriver;
        if (f != null) {
            return f;
        }
        synchronized (DECODED) {
            return DECODED.computeIfAbsent(bytes.id(), id -> decode(bytes.value()));
        }
    }

    private static ExceedanceForecaster decode(byte[] file) {
        try {
            return ExceedanceForecaster.fromModelFile(ModelFile.read(new ByteArrayInputStream(file),
                    "broadcast forecaster"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a model file in memory", e);
        }
    }

    /**
     * Returns the size of what is broadcast.
     *
     * @return the model file's size in bytes
     */
    public int sizeBytes() {
        return bytes.value().length;
    }

    /**
     * Returns the forecaster's card with the Spark run's facts (see {@link SparkCards}).
     *
     * @param session the session
     * @param partitions partitions the run used, at least 1
     * @return the card
     * @throws IllegalArgumentException when {@code partitions} is below 1
     */
    public ModelCard card(SparkSession session, int partitions) {
        return SparkCards.ranOnSpark(forecaster().card(), session, partitions);
    }
}
