package fr.territoires.ia.core.calendar;

import fr.territoires.ia.core.internal.Checks;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One public holiday (jour férié) on a civil date in France.
 *
 * <p>When two holidays fall on the same date (Ascension Thursday is 1 May in some years, 2008
 * for instance, and 8 May in others, 1997 for instance), {@link FrenchCalendar} returns one
 * {@code PublicHoliday} for that date whose names are joined with {@code " / "} in the order of
 * the rules (fixed dates and Easter-based dates interleaved as in the year), for example
 * {@code "Fête du Travail / Ascension"}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @param date civil date of the holiday in France
 * @param nameFr French name, for example {@code "Lundi de Pâques"}; not blank
 * @param nameEn English name, for example {@code "Easter Monday"}; not blank
 * @since 0.1.0
 */
public record PublicHoliday(LocalDate date, String nameFr, String nameEn) {

    /**
     * Validates the components.
     *
     * @param date civil date of the holiday in France
     * @param nameFr French name, not blank
     * @param nameEn English name, not blank
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a name is blank
     */
    public PublicHoliday {
        Objects.requireNonNull(date, "date");
        Checks.notBlank(nameFr, "nameFr");
        Checks.notBlank(nameEn, "nameEn");
    }
}
