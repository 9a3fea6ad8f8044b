package fr.territoires.ia.core.trust;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public-algorithm notice in French, written from a model card for citizens.
 *
 * <p>French law asks administrations that use an algorithmic treatment to take individual
 * decisions to publish its main rules (Code des relations entre le public et l'administration,
 * art. L312-1-3) and, on request, to tell the person concerned the degree and manner of the
 * algorithm's contribution, the data and their sources, the parameters and their weighting, and
 * the operations carried out (art. R311-3-1-2). The sections follow Etalab's guidance on public
 * algorithms ("Guide des algorithmes publics", 2019): purpose, data and sources, main parameters
 * and their weight in the result (global feature importance, in percent of the total; the ten
 * largest, the others summed on one line), how the output feeds a decision and who oversees it,
 * reliability, limits, contact, rights.
 *
 * <p>What the card cannot say (the decision the output feeds, the person overseeing it, the
 * contact) reads {@value #TO_COMPLETE}, so the notice cannot be published by mistake without
 * review. Numbers use a decimal comma. Free texts of the card (caveats) are copied as written,
 * usually in English. The output is Markdown with {@code \n} line ends.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * static and stateless).
 *
 * @since 0.1.0
 */
public final class PublicNotice {

    /** The mark of a part only the public body can write. */
    public static final String TO_COMPLETE = "[À compléter par l'organisme]";

    /** Number of inputs listed by weight; the others are summed on one line. */
    private static final int MAX_WEIGHTS = 10;

    private PublicNotice() {
    }

    /**
     * Writes the French notice of a card.
     *
     * @param card the model card
     * @return the notice as Markdown
     * @throws NullPointerException when {@code card} is null
     */
    public static String french(ModelCard card) {
        return french(card, name -> name);
    }

    /**
     * Writes the French notice of a card, naming the input features in plain French: a feature
     * whose readable name differs from its technical one is shown as {@code "valeur du jour
     * (lag0)"}, so the citizen reads the first and the auditor finds the second.
     *
     * @param card the model card
     * @param labels the readable French name of a feature (its technical name when unknown)
     * @return the notice as Markdown
     * @throws NullPointerException when an argument is null
     */
    public static String french(ModelCard card, java.util.function.UnaryOperator<String> labels) {
        return french(card, labels, text -> text);
    }

    /**
     * Writes the French notice of a card, naming the input features in plain French and giving
     * the card's free texts (intended use, users, out-of-scope uses, caveats, metric names) in
     * French: a caller that wrote the card's texts in English passes their French versions, so
     * that only what the public body alone can say remains {@value #TO_COMPLETE}.
     *
     * @param card the model card
     * @param labels the readable French name of a feature (its technical name when unknown)
     * @param texts the French version of a free text of the card (the text itself when unknown)
     * @return the notice as Markdown
     * @throws NullPointerException when an argument is null
     */
    public static String french(ModelCard card, java.util.function.UnaryOperator<String> labels,
            java.util.function.UnaryOperator<String> texts) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(texts, "texts");
        java.util.function.UnaryOperator<String> tr = t -> Objects.requireNonNull(texts.apply(t), "French of " + t);
        ModelCard.Details d = card.details();
        StringBuilder s = new StringBuilder();
        s.append("# Notice d'information : traitement algorithmique « ").append(d.name()).append(" »\n\n");
        s.append("Cette notice décrit un traitement algorithmique utilisé par l'administration, en application"
                + " des articles L312-1-3 et R311-3-1-2 du code des relations entre le public et"
                + " l'administration (CRPA).\n\n");
        s.append("> Avant publication : les textes repris de la fiche du modèle (usages, méthode, mesures,"
                + " limites) sont cités tels qu'ils y sont écrits ; traduisez ceux qui sont en anglais et"
                + " remplissez chaque mention « À compléter ».\n\n");

        s.append("## À quoi sert ce traitement ?\n\n");
        String purpose = !card.intendedUse().primaryUses().isBlank() ? card.intendedUse().primaryUses()
                : d.description();
        s.append(purpose.isBlank() ? TO_COMPLETE : tr.apply(purpose.strip())).append("\n\n");
        s.append("Méthode : ").append(d.algorithm().isBlank() ? TO_COMPLETE : d.algorithm())
                .append(" (bibliothèque Territoires IA ").append(d.libraryVersion()).append(").\n\n");
        if (!card.intendedUse().outOfScopeUses().isEmpty()) {
            s.append("Ce traitement ne doit pas servir à :\n\n");
            card.intendedUse().outOfScopeUses().forEach(u -> s.append("- ").append(oneLine(tr.apply(u))).append('\n'));
            s.append('\n');
        }

        s.append("## Quelles données sont utilisées, et d'où viennent-elles ?\n\n");
        data(s, "Données d'apprentissage", card.trainingData());
        data(s, "Données d'évaluation", card.evaluationData());
        s.append('\n');

