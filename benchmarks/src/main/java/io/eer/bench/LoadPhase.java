package io.eer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * Open-loop arrivals: {@code rate} break-glass requests per second for {@code seconds}, from distinct requesters,
 * each sent at its scheduled instant whatever happened to the previous ones (a closed loop would slow down with
 * the system and hide its queueing). Latencies are measured from the scheduled instant, so a late send counts
 * against the system (no coordinated omission).
 */
final class LoadPhase {

    /** Shortest status poll interval for "visible in the API". */
    static final Duration POLL = Duration.ofMillis(50);
    /** A request is polled again after a tenth of the time it has waited (50 ms at least): the figure's resolution
     *  is 10 %, and a burst's pollers do not flood the service they measure (at 50 ms each, 75 requests polled
     *  through a 20/s burst sent ~1,500 GETs a second and the view was seen ~40 s after the grant). */
    static final int POLL_FRACTION = 10;
    /** At most this many requests per second are polled for "visible in the API". */
    static final int POLLED_PER_SECOND = 2;
    private static final Set<String> TERMINAL = Set.of("GRANTED", "EXPIRED", "REVOKED", "DENIED", "REJECTED",
            "CANCELLED", "TIMED_OUT", "GRANT_FAILED");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Outcome(int rate, int sent, List<String> requestIds, Recorder answered, Recorder visible, int failures,
            List<String> failureSamples) {
    }

    private final HttpClient http;
    private final Tokens tokens;
    private final String requestUrl;
    private final Duration grantDuration;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    LoadPhase(HttpClient http, Tokens tokens, String requestUrl, Duration grantDuration) {
        this.http = http;
        this.tokens = tokens;
        this.requestUrl = requestUrl;
        this.grantDuration = grantDuration;
    }

    Outcome run(int rate, int seconds, String runId) throws InterruptedException {
        return run(rate, seconds, runId, true);
    }

    /** {@code polling} false: no "visible in the API" GETs at all (P7 counts the CPU of the lifecycle alone). */
    Outcome run(int rate, int seconds, String runId, boolean polling) throws InterruptedException {
        int total = rate * seconds;
        Recorder answered = new Recorder(3);
        Recorder visible = new Recorder(3);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        int sampleEvery = Math.max(1, rate / POLLED_PER_SECOND);
        for (int i = 0; i < total; i++) {
            boolean polled = polling && i % sampleEvery == 0;
            long due = start + i * period;
            String requester = "bench-%s-%d-%d".formatted(runId, rate, i);
            String token = tokens.mint(requester, List.of("oncall-dba"), "CONTRACTOR"); // minted before its instant
            timer.schedule(() -> done.add(send(requester, token, due, polled, answered, visible, ids, failures)),
                    Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        long end = start + total * period;
        TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        while (done.size() < total) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES)
                .exceptionally(e -> null).join();
        return new Outcome(rate, total, List.copyOf(ids), answered, visible, failures.size(),
                failures.stream().limit(3).toList());
    }

    private CompletableFuture<Void> send(String requester, String token, long due, boolean polled, Recorder answered,
            Recorder visible, ConcurrentLinkedQueue<String> ids, ConcurrentLinkedQueue<String> failures) {
        String body = """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                 "duration":"%s","justification":"benchmark: payments database locked","incident":"INC-%d"}"""
                .formatted(grantDuration, 1000 + Math.abs(requester.hashCode() % 100000));
        HttpRequest post = HttpRequest.newBuilder(URI.create(requestUrl + "/v1/requests"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            long answeredAt = System.nanoTime();
            if (answer.statusCode() != 201) {
                failures.add("POST " + answer.statusCode() + " " + answer.body());
                return CompletableFuture.completedFuture(null);
            }
            answered.recordValue(TimeUnit.NANOSECONDS.toMicros(answeredAt - due));
            String id = read(answer.body()).path("requestId").asText();
            ids.add(id);
            if (!polled) {
                return CompletableFuture.completedFuture(null);
            }
            return awaitGranted(id, token, due, System.nanoTime() + TimeUnit.MINUTES.toNanos(2))
                    .thenAccept(seen -> {
                        if (seen.status().equals("GRANTED")) {
                            visible.recordValue(TimeUnit.NANOSECONDS.toMicros(seen.at() - due));
                        } else if (seen.status().isEmpty()) {
                            failures.add("request " + id + " not GRANTED in the API within 2 minutes");
                        } else {
                            // a poll under load can take longer than the grant lasts: the view moved on unseen
                            failures.add("request " + id + " was " + seen.status() + " in the API before a poll saw"
                                    + " it GRANTED");
                        }
                    });
        }).exceptionally(e -> {
            failures.add("POST failed: " + e);
            return null;
        });
    }

    /** What a poll of a request ended on: a terminal status (or none: gave up) and the nanoTime it was seen. */
    private record Seen(String status, long at) {
    }

    /** Polls the request sent at {@code due} until it shows GRANTED or another terminal status, or {@code giveUpAt}. */
    private CompletableFuture<Seen> awaitGranted(String id, String token, long due, long giveUpAt) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(requestUrl + "/v1/requests/" + id))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            long seenAt = System.nanoTime();
            String status = answer.statusCode() == 200 ? read(answer.body()).path("status").asText() : "";
            if (TERMINAL.contains(status)) {
                return CompletableFuture.completedFuture(new Seen(status, seenAt));
            }
            if (seenAt > giveUpAt) {
                return CompletableFuture.completedFuture(new Seen("", seenAt));
            }
            CompletableFuture<Seen> next = new CompletableFuture<>();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(seenAt - due);
            timer.schedule(() -> awaitGranted(id, token, due, giveUpAt).whenComplete((v, e) -> {
                if (e != null) {
                    next.completeExceptionally(e);
                } else {
                    next.complete(v);
                }
            }), Math.max(POLL.toMillis(), waitedMillis / POLL_FRACTION), TimeUnit.MILLISECONDS);
            return next;
        });
    }

    void close() {
        timer.shutdownNow();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
