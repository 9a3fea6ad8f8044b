package fr.territoires.ia.examples;

import java.util.List;

/**
 * The use cases of the catalogue, in tour order. Each later capability adds its entries here.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
final class Catalogue {

    private Catalogue() {
    }

    static List<UseCase> useCases() {
        return List.of(
                new UseCase("meter-data-quality", "core",
                        "Check a water meter's hourly feed before using it: gaps, missing readings, clock changes",
                        cards -> MeterDataQualityExample.run()),
                new UseCase("holiday-calendar", "core",
                        "French public holidays and bridge days as demand-forecasting features",
                        cards -> HolidayCalendarExample.run()),
                new UseCase("water-meter-leak", "anomaly",
                        "Detect a night-flow leak on a district water meter, online, with the reason",
                        WaterMeterLeakExample::run),
                new UseCase("traffic-counter-freeze", "anomaly",
                        "Detect a traffic loop counter that froze and repeats its last count",
                        TrafficCounterFreezeExample::run),
                new UseCase("flood-alert", "forecasting",
                        "Flood alert on a river: probability of exceeding the flood level within 3 days, alerts, lead times",
                        FloodAlertExample::run),
                new UseCase("pollution-peak", "forecasting",
                        "PM10 peak alert: probability that tomorrow's PM10 exceeds the EU limit of 50 µg/m³, alerts",
                        PollutionPeakExample::run),
                new UseCase("air-quality-network", "forecasting",
                        "PM10 peaks at eight stations of a network with one model: probabilities that rank across stations",
                        AirQualityNetworkExample::run),
                new UseCase("building-classification", "shapes",
                        "Classify building footprints (house, apartment block, shed, greenhouse), incl. from an aerial mask",
                        BuildingClassificationExample::run),
                new UseCase("demand-baseline-card", "trust",
                        "Evaluate a demand baseline, publish its model card and save it as a checksummed model file",
                        DemandBaselineCardExample::run),
                new UseCase("decree-ocr", "ocr",
                        "Read a scanned municipal decree: OCR, date, amount and SIRET extraction, phone masked for open data",
                        DecreeOcrExample::run));
    }
}
