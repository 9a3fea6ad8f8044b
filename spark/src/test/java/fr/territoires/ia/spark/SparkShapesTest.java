package fr.territoires.ia.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.FeatureCollection;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.NeighbourhoodDescriptors;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.ShapeDescriptors;
import fr.territoires.ia.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Spark results equal, bit for bit, the single-machine library's on the shared Rodez-area BD
 * TOPO extract (9,505 buildings), cut into 500 m tiles so that most buildings lie within the
 * 300 m reach of a tile border.
 */
class SparkShapesTest {

    private static final String FILE = "geo/rodez_area_bdtopo_v2_buildings.geojson";
    private static final NeighbourhoodDescriptors.Options OPTIONS =
            NeighbourhoodDescriptors.Options.defaults();
    private static final double TILE = 500.0;

    private static List<Feature> rodez;
    /** The geometry object of each feature, as the file writes it. */
    private static List<String> geoJson;

    @BeforeAll
    static void read() throws IOException {
        Path p = SharedData.resolve(FILE);
        FeatureCollection fc = GeoJson.read(p);
        rodez = fc.features();
        JsonNode root = new ObjectMapper().readTree(p.toFile());
        geoJson = new ArrayList<>();
        for (JsonNode f : root.get("features")) {
            geoJson.add(f.get("geometry").toString());
        }
        assertEquals(9505, rodez.size());
        assertEquals(rodez.size(), geoJson.size());
    }

