package io.eer.gateway.application;

import io.eer.gateway.config.GatewaySettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open gateway sessions of this instance, and the cut-off: each session is armed as a timer at its grant's
 * deadline; a periodic check against the injected clock ({@code eer.gateway.deadline-check}) is the backstop (and
 * what moves with a test's SettableClock); a revocation or expiry event cuts every session of its grant at once, and
 * an extension ({@code AccessExtended}) moves their deadline.
 */
@ApplicationScoped
public class LiveSessions {

    /** What the cut-off needs of a session (the PostgreSQL edge implements it). */
    public interface Live {
        String sessionId();

        String grantId();

        Instant deadline();

        /** Ends the session now: FATAL 57P01 to the client, both connections closed; idempotent. */
        void cut(String reason);

        /** The grant was extended: statements are relayed, and the session lasts, until {@code deadline}. */
        void extendTo(Instant deadline);
    }

    private final Map<String, Live> sessions = new ConcurrentHashMap<>();
    /**
     * The latest deadline an {@code AccessExtended} gave each grant, until it passes: a session whose redeem answer
     * predates the extension (opened while the event was on its way) gets it when it registers.
     */
    private final Map<String, Instant> extensions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration check;
    /** Made at construction: a client may connect before this bean's start-up observer ran. */
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "gateway-deadlines");
        t.setDaemon(true);
        return t;
    });
    /** Cuts run here: neither a timer nor a Kafka consumer thread waits for a slow client's socket. */
    private final java.util.concurrent.ExecutorService cutters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gateway-cut");
        t.setDaemon(true);
        return t;
    });

    LiveSessions(Clock clock, GatewaySettings settings) {
        this.clock = clock;
        this.check = settings.deadlineCheck();
    }

    void start(@Observes StartupEvent ignored) {
        timers.scheduleWithFixedDelay(this::cutDue, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        timers.shutdownNow();
        cutters.shutdownNow();
    }

    public void register(Live session) {
        Instant extended = extensions.get(session.grantId());
        if (extended != null && extended.isAfter(session.deadline())) {
            session.extendTo(extended);
        }
        sessions.put(session.sessionId(), session);
        long delay = Math.max(0, Duration.between(clock.instant(), session.deadline()).toMillis());
        timers.schedule(() -> cutIfDue(session), delay, TimeUnit.MILLISECONDS);
        cutIfDue(session); // a deadline that passed while the session was being opened
    }

    public void unregister(Live session) {
        sessions.remove(session.sessionId());
    }

    /** Cuts every session of {@code grantId} (revoked, expired); answers how many were open. */
    public int cutGrant(String grantId, String reason) {
        List<Live> cut = sessions.values().stream().filter(s -> s.grantId().equals(grantId)).toList();
        cut.forEach(s -> {
            sessions.remove(s.sessionId());
            cutters.execute(() -> s.cut(reason));
        });
        return cut.size();
    }

    /**
     * Moves the cut-off of every open session of {@code grantId} to {@code deadline} (the grant was extended; an
     * earlier deadline than a session's own changes nothing); answers how many sessions are open.
     */
    public int extendGrant(String grantId, Instant deadline) {
        extensions.merge(grantId, deadline, (a, b) -> a.isAfter(b) ? a : b);
        List<Live> open = sessions.values().stream().filter(s -> s.grantId().equals(grantId)).toList();
        for (Live s : open) {
            if (deadline.isAfter(s.deadline())) {
                s.extendTo(deadline);
                long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
                timers.schedule(() -> cutIfDue(s), delay, TimeUnit.MILLISECONDS); // the old timer finds it not due
            }
        }
        return open.size();
    }

    /** The sessions open on this instance, soonest deadline first. */
    public java.util.List<io.eer.gateway.projection.OpenSession> open() {
        return sessions.values().stream()
                .map(s -> new io.eer.gateway.projection.OpenSession(s.sessionId(), s.grantId(), s.deadline()))
                .sorted(java.util.Comparator.comparing(io.eer.gateway.projection.OpenSession::deadline)).toList();
    }

    void cutDue() {
        sessions.values().forEach(this::cutIfDue);
        Instant now = clock.instant();
        extensions.values().removeIf(deadline -> !now.isBefore(deadline));
    }

    private void cutIfDue(Live session) {
        if (!clock.instant().isBefore(session.deadline()) && sessions.remove(session.sessionId()) != null) {
            cutters.execute(() -> session.cut("access grant expired"));
        }
    }
}
