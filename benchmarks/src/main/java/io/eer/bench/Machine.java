package io.eer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One line that says what the figures were measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        String memory = procLine("/proc/meminfo", "MemTotal")
                .map(kb -> Math.round(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1048576.0) + " GB")
                .orElse("?");
        String load = read("/proc/loadavg").map(l -> l.split(" ")[0]).orElse("?");
        return "%d cores (%s), %s RAM, %s %s, Java %s, load average %s at start".formatted(
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), load);
    }

    private static Optional<String> procLine(String file, String key) {
        return read(file).flatMap(text -> text.lines().filter(l -> l.startsWith(key)).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
