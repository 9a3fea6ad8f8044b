package fr.territoires.ia.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;

class GeoJsonTest {

    @TempDir
    Path dir;

    private static final String LAMBERT = """
            {"type":"FeatureCollection","name":"t",
             "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},
             "features":[
              {"type":"Feature","properties":{"id":"BATI1","hauteur":12.50,"nature":null,
                "tags":{"a":[1,2]}},
               "geometry":{"type":"Polygon","coordinates":[[[630000.1,6360000.2],
                 [630010.1,6360000.2],[630010.1,6360010.2],[630000.1,6360010.2],
                 [630000.1,6360000.2]]]}},
              {"type":"Feature","properties":{"id":"BATI2"},
               "geometry":{"type":"MultiPolygon","coordinates":[[[[630100,6360000],
                 [630110,6360000],[630110,6360010],[630100,6360000]]],
                 [[[630200,6360000],[630210,6360000],[630210,6360010],[630200,6360000]]]]}}
             ]}
            """;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void read_legacyCrs2154_keepsCoordinatesAndProperties() throws IOException {
        FeatureCollection fc = GeoJson.read(file("l93.geojson", LAMBERT));
        assertEquals("EPSG:2154", fc.sourceCrs());
        assertEquals("EPSG:2154", fc.crs());
        assertEquals(2, fc.features().size());
        Feature a = fc.features().get(0);
        assertEquals(2154, a.geometry().getSRID());
        assertEquals(new Coordinate(630000.1, 6360000.2), a.geometry().getCoordinates()[0]);
        assertEquals(100.0, a.geometry().getArea(), 1e-6); // 10 m x 10 m
        assertEquals(List.of("id", "hauteur", "nature", "tags"), List.copyOf(a.properties().keySet()));
        assertEquals("12.50", a.properties().get("hauteur").decimalValue().toPlainString());
        assertTrue(a.properties().get("nature").isNull());
        assertTrue(fc.features().get(1).geometry() instanceof MultiPolygon);
        assertEquals(1, fc.features().get(1).index());
    }

    @Test
    void write_roundTrip2154_givesSameGeometriesAndProperties() throws IOException {
        FeatureCollection fc = GeoJson.read(file("l93.geojson", LAMBERT));
        List<Feature> out = new ArrayList<>();
        for (Feature f : fc.features()) {
            out.add(f.withProperty("predicted_label", "indifferencie").withProperty("confidence",
                    0.75));
        }
        Path written = dir.resolve("out.geojson");
        GeoJson.write(written, out);
        String text = Files.readString(written);
        assertTrue(text.contains("urn:ogc:def:crs:EPSG::2154"), text);
        FeatureCollection back = GeoJson.read(written);
        for (int i = 0; i < 2; i++) {
            assertTrue(back.features().get(i).geometry().equalsExact(
                    fc.features().get(i).geometry()));
        }
        assertEquals("indifferencie",
                back.features().get(0).properties().get("predicted_label").asText());
        assertEquals(0.75, back.features().get(0).properties().get("confidence").doubleValue());
        assertTrue(Files.readString(written).contains("\"hauteur\":12.50"));
        assertEquals(fc.features().get(0).properties().get("tags"),
                back.features().get(0).properties().get("tags"));
    }

