package fr.territoires.ia.core;

import fr.territoires.ia.core.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * How the timestamps of a CSV column are written.
 *
 * <ul>
 *   <li>{@link #auto()}: ISO-8601 date-times with or without offset or zone, with {@code T} or a
 *       space between date and time ({@code 2014-07-01 00:30:00} as in NAB,
 *       {@code 2024-03-01T10:00:00+01:00}, {@code 2024-03-01T09:00:00Z}), and plain dates
 *       ({@code 2024-03-01}, read as the start of the day);</li>
 *   <li>{@link #iso()}: ISO-8601 date-times only, {@code T} separator, offset or zone optional;</li>
 *   <li>{@link #date()}: {@code yyyy-MM-dd} dates, read as the start of the day;</li>
 *   <li>{@link #pattern(String)}: a {@link DateTimeFormatter} pattern such as
 *       {@code dd/MM/yyyy HH:mm}.</li>
 * </ul>
 *
 * <p>A timestamp without offset or zone is a local time, placed in the reader's zone
 * ({@link TimeSeriesCsv.Options#zone()}). Parsing is strict: {@code 2024-02-30} is rejected,
 * never moved to another day.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class TimestampFormat {

    private static final TimestampFormat AUTO = new TimestampFormat("auto", null);
    private static final TimestampFormat ISO = new TimestampFormat("iso", DateTimeFormatter.ISO_DATE_TIME);
    private static final TimestampFormat DATE = new TimestampFormat("date", DateTimeFormatter.ISO_LOCAL_DATE);

    private final String description;
    private final DateTimeFormatter formatter;

    private TimestampFormat(String description, DateTimeFormatter formatter) {
        this.description = description;
        this.formatter = formatter;
    }

    /**
     * Returns the format that recognises ISO-8601 date-times (with {@code T} or a space, with or
     * without offset or zone) and plain ISO dates.
     *
     * @return the automatic format
     */
    public static TimestampFormat auto() {
        return AUTO;
    }

    /**
     * Returns the ISO-8601 date-time format, offset or zone optional.
     *
     * @return the ISO format
     */
    public static TimestampFormat iso() {
        return ISO;
    }

    /**
     * Returns the {@code yyyy-MM-dd} date format; a date stands for the start of that day.
     *
     * @return the date format
     */
    public static TimestampFormat date() {
        return DATE;
    }

    /**
     * Returns a format from a {@link DateTimeFormatter} pattern, resolved strictly (the year
     * letter {@code y} is read as the proleptic year {@code u}).
     *
     * @param pattern the pattern, such as {@code yyyy-MM-dd HH:mm:ss}
     * @return the format
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public static TimestampFormat pattern(String pattern) {
        Checks.notBlank(pattern, "pattern");
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(strictYear(pattern))
                    .withResolverStyle(ResolverStyle.STRICT);
            return new TimestampFormat(pattern, f);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern must be a valid date-time pattern, was \"" + pattern
                    + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the named format: {@code auto}, {@code iso}, {@code date}, or any other text as a
     * pattern. Used by command lines and configuration files.
     *
     * @param text name or pattern
     * @return the format
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public static TimestampFormat parse(String text) {
        Checks.notBlank(text, "format");
        switch (text) {
            case "auto":
                return AUTO;
            case "iso":
                return ISO;
            case "date":
                return DATE;
            default:
                return pattern(text);
        }
    }

    /**
     * Reads one timestamp.
     *
     * @return an {@link Instant} when the text names an offset or zone, otherwise a
     *     {@link LocalDateTime} to be placed in the reader's zone
     * @throws DateTimeParseException when the text does not match
     */
    Temporal read(String text) {
        if (formatter == null) {
            String t = text.trim();
            if (t.length() == 10) {
                return best(DateTimeFormatter.ISO_LOCAL_DATE, t);
            }
            if (t.length() > 10 && t.charAt(10) == ' ') {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            return best(DateTimeFormatter.ISO_DATE_TIME, t);
        }
        return best(formatter, text.trim());
    }

    private static Temporal best(DateTimeFormatter f, String text) {
        // One resolution, then queries: no exception per row for the common local case.
        TemporalAccessor parsed = f.parse(text);
        if (parsed.query(TemporalQueries.zone()) != null && parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeParseException("no date in the text", text, 0);
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return time == null ? date.atStartOfDay() : LocalDateTime.of(date, time);
    }

    private static String strictYear(String pattern) {
        if (pattern.indexOf('G') >= 0) {
            return pattern;
        }
        StringBuilder sb = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description;
    }
}
