package fr.territoires.ia.anomaly;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local time of day and day of week from epoch milliseconds, without allocating per call: the
 * zone offset is cached with the interval over which it holds, and looked up again only when a
 * timestamp falls outside it (twice a year in Europe/Paris).
 *
 * <p>Not thread-safe: confine each instance to one thread.
 */
final class LocalClock {

    private static final long DAY = 86_400_000L;

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validTo = Long.MIN_VALUE;
    private long offsetMillis;

    LocalClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Local milliseconds since 1970-01-01T00:00 local. */
    long local(long epochMilli) {
        if (epochMilli < validFrom || epochMilli >= validTo) {
            refresh(epochMilli);
        }
        return epochMilli + offsetMillis;
    }

    /** Minute of the local day, 0 to 1439. */
    int minuteOfDay(long epochMilli) {
        return (int) (Math.floorMod(local(epochMilli), DAY) / 60_000L);
    }

    /** ISO day of week of the local date, 1 = Monday to 7 = Sunday. */
    int dayOfWeek(long epochMilli) {
        long days = Math.floorDiv(local(epochMilli), DAY);
        // 1970-01-01 was a Thursday (ISO 4).
        return (int) Math.floorMod(days + 3, 7L) + 1;
    }

    private void refresh(long epochMilli) {
        Instant at = Instant.ofEpochMilli(epochMilli);
        ZoneOffset offset = rules.getOffset(at);
        offsetMillis = offset.getTotalSeconds() * 1000L;
        ZoneOffsetTransition previous = rules.previousTransition(at.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        validFrom = previous == null ? Long.MIN_VALUE : previous.getInstant().toEpochMilli();
        validTo = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli();
        if (rules.isFixedOffset()) {
            validFrom = Long.MIN_VALUE;
            validTo = Long.MAX_VALUE;
        }
    }
}
