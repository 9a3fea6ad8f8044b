package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by the runner's bad-input corpus: a GeoJSON property of 100,000 characters made
 * {@code classify-shapes} spend two minutes in the e-mail pattern (a search from every position
 * of the cell); a million characters would have taken hours.
 */
class PersonalDataCheckLongCellTest {

    @Test
    void scan_millionCharacterCellAndName_linearTime() {
        String cell = "x".repeat(1_000_000);
        List<PersonalDataCheck.Finding> found = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> PersonalDataCheck.scan(List.of("id", "y".repeat(1_000_000)), List.of(List.of(cell, cell))));
        assertEquals(List.of(), found);
        // A finding at the start of a long cell is still seen.
        List<PersonalDataCheck.Finding> email = PersonalDataCheck.scan(List.of("contact"),
                List.of(List.of("jean.dupont@example.fr " + cell)));
        assertEquals(1, email.size(), email.toString());
    }
}
