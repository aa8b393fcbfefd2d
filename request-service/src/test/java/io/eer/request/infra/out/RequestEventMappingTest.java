package io.eer.request.infra.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.MfaEvidence;
import io.eer.request.domain.MfaRequirement;
import io.eer.request.domain.Origin;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyRef;
import io.eer.request.domain.Principal;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.RequestStatus;
import io.eer.request.domain.RuleViolation;
import io.eer.request.domain.UserId;
import io.eer.support.eventsourcing.StoredForm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every access request event survives being stored (and published) and read back: what a rebuild relies on. */
class RequestEventMappingTest {

    static final RequestEventMapping MAPPING = new RequestEventMapping();
    static final RequestId ID = new RequestId("r-42");
    static final Principal CAROL = new Principal("carol", PrincipalType.CONTRACTOR, List.of("oncall-dba"));
    static final PolicyRef REF = new PolicyRef("eer-local", "3");

    static Stream<RequestEvent> events() {
        Policy.Approval approval = new Policy.Approval(ApprovalMode.EXPEDITED, List.of("secops"), 1, false,
                Duration.ofMinutes(5), List.of("leads"), null, new MfaRequirement(List.of("otp"), Duration.ofMinutes(10)));
        return Stream.of(
                new RequestEvent.Requested(ID, RequestKind.EMERGENCY, Origin.CONTRACTOR_SELF, CAROL,
                        new UserId("carol"), "payments-db", "db_admin", "locked", "INC-1", Duration.ofMinutes(30),
                        new MfaEvidence(List.of("pwd", "otp"), Instant.parse("2026-12-05T08:00:00Z")), REF, approval,
                        new Policy.Review(List.of("secops"), Duration.ofDays(2)), null, Duration.ofHours(1),
                        "break-glass"),
                new RequestEvent.Requested(ID, RequestKind.EMERGENCY, Origin.CONTRACTOR_SELF, CAROL,
                        new UserId("carol"), "payments-db", "db_admin", "locked", "INC-1", Duration.ofMinutes(30),
                        null, REF, approval, new Policy.Review(List.of("secops"), Duration.ofDays(2)), null,
                        Duration.ofHours(1), "break-glass", List.of("payments.invoices", "payments.refund_*")),
                new RequestEvent.Rejected(ID, CAROL, "nowhere", "admin",
                        List.of(new RuleViolation("system", "known-system", "no such system")), REF, null),
                new RequestEvent.RejectedAskRecorded(RequestKind.JIT, Origin.ON_BEHALF, "dave",
                        Duration.ofHours(2), null, "TCK-9"),
                new RequestEvent.RejectedAskRecorded(null, null, null, null, null, null),
                new RequestEvent.Cancelled(ID, new UserId("carol"), "fixed"),
                new RequestEvent.CancelRefused(ID, CAROL, "carol is neither ...", REF),
                new RequestEvent.LifecycleAdvanced(RequestStatus.GRANTED, "g-1"),
                new RequestEvent.LifecycleAdvanced(RequestStatus.EXPIRED, null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void storedAndReadBack_isTheSameEvent(RequestEvent event) {
        StoredForm stored = MAPPING.toStored(event);

        RequestEvent back;
        if (stored instanceof StoredForm.Published published) {
            assertThat(published.topic()).isEqualTo(Topics.REQUESTS);
            assertThat(published.event().requestId()).isEqualTo(ID.value());
            EventEnvelope envelope = EventEnvelope.of("e-1", "/eer/request-service", Instant.EPOCH, published.event());
            back = MAPPING.fromPublished(EventCodec.decode(EventCodec.encodeToString(envelope)));
        } else {
            StoredForm.Internal internal = (StoredForm.Internal) stored;
            back = MAPPING.fromInternal(internal.name(), EventCodec.mapper().valueToTree(internal.body()));
        }
        assertThat(back).isEqualTo(event);
    }

    @Test
    void requested_carriesThePlansApprovalServiceAndReviewServiceRead() {
        RequestEvent event = events().findFirst().orElseThrow();
        EmergencyRequested published = (EmergencyRequested) ((StoredForm.Published) MAPPING.toStored(event)).event();
        assertThat(published.approval().escalation()).containsExactly("leads");
        assertThat(published.approval().approverMfa().acceptedMethods()).containsExactly("otp");
        assertThat(published.review().dueWithin()).isEqualTo(Duration.ofDays(2));
        assertThat(published.rule()).isEqualTo("break-glass");
        assertThat(published.maxDuration()).isEqualTo(Duration.ofHours(1));
    }
}
