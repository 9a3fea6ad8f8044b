package fr.territoires.ia.forecasting;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the reproducible part of a Tribuo provenance (drops wall-clock times). */
final class Provenances {

    private Provenances() {
    }

    static Map<String, String> reproducible(Map<String, String> provenance) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (k.contains("time") || k.contains("trained-at") || k.contains("date")
                    || k.contains("host")) {
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
