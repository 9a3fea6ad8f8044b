package fr.territoires.ia.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reader found while reading a file: rows, missing cells per column, rows out of order
 * and local times moved across a daylight-saving gap. Nothing a reader keeps goes unreported.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param source name of the file or stream read
 * @param rows number of data rows read (the header excluded)
 * @param missingPerColumn number of missing cells (empty or {@code NaN}) per value column, in
 *     column order
 * @param orderViolations rows whose timestamp is not after the previous row's, with their line
 * @param dstShiftedLines lines whose local time does not exist in the zone (it falls in the
 *     spring daylight-saving gap) and was moved forward by the length of the gap
 * @param filteredOut data rows left out by the reader's row filter (other stations of a
 *     long-format file), 0 without a filter
 * @since 0.1.0
 */
public record ReadReport(String source, int rows, Map<String, Integer> missingPerColumn,
        List<OrderViolation> orderViolations, List<Long> dstShiftedLines, int filteredOut) {

    /**
     * Validates and copies the components.
     *
     * @param source name of the file or stream
     * @param rows number of data rows, at least 0
     * @param missingPerColumn missing cells per column
     * @param orderViolations rows out of order
     * @param dstShiftedLines lines moved forward across a daylight-saving gap
     * @param filteredOut rows left out by the row filter, at least 0
     */
    public ReadReport {
        if (filteredOut < 0) {
            throw new IllegalArgumentException("filteredOut must be >= 0, was " + filteredOut);
        }
        Objects.requireNonNull(source, "source");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        missingPerColumn = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(missingPerColumn, "missingPerColumn")));
        orderViolations = List.copyOf(orderViolations);
        dstShiftedLines = List.copyOf(dstShiftedLines);
    }

    /**
     * Returns the number of missing cells over all value columns.
     *
     * @return the total
     */
    public int missingTotal() {
        int total = 0;
        for (int m : missingPerColumn.values()) {
            total += m;
        }
        return total;
    }

    /**
     * Returns a short plain-language summary, one fact per clause, such as
     * {@code "meters.csv: 8760 rows; 12 missing values (flow 12); 1 row out of order (line 7203)"}.
     *
     * @return the summary
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(rows + (rows == 1 ? " row" : " rows")
                + (filteredOut > 0 ? " kept by the row filter (" + filteredOut + " left out)" : ""));
        int missing = missingTotal();
        if (missing > 0) {
            List<String> per = new ArrayList<>();
            missingPerColumn.forEach((c, m) -> {
                if (m > 0) {
                    per.add(c + " " + m);
                }
            });
            parts.add(missing + " missing " + (missing == 1 ? "value" : "values") + " (" + String.join(", ", per) + ")");
        } else {
            parts.add("no missing value");
        }
        if (!orderViolations.isEmpty()) {
            parts.add(orderViolations.size() + (orderViolations.size() == 1 ? " row" : " rows")
                    + " not after the previous one, kept in arrival order (lines " + lines(orderViolations) + ")");
        }
        if (!dstShiftedLines.isEmpty()) {
            parts.add(dstShiftedLines.size() + " local "
                    + (dstShiftedLines.size() == 1 ? "time" : "times")
                    + " in a daylight-saving gap moved forward (lines " + firstLines(dstShiftedLines) + ")");
        }
        return source + ": " + String.join("; ", parts);
    }

    private static String lines(List<OrderViolation> violations) {
        List<Long> lines = new ArrayList<>();
        for (OrderViolation v : violations) {
            lines.add(v.line());
        }
        return firstLines(lines);
    }

    private static String firstLines(List<Long> lines) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(5, lines.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(lines.get(i));
        }
        if (lines.size() > shown) {
            sb.append(", … ").append(lines.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
