package io.eer.support.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Gauges read from the service's database: the outbox backlog of every service ({@code eer_outbox_unpublished},
 * {@code eer_outbox_oldest_unpublished_age_seconds}) and the service's own {@code eer.observability.gauges}
 * (live grants, pending approvals, overdue reviews, ledger size...). The queries run on a schedule, not per scrape,
 * so a scrape never waits for the database and a slow database cannot pile up scrapes.
 */
@Startup
@ApplicationScoped
public class DatabaseGauges {

    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class);
    static final String OUTBOX_BACKLOG = "select count(*) from outbox where published_at is null";
    static final String OUTBOX_OLDEST = "select min(created_at) from outbox where published_at is null";

    private final MeterRegistry registry;
    private final ObservabilitySettings settings;
    private final Clock clock;
    private final Map<String, AtomicReference<Double>> values = new LinkedHashMap<>();
    private final AtomicReference<Double> backlog = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> oldestAge = new AtomicReference<>(Double.NaN);

    DatabaseGauges(MeterRegistry registry, ObservabilitySettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    @PostConstruct
    void register() {
        Gauge.builder("eer.outbox.unpublished", backlog, AtomicReference::get)
                .description("outbox rows committed and not yet published").register(registry);
        Gauge.builder("eer.outbox.oldest.unpublished.age", oldestAge, AtomicReference::get).baseUnit("seconds")
                .description("age of the oldest unpublished outbox row (0 when none)").register(registry);
        settings.gauges().forEach((name, sql) -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            values.put(name, value);
            Gauge.builder("eer." + name.replace('-', '.'), value, AtomicReference::get)
                    .description("eer.observability.gauges." + name).register(registry);
        });
    }

    @Scheduled(every = "${eer.observability.gauge-refresh:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(() -> number(OUTBOX_BACKLOG).invoke(backlog::set)
                .chain(() -> query(OUTBOX_OLDEST)).invoke(oldest -> oldestAge.set(ageSeconds(oldest)))
                .chain(() -> Multi.createFrom().iterable(values.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> number(settings.gauges().get(entry.getKey()))
                                .invoke(entry.getValue()::set)
                                .onFailure().invoke(e -> LOG.warnf("gauge %s: %s", entry.getKey(), e.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().last()))
                .onFailure().invoke(e -> LOG.debugf("database gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Double> number(String sql) {
        return query(sql).map(result -> result instanceof Number n ? n.doubleValue() : Double.NaN);
    }

    private Uni<Object> query(String sql) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            if (sql.contains("?1")) {
                query.setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            }
            return query.getSingleResultOrNull();
        });
    }

    private double ageSeconds(Object oldest) {
        Instant since = oldest instanceof Instant i ? i
                : oldest instanceof OffsetDateTime o ? o.toInstant()
                : oldest instanceof java.sql.Timestamp t ? t.toInstant()
                : oldest instanceof java.time.LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
                : null;
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }
}
