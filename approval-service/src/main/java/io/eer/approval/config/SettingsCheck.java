package io.eer.approval.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses to start with settings {@link ApprovalSettings#problems()} finds wrong (fail fast, not at the first use). */
@ApplicationScoped
public class SettingsCheck {

    void check(@Observes StartupEvent event, ApprovalSettings settings) {
        if (!settings.problems().isEmpty()) {
            throw new IllegalStateException("invalid settings: " + String.join("; ", settings.problems()));
        }
    }
}
