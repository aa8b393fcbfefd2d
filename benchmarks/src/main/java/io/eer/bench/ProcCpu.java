package io.eer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * P7: CPU time of the stack's processes from {@code /proc}. Each process named by a {@code <name>.pid} file in the
 * run's {@code pids} directory counts with all its live descendants (PostgreSQL's backends are the postmaster's
 * children), and every one of them with the CPU of its children that already exited ({@code cutime + cstime}: a
 * backend that ended with its connection still counts). Clock ticks are 1/100 s on Linux.
 */
final class ProcCpu {

    static final double TICK_MS = 10.0;

    private final Path pidsDir;

    ProcCpu(Path pidsDir) {
        this.pidsDir = pidsDir;
    }

    /** CPU ticks used so far by each named process tree, by name (kafka, postgres, request, ...). */
    Map<String, Long> sample() throws IOException {
        Map<Integer, Integer> parents = new HashMap<>();
        Map<Integer, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = stat(p.resolve("stat"));
                if (f != null) {
                    int pid = Integer.parseInt(name);
                    parents.put(pid, Integer.parseInt(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]));
                }
            }
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidsDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                int root = Integer.parseInt(Files.readString(file).trim());
                long sum = 0;
                for (Map.Entry<Integer, Long> e : ticks.entrySet()) {
                    if (descends(e.getKey(), root, parents)) {
                        sum += e.getValue();
                    }
                }
                byName.put(name, sum);
            }
        }
        return byName;
    }

    /**
     * {@code after - before}, per name, in milliseconds. A process first seen in {@code after} started within the
     * window: all of its time counts. One whose count went down was restarted within it: the new process's time counts
     * (the old one's last part is not known).
     */
    static Map<String, Double> spentMillis(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((name, t) -> {
            long was = before.getOrDefault(name, 0L);
            spent.put(name, (t >= was ? t - was : t) * TICK_MS);
        });
        return spent;
    }

    static double total(Map<String, Double> spent) {
        return spent.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** "request 310, approval 120, ..." in ms, largest first. */
    static String breakdown(Map<String, Double> spent) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(spent.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> parts = new ArrayList<>();
        sorted.forEach(e -> parts.add("%s %,.0f".formatted(e.getKey(), e.getValue())));
        return String.join(", ", parts);
    }

    private static boolean descends(int pid, int root, Map<Integer, Integer> parents) {
        for (int p = pid, hops = 0; p > 1 && hops < 64; p = parents.getOrDefault(p, 0), hops++) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }

    /** The fields after the command name (which may hold spaces): f[0] is the state, f[1] the parent pid. */
    private static String[] stat(Path file) {
        try {
            String s = Files.readString(file);
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile
        }
    }
}
