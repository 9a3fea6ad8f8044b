package fr.territoires.ia.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The descriptors a {@link ShapeClassifier} reads, by name, and their readable English and French
 * names with units.
 *
 * <p>The columns of a classifier, in order ({@link #names(ShapeClassifier.Options)}): every
 * {@link ShapeDescriptors#names()}, every {@link NeighbourhoodDescriptors#names()}, then
 * {@code neighbours_avg_} followed by each of {@link #AVERAGED} (the mean of that shape
 * descriptor over the building's neighbours within the neighbourhood radius), then
 * {@value #HEIGHT} (m) when the options name a height property. Units are those of the
 * descriptors: lengths in metres and areas in square metres in the projected CRS the features
 * are in (Lambert-93, EPSG:2154, as {@link GeoJson} delivers them by default), angles in degrees.
 * These names are the model's feature names, kept in the card's {@code descriptors} detail and
 * in saved model files: renaming one breaks the files written before.
 *
 * <p>Stateless; safe for concurrent use.
 */
final class DescriptorCatalogue {

    /** Name of the height column, m, present when the options name a height property. */
    static final String HEIGHT = "height";

    /** Prefix of the means over a building's neighbours. */
    static final String NEIGHBOURS_MEAN = "neighbours_avg_";

    /** Shape descriptors also averaged over each building's neighbours, in column order. */
    static final List<String> AVERAGED = List.of("rectangularity", "elongation",
            "convexity", "corners", "mrr_width", "area");

    private DescriptorCatalogue() {
    }

    /**
     * Returns the column names of a classifier with these options, in column order.
     *
     * @param options the classifier's options; only the presence of a height property matters
     * @return a new modifiable list
     */
    static List<String> names(ShapeClassifier.Options options) {
        List<String> names = new ArrayList<>(ShapeDescriptors.names());
        names.addAll(NeighbourhoodDescriptors.names());
        for (String a : AVERAGED) {
            names.add(NEIGHBOURS_MEAN + a);
        }
        if (options.heightProperty().isPresent()) {
            names.add(HEIGHT);
        }
        return names;
    }

    /**
     * Returns the readable name of a descriptor of the catalogue, with its unit.
     *
     * @param name a descriptor name, or {@value #NEIGHBOURS_MEAN} followed by one
     * @param french whether to answer in French
     * @return the readable name
     * @throws NullPointerException when {@code name} is null
     * @throws IllegalArgumentException when the catalogue has no such descriptor
     */
    static String label(String name, boolean french) {
        Objects.requireNonNull(name, "name");
        String[] both = LABELS.get(name);
        if (both != null) {
            return both[french ? 1 : 0];
        }
        if (name.startsWith(NEIGHBOURS_MEAN)) {
            String[] of = LABELS.get(name.substring(NEIGHBOURS_MEAN.length()));
            if (of != null) {
                return neighboursMean(of[french ? 1 : 0], french);
            }
        }
        throw new IllegalArgumentException("name must be a descriptor of the catalogue, was \""
                + name + "\"");
    }

    /**
     * Returns a readable name of any name, as {@link ShapeClassifier#label(String, boolean)}
     * documents it: the catalogue's name when it has one, {@value #NEIGHBOURS_MEAN} read as the
     * neighbours' mean of what follows, and otherwise the name with its underscores as spaces.
     *
     * @param name a name
     * @param french whether to answer in French
     * @return the readable name
     * @throws NullPointerException when {@code name} is null
     */
    static String readable(String name, boolean french) {
        Objects.requireNonNull(name, "name");
        String[] both = LABELS.get(name);
        if (both != null) {
            return both[french ? 1 : 0];
        }
        if (name.startsWith(NEIGHBOURS_MEAN)) {
            return neighboursMean(readable(name.substring(NEIGHBOURS_MEAN.length()), french),
                    french);
        }
        return name.replace('_', ' ');
    }

    /** The names the catalogue has labels for (the mean over neighbours aside). */
    static Set<String> labelled() {
        return LABELS.keySet();
    }

    private static String neighboursMean(String of, boolean french) {
        return french ? "moyenne des voisins : " + of : "neighbours' mean " + of;
    }

    /** English and French names of the descriptors, with units. */
    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("area", new String[] {"footprint area (m²)", "surface au sol (m²)"}),
            Map.entry("perimeter", new String[] {"perimeter (m)", "périmètre (m)"}),
            Map.entry("circular_compactness", new String[] {"circular compactness", "compacité circulaire"}),
            Map.entry("isoperimetric_quotient", new String[] {"isoperimetric quotient", "quotient isopérimétrique"}),
            Map.entry("square_compactness", new String[] {"square compactness", "compacité carrée"}),
            Map.entry("convexity", new String[] {"convexity", "convexité"}),
            Map.entry("rectangularity", new String[] {"rectangularity", "rectangularité"}),
            Map.entry("elongation", new String[] {"elongation", "allongement"}),
            Map.entry("equivalent_rectangular_index", new String[] {"equivalent rectangular index",
                    "indice rectangulaire équivalent"}),
            Map.entry("fractal_dimension", new String[] {"fractal dimension", "dimension fractale"}),
            Map.entry("corners", new String[] {"number of corners", "nombre d'angles"}),
            Map.entry("squareness", new String[] {"squareness (degrees)", "équerrage (degrés)"}),
            Map.entry("orientation", new String[] {"orientation (degrees)", "orientation (degrés)"}),
            Map.entry("holes", new String[] {"number of courtyards (holes)", "nombre de cours intérieures"}),
            Map.entry("longest_axis_length", new String[] {"longest axis (m)", "plus grand axe (m)"}),
            Map.entry("centroid_corner_mean", new String[] {"mean centroid-corner distance (m)",
                    "distance moyenne centre-angles (m)"}),
            Map.entry("centroid_corner_std", new String[] {"spread of centroid-corner distances (m)",
                    "dispersion des distances centre-angles (m)"}),
            Map.entry("vertices", new String[] {"number of vertices", "nombre de sommets"}),
            Map.entry("mrr_length", new String[] {"length of the enclosing rectangle (m)",
                    "longueur du rectangle englobant (m)"}),
            Map.entry("mrr_width", new String[] {"width of the enclosing rectangle (m)",
                    "largeur du rectangle englobant (m)"}),
            Map.entry("axis_east_west", new String[] {"east-west alignment of the main axis",
                    "alignement est-ouest du grand axe"}),
            Map.entry("nearest_distance", new String[] {"distance to the nearest building (m)",
                    "distance au bâtiment le plus proche (m)"}),
            Map.entry("neighbours_within_r", new String[] {"buildings nearby", "bâtiments à proximité"}),
            Map.entry("neighbour_mean_area", new String[] {"mean area of nearby buildings (m²)",
                    "surface moyenne des bâtiments proches (m²)"}),
            Map.entry("built_ratio_within_r", new String[] {"built-up share nearby", "part bâtie à proximité"}),
            Map.entry("touching_neighbours", new String[] {"adjoining buildings", "bâtiments mitoyens"}),
            Map.entry("shared_wall_ratio", new String[] {"share of walls shared", "part des murs mitoyens"}),
            Map.entry("alignment", new String[] {"misalignment with neighbours (degrees)",
                    "désalignement avec les voisins (degrés)"}),
            Map.entry("neighbour_max_area", new String[] {"largest nearby building (m²)",
                    "plus grand bâtiment proche (m²)"}),
            Map.entry("area_to_neighbour_mean", new String[] {"area relative to nearby buildings",
                    "surface rapportée aux bâtiments proches"}),
            Map.entry("context_count", new String[] {"buildings in the wider area", "bâtiments du quartier"}),
            Map.entry("context_mean_area", new String[] {"mean area in the wider area (m²)",
                    "surface moyenne dans le quartier (m²)"}),
            Map.entry("context_built_ratio", new String[] {"built-up share of the wider area",
                    "part bâtie du quartier"}),
            Map.entry("context_large_share", new String[] {"share of large buildings in the wider area",
                    "part de grands bâtiments dans le quartier"}),
            Map.entry("touching_mean_area", new String[] {"mean area of adjoining buildings (m²)",
                    "surface moyenne des bâtiments mitoyens (m²)"}),
            Map.entry("large_within_r", new String[] {"large buildings nearby", "grands bâtiments à proximité"}),
            Map.entry("concave_corners", new String[] {"number of inward corners", "nombre d'angles rentrants"}),
            Map.entry("courtyard_share", new String[] {"share of inner courtyards", "part des cours intérieures"}),
            Map.entry("area_perimeter_ratio", new String[] {"area over perimeter (m)", "surface sur périmètre (m)"}),
            Map.entry("context_area_rank", new String[] {"size rank in the wider area",
                    "rang de taille dans le quartier"}),
            Map.entry("area_to_context_median", new String[] {"area relative to the wider area's median",
                    "surface rapportée à la médiane du quartier"}),
            Map.entry("zone_count", new String[] {"buildings in the zone", "bâtiments de la zone"}),
            Map.entry("zone_mean_area", new String[] {"mean area in the zone (m²)", "surface moyenne de la zone (m²)"}),
            Map.entry("zone_max_area", new String[] {"largest building in the zone (m²)",
                    "plus grand bâtiment de la zone (m²)"}),
            Map.entry("zone_large_share", new String[] {"share of large buildings in the zone",
                    "part de grands bâtiments dans la zone"}),
            Map.entry("kth_centroid_distance", new String[] {"spacing of nearby buildings (m)",
                    "espacement des bâtiments proches (m)"}),
            Map.entry("block_size", new String[] {"buildings in the joined block", "bâtiments de l'îlot mitoyen"}),
            Map.entry("block_area", new String[] {"area of the joined block (m²)", "surface de l'îlot mitoyen (m²)"}),
            Map.entry("block_largest_share", new String[] {"area relative to the block's largest",
                    "surface rapportée au plus grand bâtiment de l'îlot"}),
            Map.entry("similar_neighbours", new String[] {"similar parallel neighbours",
                    "voisins parallèles semblables"}),
            Map.entry("similar_share", new String[] {"share of similar parallel neighbours",
                    "part de voisins parallèles semblables"}),
            Map.entry("empty_sectors", new String[] {"empty sides around (of 8)",
                    "côtés dégagés autour (sur 8)"}),
            Map.entry("core_density_ratio", new String[] {"density near over density around",
                    "densité proche rapportée à la densité alentour"}),
            Map.entry("cell_area", new String[] {"area of its Voronoi cell (m²)",
                    "surface de sa cellule de Voronoï (m²)"}),
            Map.entry("cell_coverage", new String[] {"share of its cell built",
                    "part bâtie de sa cellule"}),
            Map.entry("height", new String[] {"height (m)", "hauteur (m)"}));
}