        s.append("## Quels sont les principaux paramètres, et quel est leur poids dans le résultat ?\n\n");
        Map<String, Double> fi = card.featureImportance();
        double total = fi.values().stream().mapToDouble(Math::abs).sum();
        if (fi.isEmpty() || total == 0) {
            s.append("Le poids de chaque donnée d'entrée n'a pas été calculé pour ce modèle. ").append(TO_COMPLETE)
                    .append("\n\n");
        } else {
            s.append("Part de chaque donnée d'entrée dans les résultats du modèle (importance globale,"
                    + " en pourcentage du total) :\n\n");
            s.append("| Donnée d'entrée | Poids |\n|---|---|\n");
            List<Map.Entry<String, Double>> sorted = fi.entrySet().stream()
                    .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue()))).toList();
            // The ten largest weights; the others (often many near zero) on one line.
            int shown = 0;
            double rest = 0;
            int others = 0;
            for (Map.Entry<String, Double> e : sorted) {
                double share = Math.abs(e.getValue()) / total;
                if (shown < MAX_WEIGHTS && share > 0) {
                    s.append("| ").append(cell(readable(e.getKey(), labels))).append(" | ")
                            .append(fr(Math.round(share * 1000) / 10.0)).append(" % |\n");
                    shown++;
                } else {
                    rest += share;
                    others++;
                }
            }
            if (others > 0) {
                s.append("| Les ").append(others).append(" autres données ensemble | ")
                        .append(fr(Math.round(rest * 1000) / 10.0)).append(" % |\n");
            }
            s.append('\n');
        }
        if (!d.options().isEmpty()) {
            s.append("Réglages du modèle : ");
            StringBuilder opts = new StringBuilder();
            d.options().forEach((k, v) -> opts.append(opts.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
            s.append(oneLine(opts.toString())).append(".\n\n");
        }

        s.append("## Comment le résultat est-il utilisé dans la décision, et qui le contrôle ?\n\n");
        s.append("Le résultat (score, alerte ou classement) est produit par un programme ; il sert d'aide et"
                + " ne doit pas constituer à lui seul une décision.\n\n");
        if (!card.intendedUse().primaryUsers().isEmpty()) {
            s.append("Utilisateurs : ").append(oneLine(String.join(" ; ",
                    card.intendedUse().primaryUsers().stream().map(tr).toList())))
                    .append(".\n\n");
        }
        s.append("Décision que le résultat éclaire : ").append(TO_COMPLETE).append("\n\n");
        s.append("Service qui contrôle le résultat et peut le corriger : ").append(TO_COMPLETE).append("\n\n");

        s.append("## Quelle est sa fiabilité ?\n\n");
        if (card.metrics().isEmpty()) {
            s.append("Aucune mesure de performance n'est enregistrée. ").append(TO_COMPLETE).append("\n\n");
        } else {
            for (ModelCard.Metric m : card.metrics()) {
                s.append("- ").append(oneLine(tr.apply(m.name()))).append(" : ").append(fr(m.value()));
                if (m.hasInterval()) {
                    s.append(" (intervalle de confiance [").append(fr(m.lower())).append(" ; ")
                            .append(fr(m.upper())).append("])");
                }
                s.append('\n');
            }
            s.append('\n');
        }
        if (!card.quantitativeAnalyses().isEmpty()) {
            s.append("Résultats par groupe :\n\n| Facteur | Groupe | Mesure | Valeur | Intervalle de confiance |\n"
                    + "|---|---|---|---|---|\n");
            for (ModelCard.QuantitativeAnalysis qa : card.quantitativeAnalyses()) {
                for (ModelCard.Metric m : qa.metrics()) {
                    s.append("| ").append(cell(tr.apply(qa.factor()))).append(" | ").append(cell(qa.group()))
                            .append(" | ").append(cell(tr.apply(m.name()))).append(" | ").append(fr(m.value()))
                            .append(" | ").append(m.hasInterval() ? "[" + fr(m.lower()) + " ; " + fr(m.upper()) + "]"
                                    : "").append(" |\n");
                }
            }
            s.append('\n');
        }
        if (!card.caveats().isEmpty()) {
            s.append("## Limites connues\n\n");
            card.caveats().forEach(c -> s.append("- ").append(oneLine(tr.apply(c))).append('\n'));
            s.append('\n');
        }

        s.append("## Contact\n\n");
        s.append("Organisme responsable : ").append(d.organisation().isBlank() ? TO_COMPLETE : d.organisation())
                .append("\n\n");
        s.append("Adresse de contact : ").append(TO_COMPLETE).append("\n\n");
        s.append("## Vos droits\n\n");
        s.append("Si une décision individuelle vous concernant a été prise sur le fondement de ce traitement,"
                + " vous pouvez demander à l'administration les règles qui le définissent et les principales"
                + " caractéristiques de sa mise en œuvre (CRPA, art. L311-3-1 et R311-3-1-2). Si des données"
                + " personnelles sont traitées, le règlement général sur la protection des données (RGPD)"
                + " s'applique.\n");
        return s.toString();
    }

    private static void data(StringBuilder s, String title, ModelCard.DataSummary data) {
        s.append("- ").append(title).append(" : ");
        if (data.source().isBlank() && data.extent().isBlank() && data.rows() == 0) {
            s.append(TO_COMPLETE).append('\n');
            return;
        }
        s.append(data.source().isBlank() ? "source non précisée" : oneLine(data.source()));
        if (!data.extent().isBlank()) {
            s.append(", ").append(oneLine(data.extent()));
        }
        if (data.rows() > 0) {
            s.append(", ").append(data.rows()).append(" lignes");
        }
        s.append('\n');
    }

    /** French number: at most four decimals, decimal comma. */
    static String fr(double v) {
        return ModelCard.number(v).replace('.', ',');
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String readable(String name, java.util.function.UnaryOperator<String> labels) {
        String label = Objects.requireNonNull(labels.apply(name), "label of " + name);
        return label.equals(name) ? name : label + " (" + name + ")";
    }
}
