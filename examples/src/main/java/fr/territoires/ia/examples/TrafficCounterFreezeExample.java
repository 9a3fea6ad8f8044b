package fr.territoires.ia.examples;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.TrafficCounterSimulator;
import java.time.Duration;
import java.util.List;

/**
 * Use case: a road traffic loop counter reporting every 15 minutes freezes on a Thursday
 * afternoon and keeps repeating its last count. Nothing looks abnormal in any single value: the
 * default detector's alarm source sees a pattern it has never learnt, and its flatline test then
 * says that the value stopped moving.
 */
public final class TrafficCounterFreezeExample {

    /** Thursday of the third week, 15:00 Paris time (readings are quarter hours from Monday 00:00). */
    private static final int FREEZE_AT = (2 * 7 + 3) * 96 + 15 * 4;

    private TrafficCounterFreezeExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run());
    }

    static String run() {
        return run(card -> { });
    }

    static String run(java.util.function.Consumer<fr.territoires.ia.core.trust.ModelCard> cards) {
        TimeSeries counts = TrafficCounterSimulator.simulate(TrafficCounterSimulator.Options.defaults()
                .withFault(TrafficCounterSimulator.Fault.FREEZE, FREEZE_AT));
        StreamDetector detector = StreamDetector.create(StreamDetector.Options.defaults());
        int falseAlarms = 0;
        int first = -1;
        String reason = "";
        int stuck = -1;
        String stuckReason = "";
        for (int i = 0; i < counts.size(); i++) {
            detector.update(counts.epochMilli(i), counts.value(i));
            if (detector.alarm()) {
                if (i < FREEZE_AT) {
                    falseAlarms++;
                } else if (first < 0) {
                    first = i;
                    reason = detector.reason();
                }
                if (i >= FREEZE_AT && stuck < 0 && detector.reason().contains("value unchanged since")) {
                    stuck = i;
                    stuckReason = detector.reason();
                }
            }
        }
        List<fr.territoires.ia.core.trust.ModelCard.Metric> metrics = new java.util.ArrayList<>();
        metrics.add(fr.territoires.ia.core.trust.ModelCard.Metric.of("false alarms before the freeze", falseAlarms,
                FREEZE_AT + " readings before the freeze"));
        if (first >= 0) {
            metrics.add(fr.territoires.ia.core.trust.ModelCard.Metric.of("detection delay (min)", Duration.between(counts.timestamp(FREEZE_AT), counts.timestamp(first)).toMinutes(),
                    "from the start of the freeze to the first alarm"));
        }
        cards.accept(Cards.streamDetectorCard("Traffic counter fault detector", StreamDetector.Options.defaults().toString(),
                new fr.territoires.ia.core.trust.ModelCard.DataSummary("simulated traffic loop counter (TrafficCounterSimulator), freeze planted",
                        counts.timestamp(0) + "/" + counts.timestamp(counts.size() - 1), counts.size(), java.util.Map.of()),
                metrics, "Flag traffic counters that froze or fail, for review by the traffic operator."));
        StringBuilder out = new StringBuilder();
        out.append("  counter: ").append(counts.size()).append(" quarter-hour counts, frozen from ")
                .append(counts.localDateTime(FREEZE_AT)).append(" at ").append((long) counts.value(FREEZE_AT))
                .append(" vehicles\n");
        if (first < 0) {
            out.append("  freeze not detected");
        } else {
            out.append("  alarm at ").append(counts.localDateTime(first)).append(", ")
                    .append(Duration.between(counts.timestamp(FREEZE_AT), counts.timestamp(first)).toMinutes())
                    .append(" min after the freeze: ").append(reason).append('\n');
            if (stuck >= 0) {
                out.append("  stuck-sensor alarm at ").append(counts.localDateTime(stuck)).append(", ")
                        .append(Duration.between(counts.timestamp(FREEZE_AT), counts.timestamp(stuck)).toMinutes())
                        .append(" min after the freeze: ").append(stuckReason).append('\n');
            }
            out.append("  false alarms in the two and a half weeks before: ").append(falseAlarms);
        }
        return out.toString();
    }
}
