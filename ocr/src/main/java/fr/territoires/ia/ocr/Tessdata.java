package fr.territoires.ia.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the folder holding the Tesseract language models ({@code fra.traineddata}, {@code eng.traineddata}).
 * Stateless and thread-safe.
 *
 * <p>Search order, first folder holding every requested model wins:
 * <ol>
 *   <li>the folder given explicitly ({@link OcrEngine.Options#tessdata()}, the runner's {@code --tessdata});</li>
 *   <li>the {@code TESSDATA_PREFIX} environment variable (the folder itself or its {@code tessdata} child);</li>
 *   <li>Debian and Ubuntu: {@code /usr/share/tesseract-ocr/5/tessdata}, then {@code /usr/share/tesseract-ocr/4.00/tessdata};</li>
 *   <li>Fedora and RHEL: {@code /usr/share/tesseract/tessdata};</li>
 *   <li>Homebrew: {@code /opt/homebrew/share/tessdata} (Apple silicon), {@code /usr/local/share/tessdata}.</li>
 * </ol>
 * On Debian or Ubuntu, {@code apt-get install tesseract-ocr-fra} provides {@code fra}; elsewhere download
 * {@code fra.traineddata} from github.com/tesseract-ocr/tessdata_fast into one of these folders.
 */
public final class Tessdata {

    /** The system folders searched after the option and {@code TESSDATA_PREFIX}, in order. */
    public static final List<Path> SYSTEM_FOLDERS = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tesseract/tessdata"),
            Path.of("/opt/homebrew/share/tessdata"),
            Path.of("/usr/local/share/tessdata"));

    private Tessdata() {
    }

    /**
     * Lists the folders searched, in order.
     *
     * @param explicit the folder given explicitly, or null
     * @return the candidate folders
     */
    public static List<Path> candidates(@Nullable Path explicit) {
        List<Path> out = new ArrayList<>();
        if (explicit != null) {
            out.add(explicit);
        }
        String env = System.getenv("TESSDATA_PREFIX");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env.trim());
            out.add(p);
            out.add(p.resolve("tessdata"));
        }
        out.addAll(SYSTEM_FOLDERS);
        return out;
    }

    /**
     * Finds the first folder holding the model of every language in {@code languages}.
     *
     * @param explicit the folder given explicitly, or null
     * @param languages Tesseract language codes joined by {@code +} (e.g. {@code fra} or {@code fra+eng})
     * @return the folder, or empty when none holds them all
     */
    public static Optional<Path> find(@Nullable Path explicit, String languages) {
        for (Path dir : candidates(explicit)) {
            if (holdsAll(dir, languages)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the folder or fails with one message naming the folders searched and how to install the model.
     *
     * @param explicit the folder given explicitly, or null
     * @param languages language codes joined by {@code +}
     * @return the folder
     * @throws IllegalStateException when no folder holds every model
     */
    public static Path require(@Nullable Path explicit, String languages) {
        return find(explicit, languages).orElseThrow(() -> new IllegalStateException(
                "language model(s) '" + languages + "' not found (" + modelFiles(languages) + "); searched "
                        + candidates(explicit) + ". Install it: on Debian/Ubuntu 'apt-get install tesseract-ocr-"
                        + languages.split("\\+")[0] + "', or download the .traineddata file from "
                        + "https://github.com/tesseract-ocr/tessdata_fast into one of these folders, or point "
                        + "TESSDATA_PREFIX (or the tessdata option) at the folder holding it"));
    }

    private static boolean holdsAll(Path dir, String languages) {
        for (String lang : languages.split("\\+")) {
            if (!Files.isRegularFile(dir.resolve(lang + ".traineddata"))) {
                return false;
            }
        }
        return true;
    }

    private static String modelFiles(String languages) {
        return String.join(", ", java.util.Arrays.stream(languages.split("\\+")).map(l -> l + ".traineddata").toList());
    }
}
