package fr.territoires.ia.examples;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the runner in this JVM, then writes its peak heap to the file named by the system property
 * {@code peak.file}: the sum over the heap memory pools of their peak usage (an upper bound of
 * the heap in use at any one time, garbage included), in bytes, then the wall time in
 * milliseconds. Used by the bounded-resource tests in a child JVM started with {@code -Xmx512m}.
 */
final class MeasuredRunner {

    private MeasuredRunner() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = Runner.run(args, out, err);
        out.flush();
        err.flush();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String file = System.getProperty("peak.file");
        if (file != null) {
            Files.writeString(Path.of(file), peak + " " + ms + "\n");
        }
        System.exit(status);
    }
}
