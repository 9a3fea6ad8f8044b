package fr.territoires.ia.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import scala.Tuple2;

/**
 * Cuts buildings into square tiles with a halo, so that a computation over each tile's buildings
 * gives, for the buildings the tile owns, the result of the same computation over all buildings.
 *
 * <p>A building is owned by the tile holding its reference point, the centre of its envelope,
 * unless it belongs to a block of joined buildings: a whole block is owned by the tile of its
 * smallest id. A tile's buildings are its own, plus every building whose envelope meets the
 * envelope of the owned ones grown by the halo; they are handed over sorted by id. Coordinates
 * are those of the working CRS, in metres.
 *
 * <p>Instances are immutable; the static methods run Spark jobs and are safe to call from one
 * driver thread at a time per input.
 */
final class HaloTiles {

    private HaloTiles() {
    }

    /**
     * One building in the working CRS: its id, its WKB, its envelope, an optional height (NaN
     * when missing) and whether it was repaired on reading.
     */
    record Building(long id, byte[] wkb, double minX, double minY, double maxX, double maxY,
            double height, boolean repaired) implements Serializable {

        private static final long serialVersionUID = 1L;

        Envelope envelope() {
            return new Envelope(minX, maxX, minY, maxY);
        }

        /** Key of the square tile of side {@code size} holding the envelope's centre. */
        long tile(double size) {
            long tx = (long) Math.floor((minX + maxX) / 2 / size);
            long ty = (long) Math.floor((minY + maxY) / 2 / size);
            if (tx != (int) tx || ty != (int) ty) {
                throw new IllegalArgumentException("tileSize must keep tile numbers within 32 "
                        + "bits, was " + size + " m for id " + id);
            }
            return (tx << 32) | (ty & 0xffffffffL);
        }

        Geometry geometry(WKBReader reader, int srid) {
            try {
                Geometry g = reader.read(wkb);
                g.setSRID(srid);
                return g;
            } catch (ParseException e) {
                throw new IllegalStateException("id " + id + ": WKB written by this module must "
                        + "read back, was not (" + e.getMessage() + ")", e);
            }
        }
    }

    /** A building handed to a tile, and whether the tile owns it. */
    record Member(Building building, boolean owned) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A search box around a tile or a building, and the key of that tile or building. */
    record Box(double minX, double minY, double maxX, double maxY, long key)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        Envelope envelope() {
            return new Envelope(minX, maxX, minY, maxY);
        }
    }

    /** A reader of the WKB this module writes, with the working CRS's SRID. */
    static WKBReader reader(int srid) {
        return new WKBReader(new GeometryFactory(new PrecisionModel(), srid));
    }

    /** The owner tile of each building: its block's, when listed, otherwise its own. */
    interface Owner extends Serializable {
        long of(Building b);
    }

    /**
     * Groups the buildings by tile with a halo: each group holds the tile's owned buildings and
     * its halo, sorted by id.
     */
    static JavaPairRDD<Long, List<Member>> tiles(JavaSparkContext sc, JavaRDD<Building> buildings,
            Owner owner, double halo, int partitions) {
        // The envelope of each tile's owned buildings, grown by the halo: small, one per tile.
        Map<Long, double[]> extents = buildings.mapToPair(b -> new Tuple2<>(owner.of(b),
                new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()}))
                .reduceByKey((a, b) -> new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]),
                    Math.max(a[2], b[2]), Math.max(a[3], b[3])})
                .collectAsMap();
        List<Box> list = new ArrayList<>(extents.size());
        for (Map.Entry<Long, double[]> e : extents.entrySet()) {
            double[] v = e.getValue();
            list.add(new Box(v[0] - halo, v[1] - halo, v[2] + halo, v[3] + halo, e.getKey()));
        }
        Broadcast<List<Box>> shared = sc.broadcast(list);
        FlatMapFunction<Iterator<Building>, Tuple2<Long, Member>> spread = it -> {
            STRtree index = new STRtree();
            for (Box t : shared.value()) {
                index.insert(t.envelope(), t);
            }
            List<Tuple2<Long, Member>> out = new ArrayList<>();
            while (it.hasNext()) {
                Building b = it.next();
                long own = owner.of(b);
                out.add(new Tuple2<>(own, new Member(b, true)));
                @SuppressWarnings("unchecked")
                List<Box> hits = index.query(b.envelope());
                for (Box t : hits) {
                    long tile = t.key();
                    if (tile != own && t.envelope().intersects(b.envelope())) {
                        out.add(new Tuple2<>(tile, new Member(b, false)));
                    }
                }
            }
            return out.iterator();
        };
        return buildings.mapPartitions(spread)
                .mapToPair(t -> t)
                .groupByKey(new HashPartitioner(partitions))
                .mapValues(members -> {
                    List<Member> sorted = new ArrayList<>();
                    members.forEach(sorted::add);
                    sorted.sort(Comparator.comparingLong(m -> m.building().id()));
                    return sorted;
                });
    }

    /**
     * Returns the owner tile of the members of every block of two or more buildings: the tile of
     * the block's smallest id. Blocks are found within each tile (halo: the wall tolerance), then
     * joined on the driver across tiles by union-find over the links found.
     *
     * @param blocks computes the block (smallest position) of each building of a tile's list
     */
    static Map<Long, Long> blockOwners(JavaSparkContext sc, JavaRDD<Building> buildings,
            double tileSize, double wallTolerance, int partitions, BlockFinder blocks) {
        Owner own = b -> b.tile(tileSize);
        List<long[]> links = tiles(sc, buildings, own, wallTolerance, partitions)
                .flatMap(tile -> {
                    List<Member> members = tile._2();
                    int[] root = blocks.blocks(members);
                    List<long[]> out = new ArrayList<>();
                    for (int i = 0; i < root.length; i++) {
                        if (root[i] != i && members.get(i).owned()) {
                            out.add(new long[] {members.get(i).building().id(),
                                members.get(root[i]).building().id(), tile._1()});
                        }
                        if (root[i] == i && members.get(i).owned()) {
                            // A root owned here may head a block: keep its tile.
                            boolean heads = false;
                            for (int j = 0; j < root.length && !heads; j++) {
                                heads = j != i && root[j] == i;
                            }
                            if (heads) {
                                out.add(new long[] {members.get(i).building().id(),
                                    members.get(i).building().id(), tile._1()});
                            }
                        }
                    }
                    return out.iterator();
                }).collect();
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Long> tileOf = new HashMap<>();
        for (long[] l : links) {
            tileOf.put(l[0], l[2]);
            union(parent, l[0], l[1]);
        }
        Map<Long, Long> owners = new HashMap<>();
        for (Long id : parent.keySet()) {
            long rootId = find(parent, id);
            Long tile = tileOf.get(rootId);
            if (tile == null) {
                throw new IllegalStateException("the tile of block head " + rootId
                        + " must be known, was not");
            }
            owners.put(id, tile);
        }
        return owners;
    }

    /** The blocks of a tile's sorted members: the position of each one's block head. */
    interface BlockFinder extends Serializable {
        int[] blocks(List<Member> members);
    }

    private static long find(Map<Long, Long> parent, long id) {
        long r = id;
        Long p;
        while ((p = parent.get(r)) != null && p != r) {
            r = p;
        }
        parent.putIfAbsent(id, id);
        long i = id;
        while (i != r) {
            long next = parent.get(i);
            parent.put(i, r);
            i = next;
        }
        return r;
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        long ra = find(parent, a);
        long rb = find(parent, b);
        if (ra != rb) {
            // The smallest id heads the block.
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }
}
