package fr.territoires.ia.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import fr.territoires.ia.geo.Feature;
import fr.territoires.ia.geo.GeoJson;
import fr.territoires.ia.geo.NeighbourhoodDescriptors;
import fr.territoires.ia.geo.ShapeClassifier;
import fr.territoires.ia.geo.ShapeDescriptors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import scala.Tuple2;

/**
 * Shape descriptors and classification of building footprints on Apache Spark, at regional
 * scale, equal bit for bit to the single-machine library's.
 *
 * <p><b>Input.</b> A Dataset with an integral id column (unique; it also orders the buildings)
 * and a geometry column, WKB ({@code binary}) or GeoJSON geometry objects ({@code string}), the
 * encodings of GeoParquet and Apache Sedona, in one source CRS. Each geometry is read at the
 * boundary as {@link GeoJson} reads a file: reprojected with proj4j to the working CRS,
 * Lambert-93 (EPSG:2154, metres), validated, and repaired with JTS {@code GeometryFixer} when
 * invalid but repairable (the output's {@code repaired} column says so). A geometry that breaks
 * a rule fails the call with an {@link IllegalArgumentException} naming the id and the rule.
 *
 * <p><b>Tiles with a halo.</b> The neighbourhood descriptors of a building depend on the
 * buildings within {@link NeighbourhoodDescriptors#reach(NeighbourhoodDescriptors.Options)} (300
 * m with the defaults) and, for two of them, on more (see that class, "Locality"). Buildings are
 * therefore owned by square tiles of {@link Input#tileSize()} (by the centre of their envelope),
 * each tile also receives the buildings within the reach of its own (its halo), and computes
 * over them, in id order, the descriptors of the buildings it owns. The two exceptions are
 * handled exactly: a block of joined buildings ({@code block_*} descriptors), found across tiles
 * by a first pass, is owned whole by one tile; a building with no other building within half
 * the reach, whose {@code nearest_distance} may look farther, is computed again over the
 * buildings within twice the reach, four times, and so on until its nearest one is among them.
 * Hence, for every building, including those near tile borders:
 * {@link #describe} gives the values of {@link ShapeDescriptors#of} and {@link
 * NeighbourhoodDescriptors#of}, and {@link #classify} the predictions of {@link
 * ShapeClassifier#classify}, computed over all the buildings sorted by id.
 *
 * <p><b>Classifier.</b> The classifier is broadcast once as the bytes of its model file (never
 * Java serialisation), read once per partition, and applies its compiled trees to each tile in
 * one batch.
 *
 * <p><b>Cost.</b> Each tile computes the descriptors of its halo too: the work grows by about
 * {@code ((tileSize + 2 reach) / tileSize)²} (1.69 for 2 km tiles and the 300 m reach). The
 * decoded buildings are persisted (memory and disk) for the lifetime of the result.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none); the methods run
 * Spark jobs from the calling thread.
 *
 * @since 0.3.0
 */
public final class SparkShapes {

    private SparkShapes() {
    }

    /** Encoding of the geometry column. */
    public enum Format {
        /** OGC Well-Known Binary, a {@code binary} column (GeoParquet, Apache Sedona). */
        WKB,
        /** GeoJSON geometry objects, a {@code string} column. */
        GEOJSON
    }

