package io.eer.support.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Database gauges every service exposes at {@code /q/metrics}, and where traces go (README, "Observability"). */
@ConfigMapping(prefix = "eer.observability")
public interface ObservabilitySettings {

    /** How often the gauges' queries run (each is one short read; Prometheus scrapes far less often). */
    @WithDefault("15s")
    Duration gaugeRefresh();

    /**
     * A service's own gauges: name (kebab-case, becomes {@code eer_<name>}) to one SQL query answering one number.
     * {@code ?1}, where the query has it, is bound to the service's clock (now), so ages follow the injected Clock.
     */
    Map<String, String> gauges();

    /**
     * The OTLP/HTTP receiver spans are sent to ({@code EER_OTEL_ENDPOINT}, e.g. {@code http://otel-collector:4318});
     * unset: none is sent ({@link TraceExport}).
     */
    Optional<String> otlpEndpoint();
}
