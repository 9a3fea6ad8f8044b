package fr.territoires.ia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Found while probing the runner with timestamps it had not seen: an instant at year +999999999
 * parses but overflows epoch milliseconds, and escaped as an {@code ArithmeticException} (exit
 * status 1 from {@code detect}).
 */
class TimeSeriesCsvExtremeTimestampTest {

    private static String read(String timestamp, TimestampFormat format) {
        String csv = "timestamp,value\n2024-01-01T00:00:00Z,1\n" + timestamp + ",2\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeriesCsv.read(new StringReader(csv), "meter.csv", TimeSeriesCsv.Options.defaults()
                        .withFormat(format).withZone(ZoneOffset.UTC)));
        return e.getMessage();
    }

    @Test
    void instantBeyondEpochMillis_refusedNamingLineAndRange() {
        assertEquals("line 3 of meter.csv: timestamp \"+999999999-12-31T23:59:59Z\" in column \"timestamp\" is out of "
                + "the supported range (epoch milliseconds, years -292275055 to 292278994)",
                read("+999999999-12-31T23:59:59Z", TimestampFormat.auto()));
        assertEquals("line 3 of meter.csv: timestamp \"-999999999-01-01T00:00:00Z\" in column \"timestamp\" is out of "
                + "the supported range (epoch milliseconds, years -292275055 to 292278994)",
                read("-999999999-01-01T00:00:00Z", TimestampFormat.iso()));
    }
}