    /**
     * Columns and tiling of the input.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @param idColumn name of the id column, integral ({@code long} or {@code int}), unique
     * @param geometryColumn name of the geometry column
     * @param format encoding of the geometry column
     * @param crs CRS of the geometries, such as {@code "EPSG:4326"} or {@code "EPSG:2154"}
     * @param tileSize side of the square tiles, m, finite and {@code > 0}; larger than the
     *     reach (300 m) to keep the halo's extra work small
     * @param partitions number of Spark partitions of the tiles, {@code >= 1}
     * @since 0.3.0
     */
    public record Input(String idColumn, String geometryColumn, Format format, String crs,
            double tileSize, int partitions) {

        /**
         * Validates the settings.
         *
         * @param idColumn id column
         * @param geometryColumn geometry column
         * @param format geometry encoding
         * @param crs CRS of the geometries
         * @param tileSize tile side, m
         * @param partitions partitions of the tiles
         * @throws NullPointerException when an object argument is null
         * @throws IllegalArgumentException when a value is out of range
         */
        public Input {
            Objects.requireNonNull(idColumn, "idColumn");
            Objects.requireNonNull(geometryColumn, "geometryColumn");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(crs, "crs");
            if (!(tileSize > 0) || !Double.isFinite(tileSize)) {
                throw new IllegalArgumentException("tileSize must be finite and > 0, was "
                        + tileSize);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
            }
        }

        /**
         * Returns the defaults: columns {@code id} and {@code geometry}, WKB in Lambert-93
         * ({@code "EPSG:2154"}), 2,000 m tiles, 8 partitions.
         *
         * @return the default input
         */
        public static Input defaults() {
            return new Input("id", "geometry", Format.WKB, GeoJson.DEFAULT_CRS, 2000.0, 8);
        }

        /**
         * Returns a copy with other columns.
         *
         * @param idColumn id column
         * @param geometryColumn geometry column
         * @return new input
         * @throws NullPointerException when an argument is null
         */
        public Input withColumns(String idColumn, String geometryColumn) {
            return new Input(idColumn, geometryColumn, format, crs, tileSize, partitions);
        }

        /**
         * Returns a copy with another geometry encoding and CRS.
         *
         * @param format geometry encoding
         * @param crs CRS of the geometries
         * @return new input
         * @throws NullPointerException when an argument is null
         */
        public Input withGeometry(Format format, String crs) {
            return new Input(idColumn, geometryColumn, format, crs, tileSize, partitions);
        }

        /**
         * Returns a copy with another tile side.
         *
         * @param tileSize side, m
         * @return new input
         * @throws IllegalArgumentException when out of range
         */
        public Input withTileSize(double tileSize) {
            return new Input(idColumn, geometryColumn, format, crs, tileSize, partitions);
        }

        /**
         * Returns a copy with another number of partitions.
         *
         * @param partitions partitions, {@code >= 1}
         * @return new input
         * @throws IllegalArgumentException when out of range
         */
        public Input withPartitions(int partitions) {
            return new Input(idColumn, geometryColumn, format, crs, tileSize, partitions);
        }
    }