    private static Dataset<Row> wkb(List<Feature> features) {
        WKBWriter writer = new WKBWriter();
        List<Row> rows = new ArrayList<>();
        for (Feature f : features) {
            rows.add(RowFactory.create((long) f.index(), writer.write(f.geometry())));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("geometry", DataTypes.BinaryType, false)));
        return SharedSpark.session().createDataFrame(rows, schema);
    }

    private static Dataset<Row> text(List<Long> ids, List<String> geometries) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(RowFactory.create(ids.get(i), geometries.get(i)));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("geometry", DataTypes.StringType, true)));
        return SharedSpark.session().createDataFrame(rows, schema);
    }

    private static Map<Long, Row> byId(Dataset<Row> result) {
        Map<Long, Row> out = new HashMap<>();
        for (Row r : result.collectAsList()) {
            assertEquals(null, out.put(r.getLong(0), r), "id " + r.getLong(0) + " twice");
        }
        return out;
    }

    /** Compares every descriptor, bit for bit; returns the number of values compared. */
    private static int assertDescriptorsEqual(List<Feature> features, Map<Long, Row> spark) {
        List<Geometry> gs = features.stream().map(Feature::geometry).toList();
        List<Map<String, Double>> nb = NeighbourhoodDescriptors.of(gs, OPTIONS);
        assertEquals(features.size(), spark.size());
        int compared = 0;
        for (int i = 0; i < features.size(); i++) {
            Row r = spark.get((long) features.get(i).index());
            List<Double> expected = new ArrayList<>(ShapeDescriptors.of(gs.get(i)).values());
            expected.addAll(nb.get(i).values());
            List<String> names = new ArrayList<>(ShapeDescriptors.names());
            names.addAll(NeighbourhoodDescriptors.names());
            for (int k = 0; k < expected.size(); k++) {
                double got = r.getDouble(2 + k);
                String what = "id " + r.getLong(0) + " " + names.get(k);
                assertEquals(Double.doubleToLongBits(expected.get(k)),
                        Double.doubleToLongBits(got), () -> what + ": " + got);
                compared++;
            }
        }
        return compared;
    }

    @Test
    void describe_rodezInSmallTiles_equalsSingleMachineBitForBit() {
        double reach = NeighbourhoodDescriptors.reach(OPTIONS);
        int nearBorder = 0;
        int withinRadius = 0;
        double radius = OPTIONS.radius();
        java.util.Set<Long> tiles = new java.util.HashSet<>();
        for (Feature f : rodez) {
            org.locationtech.jts.geom.Envelope e = f.geometry().getEnvelopeInternal();
            double x = (e.getMinX() + e.getMaxX()) / 2;
            double y = (e.getMinY() + e.getMaxY()) / 2;
            double dx = x - Math.floor(x / TILE) * TILE;
            double dy = y - Math.floor(y / TILE) * TILE;
            if (Math.min(Math.min(dx, TILE - dx), Math.min(dy, TILE - dy)) < reach) {
                nearBorder++;
            }
            if (Math.min(Math.min(dx, TILE - dx), Math.min(dy, TILE - dy)) < radius) {
                withinRadius++;
            }
            tiles.add((long) Math.floor(x / TILE) * 1_000_003L + (long) Math.floor(y / TILE));
        }
        long start = System.nanoTime();
        Map<Long, Row> spark = byId(SparkShapes.describe(wkb(rodez),
                SparkShapes.Input.defaults().withTileSize(TILE).withPartitions(4), OPTIONS));
        double seconds = (System.nanoTime() - start) / 1e9;
        int compared = assertDescriptorsEqual(rodez, spark);
        // Buildings with no other within half the reach: computed again by the exact path.
        org.locationtech.jts.index.strtree.STRtree index =
                new org.locationtech.jts.index.strtree.STRtree();
        for (Feature f : rodez) {
            index.insert(f.geometry().getEnvelopeInternal(), f.geometry());
        }
        int lonely = 0;
        for (Feature f : rodez) {
            org.locationtech.jts.geom.Envelope e = new org.locationtech.jts.geom.Envelope(
                    f.geometry().getEnvelopeInternal());
            e.expandBy(reach / 2);
            boolean near = false;
            for (Object o : index.query(e)) {
                near |= o != f.geometry() && f.geometry().isWithinDistance((Geometry) o, reach / 2);
            }
            lonely += near ? 0 : 1;
        }
        // Blocks of joined buildings whose members' envelope centres lie in different tiles.
        int[] blocks = NeighbourhoodDescriptors.blocks(rodez.stream().map(Feature::geometry)
                .toList(), OPTIONS);
        Map<Integer, java.util.Set<Long>> blockTiles = new HashMap<>();
        for (int i = 0; i < blocks.length; i++) {
            org.locationtech.jts.geom.Envelope e = rodez.get(i).geometry().getEnvelopeInternal();
            blockTiles.computeIfAbsent(blocks[i], k -> new java.util.HashSet<>()).add(
                    (long) Math.floor(e.centre().x / TILE) * 1_000_003L
                            + (long) Math.floor(e.centre().y / TILE));
        }
        long across = blockTiles.values().stream().filter(t -> t.size() > 1).count();
        System.out.printf("Rodez on Spark local[2], %.0f m tiles: %d tiles, %d of %d buildings "
                + "within the %.0f m reach of a tile border (%d within %.0f m), %d with no other "
                + "within %.0f m, %d blocks across tiles, %d descriptor values equal bit for bit "
                + "(%.1f s)%n", TILE, tiles.size(), nearBorder, rodez.size(), reach,
                withinRadius, radius, lonely, reach / 2, across, compared, seconds);
        assertTrue(lonely > 0 && across > 0, "the two exact paths should be exercised");
        // Most buildings lie near a border, so the halo is what makes them right.
        assertTrue(nearBorder > rodez.size() / 2, "near border: " + nearBorder);
    }

    @Test
    void classify_rodez_equalsSingleMachineBitForBit_andGeoJsonEqualsWkb() {
        ShapeClassifier classifier = ShapeClassifier.fit(rodez, "label",
                ShapeClassifier.Options.defaults().withTrees(10).withDecisionFolds(0));
        List<ShapeClassifier.Prediction> expected = classifier.classify(rodez);
        // 1 km tiles: 84 % of the buildings still lie within the reach of a border.
        SparkShapes.Input input = SparkShapes.Input.defaults().withTileSize(2 * TILE)
                .withPartitions(4);
        Map<Long, Row> fromWkb = byId(SparkShapes.classify(wkb(rodez), input, classifier));
        List<Long> ids = rodez.stream().map(f -> (long) f.index()).toList();
        Map<Long, Row> fromText = byId(SparkShapes.classify(text(ids, geoJson),
                input.withGeometry(SparkShapes.Format.GEOJSON, "urn:ogc:def:crs:EPSG::2154"),
                classifier));
        int notMajority = 0;
        for (ShapeClassifier.Prediction p : expected) {
            for (Map<Long, Row> spark : List.of(fromWkb, fromText)) {
                Row r = spark.get((long) p.index());
                assertEquals(p.label(), r.getString(2), "id " + p.index());
                assertEquals(Double.doubleToLongBits(p.confidence()),
                        Double.doubleToLongBits(r.getDouble(3)), "id " + p.index());
                Map<String, Double> probabilities = r.getJavaMap(4);
                assertEquals(p.probabilities(), probabilities, "id " + p.index());
            }
            if (!p.label().equals(classifier.labels().get(0))) {
                notMajority++;
            }
        }
        assertEquals(rodez.size(), fromWkb.size());
        assertEquals(rodez.size(), fromText.size());
        assertTrue(notMajority > 0, "some predictions should differ from the majority class");
    }

    @Test
    void describe_wgs84GeoJson_reprojectedLikeTheFileReader(@TempDir Path dir)
            throws IOException {
        List<Feature> part = rodez.subList(0, 1500);
        Path file = dir.resolve("part-wgs84.geojson");
        GeoJson.write(file, part, "OGC:CRS84");
        FeatureCollection reference = GeoJson.read(file);
        List<Long> ids = new ArrayList<>();
        List<String> geometries = new ArrayList<>();
        int k = 0;
        for (JsonNode f : new ObjectMapper().readTree(file.toFile()).get("features")) {
            ids.add((long) k++);
            geometries.add(f.get("geometry").toString());
        }
        Map<Long, Row> spark = byId(SparkShapes.describe(text(ids, geometries),
                SparkShapes.Input.defaults().withGeometry(SparkShapes.Format.GEOJSON,
                        "OGC:CRS84").withTileSize(TILE).withPartitions(2), OPTIONS));
        assertTrue(assertDescriptorsEqual(reference.features(), spark) > 0);
    }

    @Test
    void badInput_failsNamingTheIdAndTheRule() {
        List<Long> ids = List.of(1L, 2L, 3L);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[700000,6600000],[700010,"
                + "6600000],[700010,6600010],[700000,6600010],[700000,6600000]]]}";
        String open = "{\"type\":\"Polygon\",\"coordinates\":[[[700000,6600000],[700010,"
                + "6600000],[700010,6600010],[700000,6600010],[700001,6600001]]]}";
        SparkShapes.Input input = SparkShapes.Input.defaults()
                .withGeometry(SparkShapes.Format.GEOJSON, "EPSG:2154").withPartitions(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkShapes.describe(text(ids, List.of(square, open, square)), input,
                        OPTIONS));
        assertTrue(e.getMessage().startsWith("id 2") && e.getMessage().contains("closed"),
                e.getMessage());
        String point = "{\"type\":\"Point\",\"coordinates\":[700000,6600000]}";
        e = assertThrows(IllegalArgumentException.class, () -> SparkShapes.describe(
                text(ids, List.of(square, square, point)), input, OPTIONS));
        assertTrue(e.getMessage().startsWith("id 3") && e.getMessage().contains("Polygon"),
                e.getMessage());
        // Degrees labelled as Lambert-93: outside its area of use.
        String degrees = "{\"type\":\"Polygon\",\"coordinates\":[[[2.5,44.3],[2.6,44.3],"
                + "[2.6,44.4],[2.5,44.3]]]}";
        e = assertThrows(IllegalArgumentException.class, () -> SparkShapes.describe(
                text(List.of(7L), List.of(degrees)), input, OPTIONS));
        assertTrue(e.getMessage().startsWith("id 7") && e.getMessage().contains("Lambert-93"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkShapes.describe(
                text(ids, List.of(square, square, square)), input.withGeometry(
                        SparkShapes.Format.GEOJSON, "EPSG:999999"), OPTIONS));
        assertTrue(e.getMessage().contains("sourceCrs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkShapes.describe(
                text(List.of(5L, 5L), List.of(square, square)), input, OPTIONS));
        assertTrue(e.getMessage().contains("unique"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkShapes.describe(
                text(ids, List.of(square, square, square)), input.withGeometry(
                        SparkShapes.Format.WKB, "EPSG:2154"), OPTIONS));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void selfIntersectingPolygon_isRepairedAndReported() {
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[700000,6600000],[700010,"
                + "6600010],[700010,6600000],[700000,6600010],[700000,6600000]]]}";
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[700100,6600000],[700110,"
                + "6600000],[700110,6600010],[700100,6600010],[700100,6600000]]]}";
        Map<Long, Row> out = byId(SparkShapes.describe(text(List.of(1L, 2L),
                List.of(bowtie, square)), SparkShapes.Input.defaults().withGeometry(
                        SparkShapes.Format.GEOJSON, "EPSG:2154").withPartitions(2), OPTIONS));
        assertTrue(out.get(1L).getBoolean(1));
        assertEquals(false, out.get(2L).getBoolean(1));
        // The bow tie repairs to its two triangles: 50 m² in all.
        assertEquals(50.0, out.get(1L).getDouble(2 + ShapeDescriptors.names().indexOf("area")),
                1e-9);
    }

    @Test
    void writeAndRead_bytesGiveTheSamePredictions() throws IOException {
        List<Feature> part = rodez;
        ShapeClassifier classifier = ShapeClassifier.fit(part, "label",
                ShapeClassifier.Options.defaults().withTrees(5).withDecisionFolds(0));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        classifier.write(bytes);
        ShapeClassifier again = ShapeClassifier.read(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), "bytes");
        assertEquals(classifier.classify(part), again.classify(part));
        assertThrows(IllegalArgumentException.class, () -> ShapeClassifier.read(
                new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), "bytes"));
    }

    @Test
    void classify_withHeightColumn_equalsSingleMachine() {
        List<Feature> simulated = fr.territoires.ia.geo.synthetic.FootprintSimulator.simulate(
                1500, 11L);
        ShapeClassifier classifier = ShapeClassifier.fit(simulated, "kind",
                ShapeClassifier.Options.defaults().withTrees(10).withDecisionFolds(0)
                        .withHeightProperty("height"));
        WKBWriter writer = new WKBWriter();
        List<Row> rows = new ArrayList<>();
        for (Feature f : simulated) {
            // One height missing: unknown, as a missing property is.
            Double height = f.index() == 3 ? null : f.properties().get("height").doubleValue();
            rows.add(RowFactory.create((long) f.index(), writer.write(f.geometry()), height));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("geometry", DataTypes.BinaryType, false),
                DataTypes.createStructField("height", DataTypes.DoubleType, true)));
        Dataset<Row> input = SharedSpark.session().createDataFrame(rows, schema);
        List<Feature> expectedInput = new ArrayList<>(simulated);
        expectedInput.set(3, new Feature(3, simulated.get(3).geometry(), Map.of(), "EPSG:2154"));
        List<ShapeClassifier.Prediction> expected = classifier.classify(expectedInput);
        Map<Long, Row> spark = byId(SparkShapes.classify(input, SparkShapes.Input.defaults()
                .withTileSize(1000.0).withPartitions(2), classifier));
        for (ShapeClassifier.Prediction p : expected) {
            Row r = spark.get((long) p.index());
            assertEquals(p.label(), r.getString(2), "id " + p.index());
            assertEquals(Double.doubleToLongBits(p.confidence()),
                    Double.doubleToLongBits(r.getDouble(3)), "id " + p.index());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkShapes.classify(input.drop("height"), SparkShapes.Input.defaults(),
                        classifier));
        assertTrue(e.getMessage().contains("height"), e.getMessage());
    }
}
