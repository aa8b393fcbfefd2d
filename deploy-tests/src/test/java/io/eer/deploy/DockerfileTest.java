package io.eer.deploy;

import io.eer.deploy.Repo.Service;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every service's src/main/docker/Dockerfile.jvm (Quarkus JVM layout): its COPY sources exist after `package`, it
 * exposes the ports of the README's table (and the gateway's PostgreSQL listener) and does not run as root. Where target/quarkus-app exists (a full build
 * packages the services before this module) the real directory is checked; otherwise the fast-jar layout.
 */
class DockerfileTest {

    /** What `quarkus:build` writes to target/quarkus-app (the fast-jar layout, the default package type). */
    private static final Set<String> FAST_JAR = Set.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    @Test
    void copySources_existAfterPackage_portsMatchTheTable_andTheImageRunsAsAUser() throws IOException {
        List<String> problems = new ArrayList<>();
        int checkedReal = 0;
        for (Service service : Repo.services()) {
            Path module = Repo.ROOT.resolve(service.name());
            Path dockerfile = module.resolve("src/main/docker/Dockerfile.jvm");
            if (!Files.exists(dockerfile)) {
                problems.add(service.name() + " has no src/main/docker/Dockerfile.jvm");
                continue;
            }
            List<String> lines = Repo.lines(dockerfile).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            boolean real = Files.isRegularFile(module.resolve("target/quarkus-app/quarkus-run.jar"));
            checkedReal += real ? 1 : 0;
            List<String> sources = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("COPY ")) {
                    String[] parts = line.split("\\s+");
                    for (int i = 1; i < parts.length - 1; i++) {
                        if (!parts[i].startsWith("--")) {
                            sources.add(parts[i]);
                        }
                    }
                }
            }
            if (sources.isEmpty()) {
                problems.add(service.name() + ": no COPY in its Dockerfile");
            }
            for (String source : sources) {
                boolean exists = real ? matches(module, source) : FAST_JAR.contains(source);
                if (!exists) {
                    problems.add(service.name() + ": COPY " + source + " does not exist after package"
                            + (real ? " (checked in target/quarkus-app)" : " (not in the fast-jar layout)"));
                }
            }
            if (!sources.containsAll(FAST_JAR)) {
                problems.add(service.name() + " does not copy the whole quarkus-app: " + sources);
            }
            for (int port : Repo.ports(service)) {
                if (!lines.contains("EXPOSE " + port)) {
                    problems.add(service.name() + " does not EXPOSE " + port);
                }
            }
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            if (user.equals("USER root") || user.equals("USER 0")) {
                problems.add(service.name() + " runs as root");
            }
            if (lines.stream().noneMatch(l -> l.startsWith("FROM ") && l.contains("openjdk-17"))) {
                problems.add(service.name() + " is not on a Java 17 runtime image");
            }
        }
        System.out.printf("Dockerfile COPY sources checked against a real target/quarkus-app for %d of %d deployables%n",
                checkedReal, Repo.services().size());
        Expectations.assertNone(problems);
    }

    /** A COPY source relative to the build context (the module): a directory ("x/") or a glob in the last part. */
    private static boolean matches(Path module, String source) throws IOException {
        if (!source.contains("*")) {
            Path path = module.resolve(source);
            return source.endsWith("/") ? Files.isDirectory(path) : Files.exists(path);
        }
        Path dir = module.resolve(source.substring(0, source.lastIndexOf('/')));
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, source.substring(source.lastIndexOf('/') + 1))) {
            return found.iterator().hasNext();
        }
    }
}
