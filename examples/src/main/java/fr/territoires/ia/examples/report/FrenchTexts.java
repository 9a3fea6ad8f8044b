package fr.territoires.ia.examples.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The French version of the library's own card texts (intended uses, users, out-of-scope uses,
 * caveats, metric and factor names), for the French public notice: each English text written by
 * the library or the runner is matched whole, its variable parts (numbers, labels, file names)
 * carried over. A text not listed (one the public body wrote) is returned as it is.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none).
 */
public final class FrenchTexts {

    private record Rule(Pattern english, String french) {
    }

    private static final List<Rule> RULES = List.of(
            // Shape classifier (geo).
            rule("Classifying building footprints into the types (.+) to prepare, not replace, an expert survey\\.",
                    "Classer les emprises de bâtiments dans les types $1 pour préparer, et non remplacer, un relevé"
                            + " par un expert."),
            rule("local government GIS teams", "services SIG des collectivités"),
            rule("decisions about individual owners without human review",
                    "des décisions visant des propriétaires sans examen humain"),
            rule("Trained on footprints of one area; shapes and class shares differ between regions: evaluate on local"
                    + " data \\(spatial-block cross-validation\\) before use\\.",
                    "Appris sur les emprises d'un seul territoire ; formes et parts des classes varient d'une région à"
                            + " l'autre : évaluez-le sur des données locales (validation croisée par blocs spatiaux)"
                            + " avant usage."),
            rule("Rare classes are learned from few examples; check per-class F1, not accuracy\\.",
                    "Les classes rares sont apprises sur peu d'exemples : regardez le F1 par classe, pas l'exactitude."),
            rule("The predicted class is the one of highest probability times its decision scale (\\[.*\\]) \\(labels in"
                    + " the order (\\[.*\\])\\), not always the most probable: scales above 1, chosen on (\\d+) inner"
                    + " spatial folds of the training data, trade precision of rare classes for recall\\.",
                    "La classe prédite est celle dont la probabilité multipliée par son facteur de décision $1 (classes"
                            + " dans l'ordre $2) est la plus haute, pas toujours la plus probable : des facteurs"
                            + " supérieurs à 1, choisis sur $3 plis spatiaux internes des données d'apprentissage,"
                            + " échangent de la précision contre du rappel pour les classes rares."),
            rule("No decision scale differs from 1, so the most probable class is predicted: (.*)",
                    "Aucun facteur de décision ne diffère de 1 : la classe la plus probable est prédite ($1)"),
            rule("(\\d+) of (\\d+) features had no usable \"(.+)\" label and were left out of training \\(first indices:"
                    + " (.*)\\)\\.", "$1 des $2 entités n'avaient pas d'étiquette « $3 » utilisable et ont été écartées"
                            + " de l'apprentissage (premiers indices : $4)."),
            rule("Cost of the evaluation: (\\d+) more models fitted \\(one per fold\\), ([0-9.]+) s on the machine that"
                    + " trained this one; classify-shapes --no-evaluate skips it\\.",
                    "Coût de l'évaluation : $1 modèles de plus ajustés (un par pli), $2 s sur la machine qui a appris"
                            + " celui-ci ; classify-shapes --no-evaluate la supprime."),
            rule("Cross-validation: (.*)", "Validation croisée : $1"),
            rule("spatial-block (\\d+)-fold cross-validation \\((\\d+) m cells, out-of-fold predictions of (\\d+) labelled"
                    + " footprints of (.+)\\); 95 % interval from (\\d+) bootstrap resamples of the (\\d+) cells",
                    "validation croisée par blocs spatiaux en $1 plis (cellules de $2 m, prédictions hors pli de $3"
                            + " emprises étiquetées de $4) ; intervalle à 95 % sur $5 rééchantillonnages bootstrap des"
                            + " $6 cellules"),
            rule("test MAE, horizon (\\d+)", "erreur absolue moyenne sur la période de test, horizon $1 j"),
            rule("test MAE of persistence, horizon (\\d+)",
                    "erreur absolue moyenne de la persistance sur la période de test, horizon $1 j"),
            rule("test interval coverage, horizon (\\d+)",
                    "couverture de l'intervalle sur la période de test, horizon $1 j"),
            rule("alarm rate \\(no labels given\\)", "taux d'alarme (aucune étiquette fournie)"),
            rule("cross-validated macro-F1", "macro-F1 en validation croisée spatiale (moyenne des F1 par classe)"),
            rule("cross-validated accuracy", "exactitude en validation croisée spatiale"),
            rule("cross-validated F1", "F1 en validation croisée spatiale"),
            rule("cross-validated precision", "précision en validation croisée spatiale"),
            rule("cross-validated recall", "rappel en validation croisée spatiale"),
            rule("support", "effectif"),
            rule("class", "classe"),
            // Exceedance and level forecasts (forecasting).
            rule("Early warning of threshold exceedances \\(flood levels, pollution peaks\\)\\.",
                    "Alerte précoce des dépassements de seuil (niveaux de crue, pics de pollution)."),
            rule("local authorities", "collectivités"),
            rule("risk managers", "gestionnaires de risques"),
            rule("sole basis for evacuation decisions", "seule base d'une décision d'évacuation"),
            rule("series other than the one it was fitted on", "une autre série que celle sur laquelle il a été appris"),
            rule("Probabilities are calibrated on the validation years; a change of gauge, regime or climate breaks the"
                    + " calibration\\.", "Les probabilités sont calibrées sur les années de validation ; un changement"
                            + " de capteur, de régime ou de climat rompt la calibration."),
            rule("Dates with a missing value among the required lags are not forecast \\(reported as skipped\\)\\.",
                    "Les dates dont une valeur passée nécessaire manque ne sont pas prévues (signalées comme"
                            + " écartées)."),
            rule("Interval coverage holds on average over periods like the calibration years; it is not guaranteed for"
                    + " every day\\.", "La couverture des intervalles vaut en moyenne sur des périodes semblables aux"
                            + " années de calibration ; elle n'est pas garantie chaque jour."),
            rule("Issue dates with a missing required lag are skipped\\.",
                    "Les dates d'émission dont une valeur passée nécessaire manque sont écartées."),
            rule("validation average precision", "précision moyenne en validation"),
            rule("validation average precision \\(persistence\\)", "précision moyenne en validation de la persistance"
                    + " (valeur du jour)"),
            rule("validation Brier score", "score de Brier en validation"),
            rule("validation climatology Brier", "score de Brier de la climatologie en validation"),
            rule("alert threshold", "seuil de probabilité des alertes"),
            rule("validation AP: (.*)", "précision moyenne en validation : $1"),
            rule("test average precision", "précision moyenne sur la période de test"),
            rule("test average precision, persistence", "précision moyenne sur la période de test de la persistance"
                    + " (valeur du jour)"),
            rule("test Brier score", "score de Brier sur la période de test"),
            rule("test Brier score, climatology", "score de Brier de la climatologie sur la période de test"),
            // Detectors (anomaly, runner).
            rule("Flag unusual readings of a sensor or meter series \\(leaks, stuck or drifting sensors\\) for review by"
                    + " an operator\\.", "Signaler les relevés inhabituels d'un capteur ou d'un compteur (fuites,"
                            + " capteurs bloqués ou qui dérivent) pour examen par un opérateur."),
            rule("network or sensor operators", "exploitants de réseaux ou de capteurs"),
            rule("billing or sanctioning a person without human review",
                    "facturer ou sanctionner une personne sans examen humain"),
            rule("series without a stable daily or weekly pattern", "des séries sans rythme journalier ou hebdomadaire"
                    + " stable"),
            rule("No labelled evaluation: the alarm share is a property of the run, not an accuracy\\.",
                    "Pas d'évaluation étiquetée : la part d'alarmes décrit ce passage, ce n'est pas une exactitude."),
            rule("The baseline needs about two weeks of data before its alarms are reliable\\.",
                    "La référence a besoin d'environ deux semaines de données avant que ses alarmes soient fiables."),
            rule("Flag night-flow leaks on district water meters for review by the network operator\\.",
                    "Signaler les fuites visibles au débit de nuit des compteurs de sectorisation, pour examen par"
                            + " l'exploitant du réseau."),
            rule("No alarm is raised during the probationary period \\((\\d+) readings by default\\), while the detector"
                    + " learns the stream's range and patterns; the baseline needs about two weeks of data before its"
                    + " expected values are reliable\\.", "Aucune alarme pendant la période probatoire ($1 relevés par"
                            + " défaut), le temps que le détecteur apprenne l'étendue et les motifs du flux ; la référence"
                            + " a besoin d'environ deux semaines de données avant que ses valeurs attendues soient"
                            + " fiables."),
            rule("Evaluated on one simulated series with one planted fault: a delay and a false-alarm count, not an"
                    + " accuracy with an interval\\.", "Évalué sur une série simulée avec un seul défaut introduit :"
                            + " un délai et un nombre de fausses alarmes, pas une exactitude avec intervalle."),
            rule("false alarms before the leak", "fausses alarmes avant la fuite"),
            rule("detection delay \\(h\\)", "délai de détection (h)"));

    private FrenchTexts() {
    }

    private static Rule rule(String english, String french) {
        return new Rule(Pattern.compile(english), french);
    }

    /**
     * The French version of a library text.
     *
     * @param english a text of a card, in English
     * @return its French version, or the text itself when it is not one of the library's
     * @throws NullPointerException when {@code english} is null
     */
    public static String of(String english) {
        String text = english.strip();
        for (Rule r : RULES) {
            Matcher m = r.english().matcher(text);
            if (m.matches()) {
                return m.replaceFirst(r.french());
            }
        }
        return english;
    }
}
