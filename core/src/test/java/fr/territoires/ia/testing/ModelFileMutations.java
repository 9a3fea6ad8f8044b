package fr.territoires.ia.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.territoires.ia.core.trust.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Mutations of the JSON payload of a valid {@link ModelFile}, for the tests of a model kind's
 * codec: the codec must refuse a damaged payload with an {@link IllegalArgumentException} whose
 * message names the kind and the field ({@code "<kind> payload field <path> <rule>"}, the form
 * documented in {@link ModelFile}'s model-file contract), or read it into a model that still works.
 *
 * <p>Mutations keep the file's kind, kind version, encoding and card, and change the payload only,
 * so they reach the codec (the whole-file checks of {@link ModelFile#read} pass).
 *
 * <p>Stateless; safe for concurrent use.
 */
public final class ModelFileMutations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bytes written over the payload's: JSON punctuation, digits, and the letters of {@code null}. */
    private static final byte[] ALPHABET = "0123456789-.eE,:[]{}\"nul".getBytes(StandardCharsets.US_ASCII);

    private ModelFileMutations() {
    }

    /**
     * What a run of {@link #randomBytes} saw.
     *
     * @param tried payloads tried
     * @param refused payloads the codec refused (each with a message naming the kind's payload)
     * @param read payloads the codec read (each checked by the caller's check)
     */
    public record Outcome(int tried, int refused, int read) {

        /**
         * Asserts that {@code tries} payloads were tried, each either refused or read, and that
         * more than {@code minRefused} were refused.
         *
         * @param tries payloads expected to have been tried
         * @param minRefused the refusals must be more than this
         */
        public void assertTried(int tries, int minRefused) {
            assertEquals(tries, tried, "payloads tried");
            assertEquals(tried, refused + read, "payloads refused or read");
            assertTrue(refused > minRefused, "refused " + refused);
        }
    }

    /**
     * Tries {@code tries} payloads, each the good one with 1 to 3 bytes overwritten by JSON
     * punctuation, digits or letters of {@code null} at random places (seeded, so the same every
     * run). Each must be refused with an {@link IllegalArgumentException} whose message starts with
     * {@code "<kind> payload"}, or read into a model that passes {@code check}; any other exception
     * fails the test. Prints one line with the counts.
     *
     * @param <T> the model type
     * @param good a valid model file
     * @param tries number of mutated payloads
     * @param seed seed of the mutations
     * @param decoder the kind's codec, such as {@code ExceedanceForecaster::fromModelFile}
     * @param check asserts that a model read from a mutated payload is valid (it scores, forecasts)
     * @return the counts of payloads tried, refused and read
     */
    public static <T> Outcome randomBytes(ModelFile good, int tries, long seed, Function<ModelFile, T> decoder,
            Consumer<? super T> check) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(check, "check");
        byte[] payload = good.payload();
        SplittableRandom rng = new SplittableRandom(seed);
        String prefix = good.kind() + " payload";
        int refused = 0;
        int read = 0;
        for (int i = 0; i < tries; i++) {
            byte[] b = payload.clone();
            for (int k = 0; k < 1 + rng.nextInt(3); k++) {
                b[rng.nextInt(b.length)] = ALPHABET[rng.nextInt(ALPHABET.length)];
            }
            ModelFile mutated = ModelFile.of(good.kind(), good.kindVersion(), good.encoding(), good.card(), b);
            T back;
            try {
                back = decoder.apply(mutated);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
                refused++;
                continue;
            }
            check.accept(back);
            read++;
        }
        System.out.printf("%s model file, %d payloads with 1-3 bytes changed: %d refused, %d read%n",
                good.kind(), tries, refused, read);
        return new Outcome(tries, refused, read);
    }

    /**
     * Edits the good payload's JSON, asserts that the codec refuses the result with an
     * {@link IllegalArgumentException} whose message starts with
     * {@code "<kind> payload field <field>"}, and returns it for finer checks of the message.
     *
     * @param good a valid model file with a JSON payload
     * @param decoder the kind's codec
     * @param field the field's dotted path as the message names it, such as {@code options.horizon}
     *     or {@code left[0]}; a prefix of it ({@code model.}) when the codec may name either of two
     * @param edit changes the payload's root object in place
     * @return the exception thrown by the codec
     * @throws IOException when the good payload is not JSON
     */
    public static IllegalArgumentException refused(ModelFile good, Function<ModelFile, ?> decoder, String field,
            Consumer<ObjectNode> edit) throws IOException {
        Objects.requireNonNull(decoder, "decoder");
        ObjectNode root = (ObjectNode) JSON.readTree(good.payload());
        edit.accept(root);
        ModelFile bad = ModelFile.of(good.kind(), good.kindVersion(), good.encoding(), good.card(),
                JSON.writeValueAsBytes(root));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.apply(bad));
        String named = good.kind() + " payload field " + field;
        assertTrue(e.getMessage().startsWith(named), "message must start with \"" + named + "\", was \""
                + e.getMessage() + "\"");
        return e;
    }
}
