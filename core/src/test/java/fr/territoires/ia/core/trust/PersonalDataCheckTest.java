package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataCheckTest {

    @Test
    void scan_personalColumnNames_flagsEachKind() {
        List<PersonalDataCheck.Finding> f = PersonalDataCheck.scan(
                List.of("timestamp", "nom", "Prenom", "email", "telephone", "adresse", "NIR", "flow_l_h"));
        assertEquals(List.of(
                new PersonalDataCheck.Finding("nom", "person name", "column name"),
                new PersonalDataCheck.Finding("Prenom", "person name", "column name"),
                new PersonalDataCheck.Finding("email", "e-mail", "column name"),
                new PersonalDataCheck.Finding("telephone", "telephone number", "column name"),
                new PersonalDataCheck.Finding("adresse", "exact address", "column name"),
                new PersonalDataCheck.Finding("NIR", "person identifier", "column name")), f);
    }

    @Test
    void scan_englishAndSuffixedNames_flagged() {
        List<PersonalDataCheck.Finding> f = PersonalDataCheck.scan(
                List.of("first_name", "customer_id", "date_naissance", "street_address"));
        assertEquals(List.of("person name", "person identifier", "person identifier", "exact address"),
                f.stream().map(PersonalDataCheck.Finding::kind).toList());
    }

    @Test
    void scan_sensorColumns_nothingFlagged() {
        assertEquals(List.of(), PersonalDataCheck.scan(
                List.of("timestamp", "value", "station", "pm10", "hauteur", "area_m2", "nombre")));
    }

    @Test
    void scan_personalValues_flaggedByValueWithRow() {
        List<String> names = List.of("a", "b", "c", "d", "e");
        List<List<String>> rows = List.of(
                List.of("1.5", "x", "y", "z", "w"),
                List.of("2.5", "jean.dupont@example.fr", "06 12 34 56 78", "12 rue de la Paix",
                        "1 85 05 78 006 084 36"));
        List<PersonalDataCheck.Finding> f = PersonalDataCheck.scan(names, rows);
        assertEquals(List.of(
                new PersonalDataCheck.Finding("b", "e-mail", "value in row 1"),
                new PersonalDataCheck.Finding("c", "telephone number", "value in row 1"),
                new PersonalDataCheck.Finding("d", "exact address", "value in row 1"),
                new PersonalDataCheck.Finding("e", "person identifier", "value in row 1")), f);
        assertTrue(f.get(0).message().contains("the GDPR applies"));
    }

    @Test
    void scan_internationalPhone_flagged() {
        assertEquals(1, PersonalDataCheck.scan(List.of("x"), List.of(List.of("+33 6 12 34 56 78"))).size());
    }

    @Test
    void scan_measurementValues_notFlagged() {
        // 10 digits that do not start with 0 are not a French phone number; decimals are not phones
        assertEquals(List.of(), PersonalDataCheck.scan(List.of("v"),
                List.of(List.of("1234567890"), List.of("0.123456"), List.of("2024-03-01T10:00"))));
    }

    @Test
    void scan_sameKindInNameAndValues_reportedOnce() {
        List<PersonalDataCheck.Finding> f = PersonalDataCheck.scan(List.of("email"),
                List.of(List.of("a@b.fr"), List.of("c@d.fr")));
        assertEquals(List.of(new PersonalDataCheck.Finding("email", "e-mail", "column name")), f);
    }

    @Test
    void scan_shortRowsAndNulls_skippedOrRejected() {
        assertEquals(List.of(), PersonalDataCheck.scan(List.of("a", "b"), List.of(List.of("1"))));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> PersonalDataCheck.scan(Arrays.asList("a", null)));
        assertEquals("names[1]", e.getMessage());
    }
}
