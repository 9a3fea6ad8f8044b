package fr.territoires.ia.core.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens text files as the readers of the library expect them: UTF-8, or UTF-16 when the file
 * starts with a UTF-16 byte-order mark; a leading byte-order mark is skipped. Malformed bytes are
 * never replaced silently: reading them throws a {@link CharacterCodingException}, which
 * {@link #notText} turns into a message naming the file.
 *
 * <p>Not API, may change without notice. Stateless and safe for concurrent use; each reader it
 * returns is confined to its caller.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * Opens a text file, decoding UTF-8, or UTF-16 (little or big endian) after a UTF-16
     * byte-order mark, and skipping any byte-order mark.
     *
     * @param file the file
     * @return a buffered reader positioned after the byte-order mark, if any
     * @throws IOException when the file cannot be opened
     */
    public static BufferedReader newReader(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(3);
            int b0 = in.read();
            int b1 = in.read();
            int b2 = in.read();
            Charset cs = StandardCharsets.UTF_8;
            in.reset();
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                in.skipNBytes(3);
            } else if (b0 == 0xFF && b1 == 0xFE) {
                cs = StandardCharsets.UTF_16LE;
                in.skipNBytes(2);
            } else if (b0 == 0xFE && b1 == 0xFF) {
                cs = StandardCharsets.UTF_16BE;
                in.skipNBytes(2);
            }
            // newDecoder() reports malformed input instead of replacing it.
            Reader reader = new InputStreamReader(in, cs.newDecoder());
            return new BufferedReader(reader, 65_536);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The error for a file whose bytes are not text in the expected encoding.
     *
     * @param source name of the file, for the message
     * @param e the decoding failure
     * @return an exception naming the file and the rule
     */
    public static IllegalArgumentException notText(String source, CharacterCodingException e) {
        return new IllegalArgumentException(source + ": not valid UTF-8 text (malformed byte sequence); "
                + "save the file as UTF-8, or UTF-16 with a byte-order mark (Latin-1 and Windows-1252 "
                + "exports must be converted)", e);
    }
}
