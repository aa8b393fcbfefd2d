package io.eer.deploy;

import io.eer.deploy.Repo.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks shared by the compose and the Kubernetes tests; each returns the problems it found (empty: fine). */
final class Expectations {

    private Expectations() {
    }

    /** The environment a deployment gives a service: every name read by it, none missing that must be set. */
    static List<String> environment(Service service, Set<String> names, String where) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!Repo.reads(service, name)) {
                problems.add(where + ": " + service.name() + " is given " + name + ", which it does not read");
            }
        }
        for (String name : Repo.mustSet(service)) {
            if (!names.contains(name)) {
                problems.add(where + ": " + service.name() + " needs " + name + " (its default only works locally)");
            }
        }
        return problems;
    }

    /**
     * Kafka ACLs of one service's principal: WRITE exactly on the topics the README says it produces plus its
     * dead-letter topics, READ on every topic its channels consume and on its consumer groups, nothing else.
     */
    static List<String> acls(Service service, Set<String> write, Set<String> read, Set<String> groups, String where) {
        List<String> problems = new ArrayList<>();
        Set<String> wantWrite = new TreeSet<>(service.produces());
        wantWrite.addAll(Repo.deadLetterTopics(service));
        if (!write.equals(wantWrite)) {
            problems.add(where + ": " + service.name() + " may write " + write + ", should be " + wantWrite);
        }
        Set<String> wantRead = Repo.consumedTopics(service);
        if (!read.equals(wantRead)) {
            problems.add(where + ": " + service.name() + " may read " + read + ", its channels consume " + wantRead);
        }
        Set<String> wantGroups = Repo.consumerGroups(service);
        if (!groups.equals(wantGroups)) {
            problems.add(where + ": " + service.name() + " may join groups " + groups + ", its channels use " + wantGroups);
        }
        return problems;
    }

    static void assertNone(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    static Map<String, Service> byName() {
        Map<String, Service> services = new java.util.LinkedHashMap<>();
        Repo.services().forEach(s -> services.put(s.name(), s));
        return services;
    }
}
