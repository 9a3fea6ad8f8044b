package fr.territoires.ia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.territoires.ia.core.trust.ModelCard;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke tests: each example's main body runs and says what it found. */
class ExamplesTest {

    @Test
    void meterDataQuality_refusesDuplicateThenReportsIt() {
        String s = MeterDataQualityExample.run();
        assertTrue(s.contains("is not after the previous one"), s);
        assertTrue(s.contains("1 row not after the previous one, kept in arrival order"), s);
        assertTrue(s.contains("(24 readings absent)"), s);
    }

    @Test
    void holidayCalendar_listsHolidaysAndAscensionBridge() {
        String s = HolidayCalendarExample.run();
        assertTrue(s.contains("11 public holidays in 2026"), s);
        assertTrue(s.contains("vendredi 2026-05-15"), s);
        assertTrue(s.contains("2026-05-14 jeudi     holiday=true"), s);
    }

    @Test
    void demandBaselineCard_evaluatesSavesReloadsAndRefusesCorruptCopy() {
        String s = DemandBaselineCardExample.run();
        assertTrue(s.contains("model card: 7 sections in Markdown"), s);
        assertTrue(s.contains("reloaded identical: true"), s);
        assertTrue(s.contains("corrupt.tiamodel is corrupted: SHA-256"), s);
        // The hour-of-week profile must beat the seasonal-naive forecast on the simulated meter.
        var m = java.util.regex.Pattern.compile("MAE ([0-9.]+) L/h \\(seasonal naive ([0-9.]+)\\)").matcher(s);
        assertTrue(m.find(), s);
        assertTrue(Double.parseDouble(m.group(1)) < Double.parseDouble(m.group(2)), s);
    }

    @Test
    void waterMeterLeak_detectedWithinAWeekWithReasonAndNoFalseAlarm() {
        String s = WaterMeterLeakExample.run();
        var m = java.util.regex.Pattern.compile(", (\\d+) h after the leak started: .*expected .*level shift since")
                .matcher(s);
        assertTrue(m.find(), s);
        // The default (ARTime) needs 130 h on this leak; the baseline's level-shift test alone about a day.
        assertTrue(Integer.parseInt(m.group(1)) <= 168, s);
        assertTrue(s.contains("false alarms in the five weeks before the leak: 0"), s);
    }

    @Test
    void trafficCounterFreeze_detectedThenReportedAsFlatline() {
        String s = TrafficCounterFreezeExample.run();
        var m = java.util.regex.Pattern.compile("alarm at [^,]+, (\\d+) min after the freeze: .*expected").matcher(s);
        assertTrue(m.find(), s);
        assertTrue(Integer.parseInt(m.group(1)) <= 6 * 60, s);
        assertTrue(s.matches("(?s).*stuck-sensor alarm at .*value unchanged since.*"), s);
        assertTrue(s.contains("false alarms in the two and a half weeks before: 0"), s);
    }

    @Test
    void floodAlert_atLeastPersistenceAndAnnouncesFloods() {
        String s = FloodAlertExample.run();
        var m = java.util.regex.Pattern.compile("average precision ([0-9.]+) \\(persistence ([0-9.]+)\\)").matcher(s);
        assertTrue(m.find(), s);
        // The model-choice protocol keeps persistence unless a model wins clearly on the yearly origins.
        assertTrue(Double.parseDouble(m.group(1)) >= Double.parseDouble(m.group(2)), s);
        assertTrue(s.matches("(?s).*[1-9] of \\d+ floods announced.*"), s);
        assertTrue(s.contains("pourquoi : log-cote de dépassement"), s);
        assertTrue(s.contains(" l'augmente de "), s);
    }

    @Test
    void airQualityNetwork_oneModelAtLeastPersistenceEveryStationDayForecast() {
        String s = AirQualityNetworkExample.run();
        var m = java.util.regex.Pattern.compile("average precision ([0-9.]+) \\(persistence ([0-9.]+)\\)").matcher(s);
        assertTrue(m.find(), s);
        assertTrue(Double.parseDouble(m.group(1)) >= Double.parseDouble(m.group(2)), s);
        assertTrue(s.contains("coverage 1.000"), s);
        for (int k = 1; k <= 8; k++) {
            assertTrue(s.contains(" ST" + k + " "), s);
        }
    }

    @Test
    void pollutionPeak_calibratedAndAnnouncesEpisodes() {
        List<ModelCard> cards = new ArrayList<>();
        String s = PollutionPeakExample.run(cards::add);
        var m = java.util.regex.Pattern.compile("average precision ([0-9.]+) \\(persistence ([0-9.]+)\\), "
                + "Brier ([0-9.]+) \\(climatology ([0-9.]+)\\)").matcher(s);
        assertTrue(m.find(), s);
        assertTrue(Double.parseDouble(m.group(1)) >= Double.parseDouble(m.group(2)), s);
        assertTrue(Double.parseDouble(m.group(3)) < Double.parseDouble(m.group(4)), s);
        assertTrue(s.matches("(?s).*[1-9]\\d* of \\d+ episodes announced the day before.*"), s);
        assertEquals(1, cards.size());
        assertTrue(cards.get(0).metrics().stream().anyMatch(x -> x.name().equals("test average precision")));
    }

    @Test
    void buildingClassification_crossValidatesAndClassifiesMaskPolygons() {
        String s = BuildingClassificationExample.run();
        assertTrue(s.contains("aerial mask (0.5 m pixels) -> 3 polygons"), s);
        assertTrue(s.contains("108 m² -> house"), s);
        assertTrue(s.contains("320 m² -> greenhouse"), s);
        assertTrue(s.contains("12 m² -> shed"), s);
        assertTrue(s.contains("      why: score of class greenhouse (softmax margin) "), s);
    }
}