    /**
     * Computes the shape and neighbourhood descriptors of every building.
     *
     * @param buildings the input rows
     * @param input columns and tiling
     * @param options neighbourhood settings
     * @return one row per building: {@code id} (long), {@code repaired} (boolean), then one
     *     double column per name of {@link ShapeDescriptors#names()} and of {@link
     *     NeighbourhoodDescriptors#names()}, in that order (NaN where undefined); lengths in m,
     *     areas in m², angles in degrees
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a column is missing or of the wrong type, an id is
     *     null or repeated, or a geometry breaks a rule (the message names the id and the rule)
     */
    public static Dataset<Row> describe(Dataset<Row> buildings, Input input,
            NeighbourhoodDescriptors.Options options) {
        Objects.requireNonNull(options, "options");
        double radius = options.radius();
        double tolerance = options.wallTolerance();
        double context = options.contextRadius();
        Computation compute = members -> {
            NeighbourhoodDescriptors.Options o = new NeighbourhoodDescriptors.Options(radius,
                    tolerance, context);
            List<Geometry> gs = geometries(members);
            List<Map<String, Double>> nb = NeighbourhoodDescriptors.of(gs, o);
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                if (!members.get(i).owned()) {
                    continue;
                }
                HaloTiles.Building b = members.get(i).building();
                List<Object> values = new ArrayList<>();
                values.add(b.id());
                values.add(b.repaired());
                values.addAll(ShapeDescriptors.of(gs.get(i)).values());
                values.addAll(nb.get(i).values());
                out.add(RowFactory.create(values.toArray()));
            }
            return out;
        };
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("repaired", DataTypes.BooleanType, false));
        for (String n : ShapeDescriptors.names()) {
            fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
        }
        for (String n : NeighbourhoodDescriptors.names()) {
            fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
        }
        return run(buildings, input, options, null, compute, DataTypes.createStructType(fields));
    }

    /**
     * Classifies every building with a fitted classifier.
     *
     * @param buildings the input rows; when the classifier uses a height property, a numeric
     *     column of that name (null: unknown)
     * @param input columns and tiling
     * @param classifier the fitted classifier
     * @return one row per building: {@code id} (long), {@code repaired} (boolean), {@code label}
     *     (string), {@code confidence} (double, the probability of the label) and {@code
     *     probabilities} (map from every label of the classifier to its probability)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when a column is missing or of the wrong type, an id is
     *     null or repeated, or a geometry breaks a rule (the message names the id and the rule)
     */
    public static Dataset<Row> classify(Dataset<Row> buildings, Input input,
            ShapeClassifier classifier) {
        Objects.requireNonNull(classifier, "classifier");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            classifier.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(
                buildings.sparkSession().sparkContext());
        Broadcast<byte[]> model = sc.broadcast(bytes.toByteArray());
        String height = classifier.options().heightProperty().orElse(null);
        PartitionComputation compute = () -> {
            ShapeClassifier c;
            try {
                c = ShapeClassifier.read(new ByteArrayInputStream(model.value()),
                        "broadcast shape classifier");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return members -> {
                List<Geometry> gs = geometries(members);
                List<Feature> features = new ArrayList<>(gs.size());
                for (int i = 0; i < gs.size(); i++) {
                    Map<String, JsonNode> props = new LinkedHashMap<>();
                    double h = members.get(i).building().height();
                    if (height != null && !Double.isNaN(h)) {
                        props.put(height, DoubleNode.valueOf(h));
                    }
                    features.add(new Feature(i, gs.get(i), props, GeoJson.DEFAULT_CRS));
                }
                List<ShapeClassifier.Prediction> ps = c.classify(features);
                List<Row> out = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    if (members.get(i).owned()) {
                        HaloTiles.Building b = members.get(i).building();
                        ShapeClassifier.Prediction p = ps.get(i);
                        out.add(RowFactory.create(b.id(), b.repaired(), p.label(), p.confidence(),
                                // Spark's map columns take Scala maps.
                                scala.jdk.javaapi.CollectionConverters.asScala(
                                        new LinkedHashMap<>(p.probabilities()))));
                    }
                }
                return out;
            };
        };
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("repaired", DataTypes.BooleanType, false),
                DataTypes.createStructField("label", DataTypes.StringType, false),
                DataTypes.createStructField("confidence", DataTypes.DoubleType, false),
                DataTypes.createStructField("probabilities", DataTypes.createMapType(
                        DataTypes.StringType, DataTypes.DoubleType, false), false)));
        return run(buildings, input, classifier.options().neighbourhood(), height, compute,
                schema);
    }

    /** Computes the output rows of a tile's owned members from its sorted members. */
    private interface Computation extends java.io.Serializable {
        List<Row> rows(List<HaloTiles.Member> members);
    }

    /** Prepares, once per partition, a computation (such as one reading the classifier). */
    private interface PartitionComputation extends java.io.Serializable {
        Computation prepare();
    }

    private static Dataset<Row> run(Dataset<Row> buildings, Input input,
            NeighbourhoodDescriptors.Options options, @Nullable String heightColumn,
            Computation compute, StructType schema) {
        PartitionComputation once = () -> compute;
        return run(buildings, input, options, heightColumn, once, schema);
    }

    private static Dataset<Row> run(Dataset<Row> buildings, Input input,
            NeighbourhoodDescriptors.Options options, @Nullable String heightColumn,
            PartitionComputation compute, StructType schema) {
        Objects.requireNonNull(buildings, "buildings");
        Objects.requireNonNull(input, "input");
        SparkSession spark = buildings.sparkSession();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<HaloTiles.Building> decoded = decode(buildings, input, heightColumn)
                .persist(StorageLevel.MEMORY_AND_DISK());
        double reach = NeighbourhoodDescriptors.reach(options);
        double tileSize = input.tileSize();
        int partitions = input.partitions();
        double tolerance = options.wallTolerance();
        double radius = options.radius();
        double context = options.contextRadius();
        Map<Long, Long> blockOwners;
        try {
            long count = decoded.count();
            long distinct = decoded.map(HaloTiles.Building::id).distinct().count();
            if (distinct != count) {
                throw new IllegalArgumentException(input.idColumn() + " must be unique, was "
                        + (count - distinct) + " repeated ids among " + count + " rows");
            }
            blockOwners = HaloTiles.blockOwners(sc, decoded, tileSize, tolerance, partitions,
                    members -> NeighbourhoodDescriptors.blocks(geometries(members),
                            new NeighbourhoodDescriptors.Options(radius, tolerance, context)));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            // Spark rethrows a task's exception wrapped, and undeclared (SparkException).
            throw unwrap(e);
        }
        Broadcast<Map<Long, Long>> owners = sc.broadcast(new HashMap<>(blockOwners));
        HaloTiles.Owner owner = b -> {
            Long t = owners.value().get(b.id());
            return t != null ? t : b.tile(tileSize);
        };
        double certain = reach / 2;
        // Rows of the owned buildings, and the ids of those whose nearest building may lie
        // beyond the halo.
        JavaPairRDD<Long, List<HaloTiles.Member>> tiles = HaloTiles.tiles(sc, decoded, owner,
                reach, partitions);
        JavaRDD<Tuple2<Row, Boolean>> first = tiles.mapPartitions(it -> {
            Computation c = compute.prepare();
            List<Tuple2<Row, Boolean>> out = new ArrayList<>();
            while (it.hasNext()) {
                List<HaloTiles.Member> members = it.next()._2();
                List<Row> rows = c.rows(members);
                boolean[] isolated = isolated(members, certain);
                int k = 0;
                for (int i = 0; i < members.size(); i++) {
                    if (members.get(i).owned()) {
                        // A member of a block has another building within the wall tolerance,
                        // no farther than the reach: its nearest one is in the tile.
                        boolean lonely = isolated[i]
                                && !owners.value().containsKey(members.get(i).building().id());
                        out.add(new Tuple2<>(rows.get(k++), lonely));
                    }
                }
            }
            return out.iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        List<Long> lonely = first.filter(Tuple2::_2).map(t -> t._1().getLong(0)).collect();
        JavaRDD<Row> rows = first.filter(t -> !t._2()).map(Tuple2::_1);
        if (!lonely.isEmpty()) {
            rows = rows.union(again(sc, decoded, lonely, reach, partitions, compute));
        }
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Computes again the buildings with no other building within half the reach (and in no
     * block), each over the buildings within twice the reach of it, then four times, and so on,
     * until another building lies within half that distance (so that its nearest building is
     * among them) or the distance spans every building. Each round is one job over the buildings
     * near the buildings still pending, found through an index of their search boxes.
     */
    private static JavaRDD<Row> again(JavaSparkContext sc, JavaRDD<HaloTiles.Building> decoded,
            List<Long> lonely, double reach, int partitions, PartitionComputation compute) {
        java.util.Set<Long> wanted = new java.util.HashSet<>(lonely);
        List<HaloTiles.Building> pending = decoded.filter(b -> wanted.contains(b.id())).collect();
        double[] all = decoded.map(b -> new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()})
                .reduce((u, v) -> new double[] {Math.min(u[0], v[0]), Math.min(u[1], v[1]),
                    Math.max(u[2], v[2]), Math.max(u[3], v[3])});
        double span = Math.hypot(all[2] - all[0], all[3] - all[1]);
        List<Row> done = new ArrayList<>();
        double radius = reach;
        while (!pending.isEmpty()) {
            radius *= 2;
            boolean last = radius / 2 > span;
            List<HaloTiles.Box> searches = new ArrayList<>();
            for (HaloTiles.Building p : pending) {
                searches.add(new HaloTiles.Box(p.minX() - radius, p.minY() - radius,
                        p.maxX() + radius, p.maxY() + radius, p.id()));
            }
            Broadcast<List<HaloTiles.Box>> boxes = sc.broadcast(searches);
            double certain = radius / 2;
            List<Tuple2<Long, List<Row>>> round = decoded.mapPartitionsToPair(it -> {
                STRtree index = new STRtree();
                for (HaloTiles.Box box : boxes.value()) {
                    index.insert(box.envelope(), box);
                }
                List<Tuple2<Long, HaloTiles.Member>> out = new ArrayList<>();
                while (it.hasNext()) {
                    HaloTiles.Building b = it.next();
                    @SuppressWarnings("unchecked")
                    List<HaloTiles.Box> hits = index.query(b.envelope());
                    for (HaloTiles.Box box : hits) {
                        if (box.envelope().intersects(b.envelope())) {
                            out.add(new Tuple2<>(box.key(),
                                    new HaloTiles.Member(b, b.id() == box.key())));
                        }
                    }
                }
                return out.iterator();
            }).groupByKey(new org.apache.spark.HashPartitioner(partitions)).mapPartitions(it -> {
                Computation c = null;
                List<Tuple2<Long, List<Row>>> out = new ArrayList<>();
                while (it.hasNext()) {
                    Tuple2<Long, Iterable<HaloTiles.Member>> group = it.next();
                    List<HaloTiles.Member> members = new ArrayList<>();
                    group._2().forEach(members::add);
                    members.sort(java.util.Comparator.comparingLong(m -> m.building().id()));
                    boolean[] isolated = isolated(members, certain);
                    boolean alone = false;
                    for (int i = 0; i < members.size(); i++) {
                        alone |= members.get(i).owned() && isolated[i];
                    }
                    if (alone && !last) {
                        out.add(new Tuple2<>(group._1(), List.of()));
                    } else {
                        if (c == null) {
                            c = compute.prepare();
                        }
                        out.add(new Tuple2<>(group._1(), c.rows(members)));
                    }
                }
                return out.iterator();
            }).collect();
            java.util.Set<Long> still = new java.util.HashSet<>();
            for (Tuple2<Long, List<Row>> t : round) {
                if (t._2().isEmpty()) {
                    still.add(t._1());
                } else {
                    done.addAll(t._2());
                }
            }
            List<HaloTiles.Building> next = new ArrayList<>();
            for (HaloTiles.Building p : pending) {
                if (still.contains(p.id())) {
                    next.add(p);
                }
            }
            pending = next;
        }
        return sc.parallelize(done, 1);
    }

    /** Whether each owned member has no other member within {@code distance}. */
    private static boolean[] isolated(List<HaloTiles.Member> members, double distance) {
        WKBReader reader = HaloTiles.reader(srid());
        List<Geometry> gs = new ArrayList<>(members.size());
        STRtree index = new STRtree();
        for (int i = 0; i < members.size(); i++) {
            gs.add(members.get(i).building().geometry(reader, srid()));
            index.insert(members.get(i).building().envelope(), i);
        }
        boolean[] out = new boolean[members.size()];
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).owned()) {
                continue;
            }
            Envelope e = members.get(i).building().envelope();
            e.expandBy(distance);
            boolean near = false;
            @SuppressWarnings("unchecked")
            List<Integer> hits = index.query(e);
            for (int j : hits) {
                if (j != i && gs.get(i).isWithinDistance(gs.get(j), distance)) {
                    near = true;
                    break;
                }
            }
            out[i] = !near;
        }
        return out;
    }

    private static int srid() {
        return Integer.parseInt(GeoJson.DEFAULT_CRS.substring("EPSG:".length()));
    }

    private static List<Geometry> geometries(List<HaloTiles.Member> members) {
        WKBReader reader = HaloTiles.reader(srid());
        List<Geometry> gs = new ArrayList<>(members.size());
        for (HaloTiles.Member m : members) {
            gs.add(m.building().geometry(reader, srid()));
        }
        return gs;
    }

    /** Reads the input rows into buildings in the working CRS (lazily, on the executors). */
    private static JavaRDD<HaloTiles.Building> decode(Dataset<Row> buildings, Input input,
            @Nullable String heightColumn) {
        StructType schema = buildings.schema();
        DataType idType = type(schema, input.idColumn(), "idColumn");
        if (!idType.equals(DataTypes.LongType) && !idType.equals(DataTypes.IntegerType)) {
            throw new IllegalArgumentException("idColumn \"" + input.idColumn()
                    + "\" must be of type long or int, was " + idType.simpleString());
        }
        DataType geometryType = type(schema, input.geometryColumn(), "geometryColumn");
        DataType expected = input.format() == Format.WKB ? DataTypes.BinaryType
                : DataTypes.StringType;
        if (!geometryType.equals(expected)) {
            throw new IllegalArgumentException("geometryColumn \"" + input.geometryColumn()
                    + "\" must be of type " + expected.simpleString() + " for " + input.format()
                    + ", was " + geometryType.simpleString());
        }
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        columns.add(buildings.col(input.idColumn()).cast(DataTypes.LongType));
        columns.add(buildings.col(input.geometryColumn()));
        if (heightColumn != null) {
            DataType h = type(schema, heightColumn, "height column");
            if (!(h instanceof org.apache.spark.sql.types.NumericType)) {
                throw new IllegalArgumentException("height column \"" + heightColumn
                        + "\" must be numeric, was " + h.simpleString());
            }
            columns.add(buildings.col(heightColumn).cast(DataTypes.DoubleType));
        }
        // Checks the CRS on the driver, for an early, clear error.
        new GeoJson.Geometries(input.crs(), GeoJson.DEFAULT_CRS);
        String crs = input.crs();
        boolean wkb = input.format() == Format.WKB;
        String idName = input.idColumn();
        boolean withHeight = heightColumn != null;
        return buildings.select(columns.toArray(new org.apache.spark.sql.Column[0])).javaRDD()
                .mapPartitions((Iterator<Row> it) -> {
                    GeoJson.Geometries reader = new GeoJson.Geometries(crs, GeoJson.DEFAULT_CRS);
                    WKBWriter writer = new WKBWriter();
                    List<HaloTiles.Building> out = new ArrayList<>();
                    while (it.hasNext()) {
                        Row r = it.next();
                        if (r.isNullAt(0)) {
                            throw new IllegalArgumentException(idName
                                    + " must not be null, was null in a row");
                        }
                        long id = r.getLong(0);
                        String where = "id " + id;
                        if (r.isNullAt(1)) {
                            throw new IllegalArgumentException(where
                                    + ": geometry must not be null, was null");
                        }
                        GeoJson.Geometries.Read read = wkb
                                ? reader.fromWkb((byte[]) r.get(1), where)
                                : reader.fromGeoJson(r.getString(1), where);
                        Geometry g = read.geometry();
                        Envelope e = g.getEnvelopeInternal();
                        double height = withHeight && !r.isNullAt(2) ? r.getDouble(2) : Double.NaN;
                        out.add(new HaloTiles.Building(id, writer.write(g), e.getMinX(),
                                e.getMinY(), e.getMaxX(), e.getMaxY(), height, read.repaired()));
                    }
                    return out.iterator();
                });
    }

    private static DataType type(StructType schema, String column, String what) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new IllegalArgumentException(what + " \"" + column + "\" must be a column of the "
                + "input, was missing (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }

    /** The IllegalArgumentException a task threw, when there is one, else the Spark error. */
    private static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
        }
        String m = String.valueOf(e.getMessage());
        String marker = IllegalArgumentException.class.getName() + ": ";
        int at = m.indexOf(marker);
        if (at >= 0) {
            int end = m.indexOf('\n', at);
            return new IllegalArgumentException(m.substring(at + marker.length(),
                    end < 0 ? m.length() : end), e);
        }
        return e instanceof RuntimeException r ? r
                : new IllegalStateException("Spark job failed: " + m, e);
    }
}
