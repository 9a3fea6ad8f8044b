package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    static OcrPage page(String... lines) {
        List<OcrLine> out = new ArrayList<>();
        int y = 0;
        for (String l : lines) {
            List<OcrWord> words = new ArrayList<>();
            int x = 0;
            for (String w : l.split(" ")) {
                words.add(new OcrWord(w, new Box(x, y, 10 * w.length(), 20), 0.9));
                x += 10 * w.length() + 10;
            }
            out.add(new OcrLine(new Box(0, y, x, 20), words));
            y += 30;
        }
        return new OcrPage(1000, 1000, List.of(new OcrBlock(new Box(0, 0, 1000, y), out)), OcrPage.Source.OCR,
                PreprocessReport.none());
    }

    @Test
    void masksPersonalIdentifiersInTextAndAltoAndKeepsTheRest() {
        OcrPage p = page("Arrêté du 10 mars 2024, SIRET 732 829 320 00074",
                "Contact : 01 42 60 33 00, jean.dupont@exemple.fr",
                "NIR 1 85 05 78 006 084 91, IBAN FR76 3000 6000 0112 3456 7890 189");
        Redactor.Redaction r = Redactor.redact(p);
        assertEquals(List.of(FieldType.PHONE, FieldType.EMAIL, FieldType.NIR, FieldType.IBAN),
                r.masked().stream().map(Field::type).toList());
        String text = r.page().text();
        assertFalse(text.contains("42 60"), text);
        assertFalse(text.contains("dupont"), text);
        assertFalse(text.contains("006 084"), text);
        assertFalse(text.contains("3456"), text);
        assertTrue(text.contains("10 mars 2024"), text);
        assertTrue(text.contains("732 829 320 00074"), "SIRET is not personal: " + text);
        assertTrue(text.contains("Contact : ██ ██ ██ ██ ██"), text);
        String alto = AltoWriter.toAlto("x.png", List.of(r.page()));
        assertFalse(alto.contains("dupont"));
        assertFalse(alto.contains("FR76"));
    }

    @Test
    void pageWithoutIdentifiersIsUnchanged() {
        OcrPage p = page("Le conseil municipal s'est réuni le 3 juin 1962.");
        Redactor.Redaction r = Redactor.redact(p);
        assertTrue(r.masked().isEmpty());
        assertEquals(p, r.page());
    }
}
