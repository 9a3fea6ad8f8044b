package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldExtractorTest {

    private static List<String> values(List<Field> fields, FieldType type) {
        return fields.stream().filter(f -> f.type() == type).map(Field::value).toList();
    }

    @Test
    void datesInFrenchLongNumericAndFirstOfMonth() {
        List<Field> f = FieldExtractor.extract("Séance du 10 mars 1917, reprise le 1er janvier, acte du 10/03/1917; "
                + "récolte du 24.6.62; pas une date : 31 février 1917, 45/13/2020, collection 62.35.17.");
        assertEquals(List.of("1917-03-10", "--01-01", "1917-03-10", "1962-06-24"), values(f, FieldType.DATE));
        assertEquals("date-long", f.get(0).rule());
        assertEquals("date-numeric", f.stream().filter(x -> x.text().equals("10/03/1917")).findFirst().orElseThrow().rule());
    }

    @Test
    void amountsInEuros() {
        List<Field> f = FieldExtractor.extract("Montant : 1 234,56 € et 12 euros, soit 1.500,00 EUR; 2024 habitants.");
        assertEquals(List.of("1234.56", "12", "1500.00"), values(f, FieldType.AMOUNT));
    }

    @Test
    void identifiersAreKeptOnlyWhenTheirCheckPasses() {
        String text = "SIRET 732 829 320 00074, faux SIRET 732 829 320 00075, SIREN 552 100 554. "
                + "IBAN FR76 3000 6000 0112 3456 7890 189 ; faux FR76 3000 6000 0112 3456 7890 188. "
                + "NIR 1 85 05 78 006 084 91, faux 1 85 05 78 006 084 92.";
        List<Field> f = FieldExtractor.extract(text);
        assertEquals(List.of("73282932000074"), values(f, FieldType.SIRET));
        assertEquals(List.of("552100554"), values(f, FieldType.SIREN));
        assertEquals(List.of("FR7630006000011234567890189"), values(f, FieldType.IBAN));
        assertEquals(List.of("185057800608491"), values(f, FieldType.NIR));
    }

    @Test
    void contactsAndPostalCodes() {
        List<Field> f = FieldExtractor.extract("Mairie, 12 rue de la Paix, 75002 Paris. Tél. 01 42 60 33 00 ou "
                + "+33 6 12 34 56 78, courriel accueil@mairie-exemple.fr. Dossier 12345 sans commune.");
        assertEquals(List.of("0142603300", "0612345678"), values(f, FieldType.PHONE));
        assertEquals(List.of("accueil@mairie-exemple.fr"), values(f, FieldType.EMAIL));
        assertEquals(List.of("75002 Paris"), values(f, FieldType.POSTAL_CODE));
    }

    @Test
    void pageFieldsCarryTheBoxAndLowestConfidenceOfTheirWords() {
        OcrWord w1 = new OcrWord("le", new Box(0, 0, 20, 10), 0.9);
        OcrWord w2 = new OcrWord("10", new Box(30, 0, 20, 10), 0.8);
        OcrWord w3 = new OcrWord("mars", new Box(60, 0, 40, 10), 0.6);
        OcrWord w4 = new OcrWord("1917", new Box(110, 0, 40, 10), 0.95);
        OcrPage page = new OcrPage(200, 50, List.of(new OcrBlock(new Box(0, 0, 150, 10),
                List.of(new OcrLine(new Box(0, 0, 150, 10), List.of(w1, w2, w3, w4))))), OcrPage.Source.OCR,
                PreprocessReport.none());
        List<Field> f = FieldExtractor.extract(page);
        assertEquals(1, f.size());
        assertNotNull(f.get(0).box());
        assertEquals(new Box(30, 0, 120, 10), f.get(0).box());
        assertEquals(0.6, f.get(0).confidence(), 1e-12);
        assertTrue(f.get(0).rule().startsWith("date"));
    }
}
