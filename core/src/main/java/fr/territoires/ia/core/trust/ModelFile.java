package fr.territoires.ia.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fitted model saved as one documented, versioned, checksummed file that is never read through
 * Java deserialisation.
 *
 * <p><b>File format, version 1.</b> A model file is, byte for byte:
 * <ol>
 *   <li>the ASCII line {@code TERRITOIRES-IA-MODEL 1} ended by {@code \n} (magic and format
 *       version);</li>
 *   <li>a header: one line of UTF-8 JSON ended by {@code \n}, at most 65,536 bytes without the
 *       {@code \n}, with the fields
 *       <pre>{@code
 * {"kind":"anomaly.seasonal-baseline","kindVersion":1,"encoding":"json","library":"0.1.0",
 *  "cardLength":C,"payloadLength":P,"sha256":"<64 lower-case hex digits>"}
 * }</pre>
 *       where {@code kind} names the model type ({@code [a-z0-9]+([.-][a-z0-9]+)*}, at most 128
 *       characters), {@code kindVersion} (&ge; 1) the version of that type's payload layout,
 *       {@code encoding} the payload encoding ({@code "json"} or {@code "tribuo-protobuf"}),
 *       {@code library} the version of Territoires IA that wrote the file, {@code cardLength} and
 *       {@code payloadLength} the byte lengths of the two body parts and {@code sha256} the SHA-256
 *       of the whole body (card then payload). Writers emit the fields in this order; readers
 *       require all of them and ignore unknown ones;</li>
 *   <li>the body: {@code C} bytes of the {@link ModelCard} as UTF-8 JSON ({@link ModelCard#toJson()}),
 *       then {@code P} bytes of payload, then nothing.</li>
 * </ol>
 * The payload is opaque here: the class that owns the kind writes and reads it (JSON for the
 * library's own models; Tribuo's protobuf, through
 * {@code fr.territoires.ia.core.tribuo.TribuoModels}, for Tribuo models). The body is at most
 * {@value #MAX_BODY_BYTES} bytes.
 *
 * <p><b>Errors.</b> Reading fails with {@link IllegalArgumentException}, naming the file, when the
 * file is not a model file (a PNG, a Java-serialised stream, an empty file), uses a newer format
 * version, has a header that is too long, not JSON or missing a field, is truncated, has bytes
 * after the body, fails the SHA-256 check, or holds an invalid card. {@link IOException} is kept
 * for I/O failures. The SHA-256 detects accidental corruption, not tampering: it is not a
 * signature, so load models only from sources you trust.
 *
 * <p><b>The contract of a saved model kind.</b> A fitted model class that saves itself has four
 * methods, with the same meaning for every kind:
 * <ul>
 *   <li>{@code toModelFile()} returns the model as a model file of its kind: its card and a JSON
 *       payload holding everything its outputs need, never Java serialisation. Finite numbers are
 *       written in Java's shortest representation that reads back to the same {@code double}, NaN
 *       and the infinities as the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"}, so a model read back gives its outputs bit for bit as the one written.
 *       The payload layout of each kind, and its version, is documented in the project's source by
 *       the class that writes it;</li>
 *   <li>{@code fromModelFile(ModelFile)} reads a model back. It refuses, with
 *       {@link IllegalArgumentException}, a file of another kind ({@code model file kind must be
 *       "<kind>", was "<other>"}), a newer version of the kind's payload layout, another encoding
 *       than JSON, and a payload that is not the layout (a field missing or of the wrong type,
 *       arrays of disagreeing lengths, a value out of range), the message then naming the field by
 *       its dotted path from the payload's root: {@code "<kind> payload field <path> <rule>"}, such
 *       as {@code anomaly.isolation-forest payload field medians must hold 3 numbers, was 4};</li>
 *   <li>{@code save(Path)} writes {@code toModelFile()} with {@link #save(Path)}, atomically;</li>
 *   <li>{@code load(Path)} reads a file saved so, through {@link #load(Path, String,
 *       java.util.function.Function)}: every error of {@link #load(Path)} and of
 *       {@code fromModelFile} is an {@link IllegalArgumentException} whose message starts with the
 *       file name; {@link IOException} is kept for I/O failures.</li>
 * </ul>
 * Reading a damaged payload either refuses it as above or returns a model whose outputs are
 * valid; it never fails with another exception.
 *
 * <p>Instances are immutable and safe for concurrent use.
 *
 * @since 0.1.0
 */
public final class ModelFile {

    /** The magic word opening every model file. */
    public static final String MAGIC = "TERRITOIRES-IA-MODEL";

    /** The model-file format version written and read by this library. */
    public static final int FORMAT_VERSION = 1;

    /** Largest header line, in bytes, without its {@code \n}. */
    public static final int MAX_HEADER_BYTES = 65_536;

    /** Largest body (card plus payload), in bytes. */
    public static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Encoding of the payload, written in the header's {@code encoding} field.
     *
     * <p>Instances are immutable and safe for concurrent use.
     *
     * @since 0.1.0
     */
    public enum Encoding {
        /** UTF-8 JSON, header value {@code "json"}. */
        JSON("json"),
        /** A Tribuo {@code ModelProto} message, header value {@code "tribuo-protobuf"}. */
        TRIBUO_PROTOBUF("tribuo-protobuf");

        private final String id;

        Encoding(String id) {
            this.id = id;
        }

        /**
         * Returns the value written in the header.
         *
         * @return {@code "json"} or {@code "tribuo-protobuf"}
         */
        public String id() {
            return id;
        }

        static Encoding ofId(String id) {
            for (Encoding e : values()) {
                if (e.id.equals(id)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(
                    "encoding must be \"json\" or \"tribuo-protobuf\", was \"" + id + "\"");
        }
    }

    private static final Pattern KIND = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final int MAX_KIND_LENGTH = 128;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] MAGIC_PREFIX = (MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_VERSION_DIGITS = 9;
    private static final String LIBRARY_VERSION = findLibraryVersion();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String kind;
    private final int kindVersion;
    private final Encoding encoding;
    private final String library;
    private final ModelCard card;
    private final byte[] cardJson;
    private final byte[] payload;
    private final String sha256;

    private ModelFile(String kind, int kindVersion, Encoding encoding, String library,
            ModelCard card, byte[] cardJson, byte[] payload, String sha256) {
        this.kind = kind;
        this.kindVersion = kindVersion;
        this.encoding = encoding;
        this.library = library;
        this.card = card;
        this.cardJson = cardJson;
        this.payload = payload;
        this.sha256 = sha256;
    }

    /**
     * Creates a model file for the running library version.
     *
     * @param kind model type, {@code [a-z0-9]+([.-][a-z0-9]+)*}, at most 128 characters, e.g.
     *     {@code "anomaly.seasonal-baseline"}
     * @param kindVersion version of that type's payload layout; &ge; 1
     * @param encoding payload encoding
     * @param card the model's card
     * @param payload the model's bytes; copied
     * @return the model file
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the kind is malformed, {@code kindVersion < 1} or the
     *     body would exceed {@value #MAX_BODY_BYTES} bytes
     */
    public static ModelFile of(String kind, int kindVersion, Encoding encoding, ModelCard card,
            byte[] payload) {
        checkKind(kind, "kind");
        if (kindVersion < 1) {
            throw new IllegalArgumentException("kindVersion must be >= 1, was " + kindVersion);
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(payload, "payload");
        byte[] cardJson = card.toJson().getBytes(StandardCharsets.UTF_8);
        if ((long) cardJson.length + payload.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body must be <= " + MAX_BODY_BYTES
                    + " bytes, was " + ((long) cardJson.length + payload.length));
        }
        byte[] copy = payload.clone();
        return new ModelFile(kind, kindVersion, encoding, LIBRARY_VERSION, card, cardJson, copy,
                sha256(cardJson, copy));
    }

    /**
     * Returns the version of Territoires IA on the class path: the {@code Implementation-Version}
     * entry of the jar's manifest, or {@code "dev"} when running from classes without a jar.
     *
     * @return the library version, never empty
     */
    public static String libraryVersion() {
        return LIBRARY_VERSION;
    }

    private static String findLibraryVersion() {
        Package p = ModelFile.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /**
     * Returns the model type.
     *
     * @return the kind, e.g. {@code "anomaly.seasonal-baseline"}
     */
    public String kind() {
        return kind;
    }

    /**
     * Returns the version of the payload layout of this kind.
     *
     * @return a version &ge; 1
     */
    public int kindVersion() {
        return kindVersion;
    }

    /**
     * Returns the payload encoding.
     *
     * @return the encoding
     */
    public Encoding encoding() {
        return encoding;
    }

    /**
     * Returns the version of Territoires IA that wrote the file (the running one for a file made
     * with {@link #of}).
     *
     * @return the {@code library} header field
     */
    public String library() {
        return library;
    }

    /**
     * Returns the model card.
     *
     * @return the card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * Returns a copy of the payload.
     *
     * @return the payload bytes, a fresh array on each call
     */
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * Returns the SHA-256 of the body (card JSON bytes then payload).
     *
     * @return 64 lower-case hex digits
     */
    public String sha256() {
        return sha256;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Saves the file atomically: a reader sees either the old file or the whole new one.
     *
     * @param path file to create or replace; its folder must exist
     * @throws NullPointerException when {@code path} is null
     * @throws IOException when the folder is missing or writing fails; the target is then unchanged
     */
    public void save(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        AtomicFiles.write(path, this::write);
    }

    /**
     * Writes the file to a stream, in the format described in the class comment.
     *
     * @param out destination; not closed
     * @throws NullPointerException when {@code out} is null
     * @throws IOException when writing fails
     */
    public void write(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write((MAGIC + " " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(headerLine());
        out.write('\n');
        out.write(cardJson);
        out.write(payload);
        out.flush();
    }

    private byte[] headerLine() {
        ObjectNode h = MAPPER.createObjectNode();
        h.put("kind", kind);
        h.put("kindVersion", kindVersion);
        h.put("encoding", encoding.id());
        h.put("library", library);
        h.put("cardLength", cardJson.length);
        h.put("payloadLength", payload.length);
        h.put("sha256", sha256);
        try {
            // Compact output: JSON escapes control characters, so this is one line.
            return MAPPER.writeValueAsBytes(h);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write model file header", e);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Loads a model file of any kind.
     *
     * @param path file to read
     * @return the model file
     * @throws NullPointerException when {@code path} is null
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file is not a valid model file (see the class
     *     comment); the message names the file
     */
    public static ModelFile load(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, path.toString());
        }
    }

    /**
     * Loads a model file and checks its kind.
     *
     * @param path file to read
     * @param expectedKind the kind the caller can decode
     * @return the model file
     * @throws NullPointerException when an argument is null
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when {@code expectedKind} is malformed, the file is not a
     *     valid model file, or it holds another kind; the message names the file and both kinds
     */
    public static ModelFile load(Path path, String expectedKind) throws IOException {
        checkKind(expectedKind, "expectedKind");
        ModelFile file = load(path);
        if (!file.kind.equals(expectedKind)) {
            throw new IllegalArgumentException(path + " holds a model of kind \"" + file.kind
                    + "\", expected \"" + expectedKind + "\"");
        }
        return file;
    }

    /**
     * Loads a model file of one kind and decodes it with the decoder of its owner, as the
     * {@code load(Path)} method of each model class does.
     *
     * @param <T> the model type
     * @param path file to read
     * @param expectedKind the kind the decoder reads
     * @param decoder turns the model file into the model, throwing {@link IllegalArgumentException}
     *     when its payload is not the kind's layout
     * @return the model
     * @throws NullPointerException when an argument is null
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file is not a valid model file of that kind or the
     *     decoder refuses it; the message starts with the file name
     * @since 0.3.0
     */
    public static <T> T load(Path path, String expectedKind, java.util.function.Function<ModelFile, T> decoder)
            throws IOException {
        Objects.requireNonNull(decoder, "decoder");
        ModelFile file = load(path, expectedKind);
        try {
            return decoder.apply(file);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith(path.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + m, e);
        }
    }

    /**
     * Reads a model file from a stream, up to its end.
     *
     * @param in source, read to its end; not closed
     * @param sourceName name of the source for error messages, e.g. a file name
     * @return the model file
     * @throws NullPointerException when an argument is null
     * @throws IOException when reading the stream fails
     * @throws IllegalArgumentException when the bytes are not a valid model file (see the class
     *     comment); the message starts with {@code sourceName}
     */
    public static ModelFile read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        String src = sourceName;

        byte[] prefix = in.readNBytes(MAGIC_PREFIX.length);
        if (!Arrays.equals(prefix, MAGIC_PREFIX)) {
            String hint = prefix.length >= 2 && (prefix[0] & 0xff) == 0xac && (prefix[1] & 0xff) == 0xed
                    ? "; it looks like a Java-serialised object, which this library never reads"
                    : "";
            throw new IllegalArgumentException(src + " is not a Territoires IA model file (no "
                    + MAGIC + " header)" + hint);
        }
        String versionText = ascii(readLine(in, MAX_VERSION_DIGITS, src, "format line"));
        if (!versionText.matches("[0-9]+")) {
            throw new IllegalArgumentException(src + " has an invalid format line: \"" + MAGIC
                    + " " + versionText + "\"");
        }
        int version = Integer.parseInt(versionText);
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException(src + " uses model-file format " + version
                    + "; this library reads format " + FORMAT_VERSION + ": upgrade territoires-ia");
        }
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(src + " has an invalid format line: \"" + MAGIC
                    + " " + versionText + "\"");
        }

        byte[] headerBytes = readLine(in, MAX_HEADER_BYTES, src, "header line");
        JsonNode header;
        try {
            header = MAPPER.readTree(utf8(headerBytes, src, "header"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    src + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException(src + ": header must be a JSON object, was "
                    + (header == null ? "empty" : shorten(header.toString())));
        }
        String kind = headerText(header, "kind", src);
        try {
            checkKind(kind, "kind");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(src + ": header field " + e.getMessage(), e);
        }
        long kindVersion = headerLong(header, "kindVersion", 1, Integer.MAX_VALUE, src);
        String encodingId = headerText(header, "encoding", src);
        Encoding encoding;
        try {
            encoding = Encoding.ofId(encodingId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(src + ": header field " + e.getMessage(), e);
        }
        String library = headerText(header, "library", src);
        long cardLength = headerLong(header, "cardLength", 0, MAX_BODY_BYTES, src);
        long payloadLength = headerLong(header, "payloadLength", 0, MAX_BODY_BYTES, src);
        String expectedSha = headerText(header, "sha256", src);
        if (!SHA256_HEX.matcher(expectedSha).matches()) {
            throw new IllegalArgumentException(src + ": header field sha256 must be 64 lower-case"
                    + " hex digits, was \"" + shorten(expectedSha) + "\"");
        }
        long bodyLength = cardLength + payloadLength;
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(src + ": body must be <= " + MAX_BODY_BYTES
                    + " bytes, was " + bodyLength);
        }

        // readNBytes grows its buffer as bytes arrive, so a lying header cannot force a huge
        // allocation before the data is there.
        byte[] body = in.readNBytes((int) bodyLength);
        if (body.length < bodyLength) {
            throw new IllegalArgumentException(src + " is truncated: body has " + body.length
                    + " of " + bodyLength + " bytes");
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException(src + " has trailing bytes after its "
                    + bodyLength + "-byte body");
        }
        byte[] cardJson = Arrays.copyOfRange(body, 0, (int) cardLength);
        byte[] payload = Arrays.copyOfRange(body, (int) cardLength, body.length);
        String actualSha = sha256(cardJson, payload);
        if (!actualSha.equals(expectedSha)) {
            throw new IllegalArgumentException(src + " is corrupted: SHA-256 of the body "
                    + actualSha + " does not match " + expectedSha + " in the header");
        }
        ModelCard card;
        try {
            card = ModelCard.fromJson(utf8(cardJson, src, "model card"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(src + ": invalid model card: " + e.getMessage(), e);
        }
        return new ModelFile(kind, (int) kindVersion, encoding, library, card, cardJson, payload,
                actualSha);
    }

    private static byte[] readLine(InputStream in, int max, String src, String what)
            throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IllegalArgumentException(src + " is truncated: " + what
                        + " has no line end");
            }
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() == max) {
                throw new IllegalArgumentException(src + ": " + what + " must be at most " + max
                        + " bytes, was longer");
            }
            line.write(b);
        }
    }

    private static String ascii(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return sb.toString();
    }

    private static String utf8(byte[] bytes, String src, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(src + ": " + what + " is not valid UTF-8", e);
        }
    }

    private static String headerText(JsonNode header, String field, String src) {
        JsonNode n = header.get(field);
        if (n == null) {
            throw new IllegalArgumentException(src + ": header field " + field
                    + " must be present, was missing");
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(src + ": header field " + field
                    + " must be a string, was " + shorten(n.toString()));
        }
        return n.textValue();
    }

    private static long headerLong(JsonNode header, String field, long min, long max, String src) {
        JsonNode n = header.get(field);
        if (n == null) {
            throw new IllegalArgumentException(src + ": header field " + field
                    + " must be present, was missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min
                || n.longValue() > max) {
            throw new IllegalArgumentException(src + ": header field " + field
                    + " must be an integer in [" + min + ", " + max + "], was "
                    + shorten(n.toString()));
        }
        return n.longValue();
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static void checkKind(String kind, String name) {
        Objects.requireNonNull(kind, name);
        if (kind.length() > MAX_KIND_LENGTH || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException(name + " must match [a-z0-9]+([.-][a-z0-9]+)* with at"
                    + " most " + MAX_KIND_LENGTH + " characters, was \"" + shorten(kind) + "\"");
        }
    }

    private static String sha256(byte[] first, byte[] second) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(first);
            md.update(second);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    // ---------------------------------------------------------------- value semantics

    /**
     * Compares kind, kind version, encoding, library version, card, payload and checksum.
     *
     * @param o other object
     * @return true when {@code o} is a model file with equal fields
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile f
                && kind.equals(f.kind)
                && kindVersion == f.kindVersion
                && encoding == f.encoding
                && library.equals(f.library)
                && card.equals(f.card)
                && Arrays.equals(payload, f.payload)
                && sha256.equals(f.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, kindVersion, encoding, library, sha256);
    }

    @Override
    public String toString() {
        return "ModelFile[kind=" + kind + ", kindVersion=" + kindVersion + ", encoding="
                + encoding.id() + ", library=" + library + ", card=" + card.name() + ", payload="
                + payload.length + " bytes, sha256=" + sha256 + "]";
    }
}
