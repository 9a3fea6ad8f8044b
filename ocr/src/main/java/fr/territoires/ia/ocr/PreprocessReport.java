package fr.territoires.ia.ocr;

import java.util.List;

/**
 * What the preprocessing did to a page. Immutable and thread-safe.
 *
 * @param steps the steps applied, in order (e.g. {@code grey}, {@code rescale x2.00}, {@code deskew 1.8 deg})
 * @param scale the scale factor applied to the image (1 when not rescaled)
 * @param skewDegrees the measured skew angle in degrees, counter-clockwise positive (0 when not measured)
 * @param xHeight the estimated x-height of the text in pixels of the original image, NaN when not estimated
 */
public record PreprocessReport(List<String> steps, double scale, double skewDegrees, double xHeight) {

    /**
     * Validates and copies the report.
     *
     * @param steps steps
     * @param scale scale, positive
     * @param skewDegrees skew angle
     * @param xHeight x-height estimate
     */
    public PreprocessReport {
        steps = List.copyOf(steps);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0, was " + scale);
        }
    }

    /**
     * Returns the report of a page that was not preprocessed.
     *
     * @return an empty report
     */
    public static PreprocessReport none() {
        return new PreprocessReport(List.of(), 1, 0, Double.NaN);
    }
}