    @Test
    void read_wgs84_reprojectsToLambert93AndWritesBackWithin1e7Degrees() throws IOException {
        // (3 E, 46.5 N) is the origin of Lambert-93: (700 000, 6 600 000) exactly.
        String json = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                 "geometry":{"type":"Polygon","coordinates":[[[3.0,46.5],[3.0001,46.5],
                 [3.0001,46.5001],[3.0,46.5001],[3.0,46.5]]]}}]}
                """;
        FeatureCollection fc = GeoJson.read(file("wgs.geojson", json));
        assertEquals("OGC:CRS84", fc.sourceCrs());
        Coordinate origin = fc.features().get(0).geometry().getCoordinates()[0];
        assertEquals(700_000.0, origin.x, 1e-3);
        assertEquals(6_600_000.0, origin.y, 1e-3);
        // about 7.67 m (0.0001 deg of longitude at 46.5 N) by 11.12 m: ~85 m2
        double area = fc.features().get(0).geometry().getArea();
        assertTrue(area > 84 && area < 87, "area " + area);
        Path written = dir.resolve("wgs-out.geojson");
        GeoJson.write(written, fc);
        assertFalse(Files.readString(written).contains("\"crs\""));
        FeatureCollection back = GeoJson.read(written);
        assertEquals("OGC:CRS84", back.sourceCrs());
        // compare the written degrees with the input degrees
        String text = Files.readString(written);
        com.fasterxml.jackson.databind.JsonNode ring = new com.fasterxml.jackson.databind
                .ObjectMapper().readTree(text).at("/features/0/geometry/coordinates/0");
        double[][] expected = {{3.0, 46.5}, {3.0001, 46.5}, {3.0001, 46.5001}, {3.0, 46.5001},
            {3.0, 46.5}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], ring.get(i).get(0).doubleValue(), 1e-7);
            assertEquals(expected[i][1], ring.get(i).get(1).doubleValue(), 1e-7);
        }
    }

    @Test
    void read_invalidJson_throwsWithPosition() throws IOException {
        Path p = file("bad.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(p));
        assertTrue(e.getMessage().contains("invalid JSON at line 1"), e.getMessage());
    }

    @Test
    void read_pointGeometry_throwsNamingFeatureIndex() throws IOException {
        String json = LAMBERT.replace("\"type\":\"MultiPolygon\"", "\"type\":\"Point\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(file("point.geojson", json)));
        assertTrue(e.getMessage().contains(
                "features[1].geometry must be a Polygon or MultiPolygon, was Point"),
                e.getMessage());
    }

    @Test
    void read_unknownCrs_throwsNamingCrs() throws IOException {
        String json = LAMBERT.replace("EPSG::2154", "EPSG::999999");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(file("crs.geojson", json)));
        assertTrue(e.getMessage().contains("crs must be a CRS known to proj4j, was "
                + "\"urn:ogc:def:crs:EPSG::999999\""), e.getMessage());
        String other = LAMBERT.replace("urn:ogc:def:crs:EPSG::2154", "my-own-crs");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(file("crs2.geojson", other)));
        assertTrue(e2.getMessage().contains("crs must name an EPSG code"), e2.getMessage());
    }

    @Test
    void read_unclosedRing_throwsNamingFeatureAndRing() throws IOException {
        String json = LAMBERT.replace("[630000.1,6360000.2]]]}}", "[630000.1,6360005.2]]]}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(file("open.geojson", json)));
        assertTrue(e.getMessage().contains("features[0].geometry.coordinates[0] must be closed"),
                e.getMessage());
    }

    @Test
    void read_selfIntersectingPolygon_isRepairedAndReported() throws IOException {
        String json = """
                {"type":"FeatureCollection",
                 "crs":{"type":"name","properties":{"name":"EPSG:2154"}},
                 "features":[{"type":"Feature","properties":{"id":1},
                 "geometry":{"type":"Polygon","coordinates":[[[700000,6600000],[700010,6600010],
                 [700010,6600000],[700000,6600010],[700000,6600000]]]}}]}
                """;
        FeatureCollection fc = GeoJson.read(file("bowtie.geojson", json));
        assertEquals(List.of(0), fc.repaired());
        assertTrue(fc.features().get(0).geometry().isValid());
        // the bow tie repairs to two triangles of 25 m2 each
        assertEquals(50.0, fc.features().get(0).geometry().getArea(), 1e-9);
    }

    @Test
    void read_degreesLabelledLambert93_orLambert93WithoutCrs_refusedNamingFeature() throws IOException {
        String degrees = """
                {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},
                 "features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
                 "coordinates":[[[4.83,45.76],[4.8302,45.76],[4.8302,45.7601],[4.83,45.76]]]}}]}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(file("degrees.geojson", degrees)));
        assertTrue(e.getMessage().contains("features[0].geometry must lie in the area of use of Lambert-93"),
                e.getMessage());
        String metres = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                 "geometry":{"type":"Polygon","coordinates":[[[700000,6600000],[700010,6600000],
                 [700010,6600010],[700000,6600000]]]}}]}
                """;
        e = assertThrows(IllegalArgumentException.class, () -> GeoJson.read(file("metres.geojson", metres)));
        assertTrue(e.getMessage().contains("features[0].geometry must have longitude in [-180, 180]"),
                e.getMessage());
        String swapped = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                 "geometry":{"type":"Polygon","coordinates":[[[45.76,4.83],[45.76,4.8302],
                 [45.7601,4.8302],[45.76,4.83]]]}}]}
                """;
        e = assertThrows(IllegalArgumentException.class, () -> GeoJson.read(file("swapped.geojson", swapped)));
        assertTrue(e.getMessage().contains("area of use of Lambert-93"), e.getMessage());
    }

    @Test
    void stream_crsAfterFeatures_throws() throws IOException {
        String json = """
                {"type":"FeatureCollection","features":[],
                 "crs":{"type":"name","properties":{"name":"EPSG:2154"}}}
                """;
        Path p = file("late.geojson", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.stream(p, "EPSG:2154", f -> { }));
        assertTrue(e.getMessage().contains("crs member must come before the features"));
        assertEquals("EPSG:2154", GeoJson.read(p).sourceCrs());
    }

    @Test
    void stream_lambertFile_handsOverEachFeature() throws IOException {
        List<Integer> seen = new ArrayList<>();
        GeoJson.StreamSummary s = GeoJson.stream(file("l93.geojson", LAMBERT), "EPSG:2154",
                f -> seen.add(f.index()));
        assertEquals(List.of(0, 1), seen);
        assertEquals(2, s.count());
        assertEquals("EPSG:2154", s.sourceCrs());
    }

    @Test
    void read_geographicTarget_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.read(dir.resolve("none.geojson"), "EPSG:4326"));
        assertTrue(e.getMessage().contains("targetCrs must be a projected CRS in metres"));
    }

    @Test
    void geometries_wkbAndGeoJson_readAsTheFileReaderDoes() throws IOException,
            org.locationtech.jts.io.ParseException {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[2.57,44.35],[2.5701,44.35],"
                + "[2.5701,44.3501],[2.57,44.3501],[2.57,44.35]]]}";
        Path file = dir.resolve("one.geojson");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"properties\":{},\"geometry\":" + polygon + "}]}",
                StandardCharsets.UTF_8);
        org.locationtech.jts.geom.Geometry expected = GeoJson.read(file).features().get(0)
                .geometry();
        GeoJson.Geometries reader = new GeoJson.Geometries("OGC:CRS84", GeoJson.DEFAULT_CRS);
        GeoJson.Geometries.Read fromJson = reader.fromGeoJson(polygon, "id 4");
        assertTrue(expected.equalsExact(fromJson.geometry()));
        assertEquals(2154, fromJson.geometry().getSRID());
        assertFalse(fromJson.repaired());
        byte[] wkb = new org.locationtech.jts.io.WKBWriter().write(new org.locationtech.jts.io
                .geojson.GeoJsonReader().read(polygon));
        assertTrue(expected.equalsExact(reader.fromWkb(wkb, "id 4").geometry()));
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[2.57,44.35],[2.5701,44.3501],"
                + "[2.5701,44.35],[2.57,44.3501],[2.57,44.35]]]}";
        assertTrue(reader.fromGeoJson(bowtie, "id 5").repaired());
    }

    @Test
    void geometries_badInput_throwsNamingWhereAndRule() {
        GeoJson.Geometries reader = new GeoJson.Geometries("EPSG:2154", GeoJson.DEFAULT_CRS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader.fromGeoJson("{\"type\":\"Point\",\"coordinates\":[1,2]}", "id 9"));
        assertTrue(e.getMessage().startsWith("id 9") && e.getMessage().contains("Polygon"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reader.fromGeoJson("{", "id 9"));
        assertTrue(e.getMessage().startsWith("id 9: geometry must be GeoJSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> reader.fromWkb(new byte[] {0, 0, 0}, "id 10"));
        assertTrue(e.getMessage().startsWith("id 10: geometry must be WKB"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GeoJson.Geometries("EPSG:0", GeoJson.DEFAULT_CRS));
        assertTrue(e.getMessage().startsWith("sourceCrs"), e.getMessage());
    }

    @Test
    void read_leadingZeroBytes_refusedAsNotUtf8NamingTheFile() throws IOException {
        // Found by fuzzing: leading zero bytes make Jackson guess UTF-32, whose decoder then threw
        // a bare CharConversionException instead of the reader's error naming the file.
        byte[] json = "{\"type\": \"FeatureCollection\", \"features\": []}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[26 + json.length];
        System.arraycopy(json, 0, bytes, 26, json.length);
        Path file = dir.resolve("zeros.geojson");
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeoJson.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        List<Feature> streamed = new ArrayList<>();
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.stream(file, GeoJson.DEFAULT_CRS, streamed::add));
        assertTrue(s.getMessage().startsWith(file + ": "), s.getMessage());
    }
}
