package fr.territoires.ia.examples;

import fr.territoires.ia.anomaly.StreamDetector;
import fr.territoires.ia.core.TimeSeries;
import fr.territoires.ia.core.synthetic.WaterMeterSimulator;
import java.time.Duration;
import java.util.List;

/**
 * Use case: a district water meter read every hour. After five weeks a leak starts and adds
 * 150 L/h, day and night: the night flow no longer returns to its usual level. The streaming
 * detector runs online, one reading at a time, and says why it raises its alarm.
 */
public final class WaterMeterLeakExample {

    private static final int LEAK_START = 24 * 35;

    private WaterMeterLeakExample() {
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
        TimeSeries flow = WaterMeterSimulator.simulate(WaterMeterSimulator.Options.defaults().withLeak(LEAK_START, 150));
        StreamDetector detector = StreamDetector.create(StreamDetector.Options.defaults());
        int falseAlarms = 0;
        int first = -1;
        String reason = "";
        for (int i = 0; i < flow.size(); i++) {
            detector.update(flow.epochMilli(i), flow.value(i));
            if (detector.alarm()) {
                if (i < LEAK_START) {
                    falseAlarms++;
                } else if (first < 0) {
                    first = i;
                    reason = detector.reason();
                }
            }
        }
        List<fr.territoires.ia.core.trust.ModelCard.Metric> metrics = new java.util.ArrayList<>();
        metrics.add(fr.territoires.ia.core.trust.ModelCard.Metric.of("false alarms before the leak", falseAlarms,
                LEAK_START + " readings before the leak"));
        if (first >= 0) {
            metrics.add(fr.territoires.ia.core.trust.ModelCard.Metric.of("detection delay (h)", Duration.between(flow.timestamp(LEAK_START), flow.timestamp(first)).toHours(),
                    "from the start of the leak to the first alarm"));
        }
        cards.accept(Cards.streamDetectorCard("District water meter leak detector", StreamDetector.Options.defaults().toString(),
                new fr.territoires.ia.core.trust.ModelCard.DataSummary("simulated district water meter (WaterMeterSimulator), 150 L/h leak planted",
                        flow.timestamp(0) + "/" + flow.timestamp(flow.size() - 1), flow.size(), java.util.Map.of()),
                metrics, "Flag night-flow leaks on district water meters for review by the network operator."));
        StringBuilder out = new StringBuilder();
        out.append("  meter: ").append(flow.size()).append(" hourly readings (L/h), leak of 150 L/h from ")
                .append(flow.localDateTime(LEAK_START)).append(" (Paris time)\n");
        if (first < 0) {
            out.append("  leak not detected");
        } else {
            out.append("  alarm at ").append(flow.localDateTime(first)).append(", ")
                    .append(Duration.between(flow.timestamp(LEAK_START), flow.timestamp(first)).toHours())
                    .append(" h after the leak started: ").append(reason).append('\n');
            out.append("  false alarms in the five weeks before the leak: ").append(falseAlarms);
        }
        return out.toString();
    }
}
