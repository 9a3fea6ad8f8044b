package fr.territoires.ia.core;

import fr.territoires.ia.core.internal.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files whole or not at all: the content goes to a temporary file in the target's
 * folder, which then replaces the target in one atomic rename.
 *
 * <p>A reader never sees a half-written model file, card or result; when writing fails (disk
 * full, an exception in the caller's writer), the target is left as it was and the temporary
 * file is removed.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; two threads
 * writing the same target each write a whole file and the last rename wins).
 *
 * @since 0.1.0
 */
public final class AtomicFiles {

    /** Writes content to an output stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param out stream to write to; closed by the caller
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes a file atomically.
     *
     * @param target file to create or replace; its parent folder must exist
     * @param writer writes the content
     * @throws IOException when the parent folder is missing or writing or renaming fails; the
     *     target is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Checks.notNull(target, "target");
        Checks.notNull(writer, "writer");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("folder of " + target + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes bytes to a file atomically.
     *
     * @param target file to create or replace
     * @param content bytes to write
     * @throws IOException when writing fails; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Checks.notNull(content, "content");
        write(target, out -> out.write(content));
    }

    /**
     * Writes UTF-8 text to a file atomically.
     *
     * @param target file to create or replace
     * @param text text to write, encoded as UTF-8
     * @throws IOException when writing fails; the target is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        Checks.notNull(text, "text");
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
