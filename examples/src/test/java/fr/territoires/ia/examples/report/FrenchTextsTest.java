package fr.territoires.ia.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrenchTextsTest {

    @Test
    void of_libraryTextWithVariableParts_translatedWithThePartsCarriedOver() {
        assertEquals("Classer les emprises de bâtiments dans les types [house, shed] pour préparer, et non remplacer, un"
                + " relevé par un expert.", FrenchTexts.of("Classifying building footprints into the types [house, shed]"
                + " to prepare, not replace, an expert survey."));
        assertEquals("erreur absolue moyenne de la persistance sur la période de test, horizon 3 j",
                FrenchTexts.of("test MAE of persistence, horizon 3"));
        assertEquals("validation croisée par blocs spatiaux en 5 plis (cellules de 500 m, prédictions hors pli de 9505"
                + " emprises étiquetées de rodez.geojson) ; intervalle à 95 % sur 1000 rééchantillonnages bootstrap des"
                + " 139 cellules", FrenchTexts.of("spatial-block 5-fold cross-validation (500 m cells, out-of-fold"
                + " predictions of 9505 labelled footprints of rodez.geojson); 95 % interval from 1000 bootstrap"
                + " resamples of the 139 cells"));
    }

    @Test
    void of_textOfThePublicBody_returnedAsWritten() {
        String own = "Used by the water department of Rodez agglomeration since 2025.";
        assertEquals(own, FrenchTexts.of(own));
        // A whole-text match only: a library phrase inside a longer text is left alone.
        assertEquals("support staff", FrenchTexts.of("support staff"));
    }
}
