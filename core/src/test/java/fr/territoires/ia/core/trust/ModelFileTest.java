package fr.territoires.ia.core.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static final String KIND = "anomaly.seasonal-baseline";
    private static final byte[] PAYLOAD = "{\"mean\":[1.5,2.5]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static ModelFile sample() {
        return ModelFile.of(KIND, 3, ModelFile.Encoding.JSON, ModelCardTest.fullCard(), PAYLOAD);
    }

    private Path saved() throws IOException {
        Path path = dir.resolve("model.tia");
        sample().save(path);
        return path;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return path;
    }

    private static IllegalArgumentException loadFails(Path path) {
        return assertThrows(IllegalArgumentException.class, () -> ModelFile.load(path));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void load_savedFile_returnsSameKindCardPayloadAndSha() throws Exception {
        ModelFile original = sample();
        Path path = saved();
        ModelFile loaded = ModelFile.load(path, KIND);
        assertEquals(KIND, loaded.kind());
        assertEquals(3, loaded.kindVersion());
        assertEquals(ModelFile.Encoding.JSON, loaded.encoding());
        assertEquals(ModelFile.libraryVersion(), loaded.library());
        assertEquals(ModelCardTest.fullCard(), loaded.card());
        assertArrayEquals(PAYLOAD, loaded.payload());
        assertEquals(original.sha256(), loaded.sha256());
        assertEquals(original, loaded);
        assertEquals(original.hashCode(), loaded.hashCode());

        // The checksum is the SHA-256 of card JSON bytes followed by the payload.
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(original.card().toJson().getBytes(StandardCharsets.UTF_8));
        md.update(PAYLOAD);
        assertEquals(HexFormat.of().formatHex(md.digest()), loaded.sha256());
    }

    @Test
    void save_sample_writesDocumentedLayout() throws IOException {
        ModelFile file = sample();
        byte[] card = file.card().toJson().getBytes(StandardCharsets.UTF_8);
        String expected = "TERRITOIRES-IA-MODEL 1\n"
                + "{\"kind\":\"anomaly.seasonal-baseline\",\"kindVersion\":3,\"encoding\":\"json\","
                + "\"library\":\"" + ModelFile.libraryVersion() + "\",\"cardLength\":" + card.length
                + ",\"payloadLength\":" + PAYLOAD.length + ",\"sha256\":\"" + file.sha256() + "\"}\n";
        byte[] bytes = Files.readAllBytes(saved());
        assertArrayEquals(concat(ascii(expected), card, PAYLOAD), bytes);
    }

    @Test
    void read_streamWithSourceName_roundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sample().write(out);
        ModelFile back = ModelFile.read(new ByteArrayInputStream(out.toByteArray()), "memory");
        assertEquals(sample(), back);
    }

    @Test
    void payload_mutatedArrays_doNotChangeFile() {
        byte[] input = PAYLOAD.clone();
        ModelFile file = ModelFile.of(KIND, 1, ModelFile.Encoding.JSON,
                ModelCard.builder("m").build(), input);
        input[0] = 'X';
        file.payload()[1] = 'Y';
        assertArrayEquals(PAYLOAD, file.payload());
    }

    @Test
    void save_existingFile_isReplaced() throws IOException {
        Path path = saved();
        ModelFile other = ModelFile.of("other.kind", 1, ModelFile.Encoding.TRIBUO_PROTOBUF,
                ModelCard.builder("m").build(), new byte[] {1, 2, 3});
        other.save(path);
        assertEquals(other, ModelFile.load(path));
    }

    @Test
    void save_missingFolder_throwsIOExceptionAndLeavesNothing() throws IOException {
        Path missing = dir.resolve("absent").resolve("model.tia");
        assertThrows(IOException.class, () -> sample().save(missing));
        assertFalse(Files.exists(missing.getParent()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    // ---------------------------------------------------------------- argument checks

    @Test
    void of_malformedKind_throwsWithValue() {
        for (String kind : List.of("Anomaly", "a..b", "-a", "a.", "", "a b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.of(kind, 1, ModelFile.Encoding.JSON,
                            ModelCard.builder("m").build(), PAYLOAD));
            assertTrue(e.getMessage().endsWith("was \"" + kind + "\""), e.getMessage());
        }
    }

    @Test
    void of_kindVersionZero_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.of(KIND, 0, ModelFile.Encoding.JSON,
                        ModelCard.builder("m").build(), PAYLOAD));
        assertEquals("kindVersion must be >= 1, was 0", e.getMessage());
    }

    @Test
    void load_otherExpectedKind_namesBothKinds() throws IOException {
        Path path = saved();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.load(path, "forecasting.exceedance"));
        assertEquals(path + " holds a model of kind \"anomaly.seasonal-baseline\", expected"
                + " \"forecasting.exceedance\"", e.getMessage());
    }

    // ---------------------------------------------------------------- foreign and damaged files

    @Test
    void load_pngFile_isNotAModelFile() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
            'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
        Path path = write("image.png", png);
        assertEquals(path + " is not a Territoires IA model file (no TERRITOIRES-IA-MODEL header)",
                loadFails(path).getMessage());
    }

    @Test
    void load_javaSerialisedStream_isNotAModelFileAndIsNeverDeserialised() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("TERRITOIRES-IA-MODEL 1")));
        }
        Path path = write("model.ser", bytes.toByteArray());
        String message = loadFails(path).getMessage();
        assertTrue(message.startsWith(path
                + " is not a Territoires IA model file (no TERRITOIRES-IA-MODEL header)"), message);
        assertTrue(message.contains("Java-serialised"), message);
    }

    @Test
    void load_emptyFile_isNotAModelFile() throws IOException {
        Path path = write("empty.tia", new byte[0]);
        assertTrue(loadFails(path).getMessage().contains("is not a Territoires IA model file"));
    }

    @Test
    void load_newerFormatVersion_asksToUpgrade() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        byte[] newer = good.clone();
        newer["TERRITOIRES-IA-MODEL ".length()] = '2';
        Path path = write("newer.tia", newer);
        assertEquals(path + " uses model-file format 2; this library reads format 1: upgrade"
                + " territoires-ia", loadFails(path).getMessage());
    }

    @Test
    void load_garbledFormatLine_throws() throws IOException {
        Path path = write("garbled.tia", ascii("TERRITOIRES-IA-MODEL x1\n{}\n"));
        assertEquals(path + " has an invalid format line: \"TERRITOIRES-IA-MODEL x1\"",
                loadFails(path).getMessage());
    }

    @Test
    void load_truncatedBody_givesBytesFoundAndExpected() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        Path path = write("cut.tia", Arrays.copyOf(good, good.length - 5));
        int body = sample().card().toJson().getBytes(StandardCharsets.UTF_8).length + PAYLOAD.length;
        assertEquals(path + " is truncated: body has " + (body - 5) + " of " + body + " bytes",
                loadFails(path).getMessage());
    }

    @Test
    void load_truncatedInsideHeader_throws() throws IOException {
        Path path = write("cut.tia", ascii("TERRITOIRES-IA-MODEL 1\n{\"kind\":"));
        assertEquals(path + " is truncated: header line has no line end",
                loadFails(path).getMessage());
    }

    @Test
    void load_flippedPayloadByte_isCorrupted() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        bytes[bytes.length - 3] ^= 0x01;
        Path path = write("flipped.tia", bytes);
        String message = loadFails(path).getMessage();
        assertTrue(message.startsWith(path + " is corrupted: SHA-256"), message);
        assertTrue(message.endsWith("does not match " + sample().sha256() + " in the header"),
                message);
    }

    @Test
    void load_trailingBytes_throws() throws IOException {
        byte[] bytes = concat(Files.readAllBytes(saved()), new byte[] {'\n'});
        Path path = write("trailing.tia", bytes);
        int body = sample().card().toJson().getBytes(StandardCharsets.UTF_8).length + PAYLOAD.length;
        assertEquals(path + " has trailing bytes after its " + body + "-byte body",
                loadFails(path).getMessage());
    }

    @Test
    void load_headerNotJson_throws() throws IOException {
        Path path = write("bad.tia", ascii("TERRITOIRES-IA-MODEL 1\n{kind: x}\n"));
        String message = loadFails(path).getMessage();
        assertTrue(message.startsWith(path + ": header is not valid JSON"), message);
    }

    @Test
    void load_headerWithoutSha_namesField() throws IOException {
        Path path = write("nosha.tia", ascii("TERRITOIRES-IA-MODEL 1\n{\"kind\":\"a\","
                + "\"kindVersion\":1,\"encoding\":\"json\",\"library\":\"dev\",\"cardLength\":0,"
                + "\"payloadLength\":0}\n"));
        assertEquals(path + ": header field sha256 must be present, was missing",
                loadFails(path).getMessage());
    }

    @Test
    void load_headerUnknownEncoding_namesValue() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        String text = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("\"encoding\":\"json\"", "\"encoding\":\"pickle\"");
        Path path = write("pickle.tia", text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(path + ": header field encoding must be \"json\" or \"tribuo-protobuf\","
                + " was \"pickle\"", loadFails(path).getMessage());
    }

    @Test
    void load_negativeLength_namesField() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        String text = new String(bytes, StandardCharsets.ISO_8859_1)
                .replaceFirst("\"payloadLength\":\\d+", "\"payloadLength\":-1");
        Path path = write("negative.tia", text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(path + ": header field payloadLength must be an integer in [0, 2147483639],"
                + " was -1", loadFails(path).getMessage());
    }

    @Test
    void load_headerLongerThan64KiB_throws() throws IOException {
        byte[] header = new byte[70_000];
        Arrays.fill(header, (byte) ' ');
        Path path = write("long.tia", concat(ascii("TERRITOIRES-IA-MODEL 1\n"), header));
        assertEquals(path + ": header line must be at most 65536 bytes, was longer",
                loadFails(path).getMessage());
    }

    @Test
    void load_validChecksumOverInvalidCard_namesCardField() throws IOException {
        byte[] card = ascii("{\"modelCardFormat\": 1}");
        ModelFile donor = ModelFile.of(KIND, 1, ModelFile.Encoding.JSON,
                ModelCard.builder("m").build(), new byte[0]);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        String sha = HexFormat.of().formatHex(md.digest(card));
        String header = "{\"kind\":\"" + donor.kind() + "\",\"kindVersion\":1,\"encoding\":\"json\","
                + "\"library\":\"dev\",\"cardLength\":" + card.length
                + ",\"payloadLength\":0,\"sha256\":\"" + sha + "\"}\n";
        Path path = write("card.tia", concat(ascii("TERRITOIRES-IA-MODEL 1\n" + header), card));
        assertEquals(path + ": invalid model card: details must be present, was missing",
                loadFails(path).getMessage());
    }

    @Test
    void loadWithDecoder_decoderRefusesOrKindDiffers_messageStartsWithTheFile() throws IOException {
        Path path = dir.resolve("decoded.tiam");
        sample().save(path);
        Integer length = ModelFile.load(path, KIND, f -> f.payload().length);
        assertEquals(PAYLOAD.length, length.intValue());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.load(path, KIND, f -> {
                    throw new IllegalArgumentException(KIND + " payload field trees: must be >= 1, was 0");
                }));
        assertEquals(path + ": " + KIND + " payload field trees: must be >= 1, was 0", refused.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.load(path, "other.kind", f -> 1));
        assertTrue(other.getMessage().startsWith(path + " holds a model of kind"), other.getMessage());
    }
}
