package io.eer.gateway.application;

import io.eer.gateway.config.GatewaySettings;
import io.eer.gateway.domain.GatewaySession;
import io.eer.gateway.domain.SessionRefusal;
import io.eer.gateway.domain.SessionTicket;
import io.eer.gateway.infra.out.GrantServiceClient;
import io.eer.gateway.infra.out.TargetDialer;
import io.eer.gateway.infra.out.UpstreamConnection;
import io.eer.support.time.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Opens a gateway session: redeems the client's one-time secret at grant-service, logs in to the target as the
 * grant's temporary login (whose password never leaves this process), and records {@code connect}.
 */
@ApplicationScoped
public class OpenSession {

    private static final Logger LOG = Logger.getLogger(OpenSession.class);

    /** An open session: the target connection to relay to, and the log its statements are recorded in. */
    public record Opened(String sessionId, String grantId, Instant deadline, InputStream upstreamIn,
            OutputStream upstreamOut, List<byte[]> ready, char transactionStatus, RecordActions.SessionLog log,
            Runnable cancelRunning, AutoCloseable upstream) {
    }

    private final GrantServiceClient grantService;
    private final TargetDialer dialer;
    private final RecordActions record;
    private final GatewaySettings settings;
    private final Clock clock;
    private final Ids ids;

    OpenSession(GrantServiceClient grantService, TargetDialer dialer, RecordActions record, GatewaySettings settings,
            Clock clock, Ids ids) {
        this.grantService = grantService;
        this.dialer = dialer;
        this.record = record;
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Answers the open session; {@link Refused} ({@link SessionRefusal#INVALID_SECRET}) for a secret grant-service
     * does not honour; IOException when grant-service or the target cannot be reached or the target refuses.
     */
    public Opened execute(String secret, String user, String database, Map<String, String> clientParameters)
            throws IOException, InterruptedException, RecordActions.Unrecorded {
        Optional<SessionTicket> redeemed = grantService.redeem(secret, user, database);
        if (redeemed.isEmpty()) {
            throw new Refused(SessionRefusal.INVALID_SECRET, "grant-service refused the secret");
        }
        SessionTicket ticket = redeemed.get();
        UpstreamConnection upstream;
        try {
            if (!clock.instant().isBefore(ticket.expiresAt())) {
                throw new Refused(SessionRefusal.SESSION_ENDED, "the grant ended at " + ticket.expiresAt());
            }
            upstream = dialer.connect(ticket, clientParameters);
        } finally {
            ticket.wipe();
        }
        String sessionId = ids.next();
        boolean redact = settings.recording().redactLiteralsFor().map(l -> l.contains(ticket.system())).orElse(false);
        try {
            RecordActions.SessionLog log = record.open(new GatewaySession.Open(ticket.grantId(), ticket.requestId(),
                    sessionId, ticket.expiresAt(), redact, clock.instant()));
            LOG.infof("gateway session %s opened for grant %s (system %s)", sessionId, ticket.grantId(),
                    ticket.system());
            return new Opened(sessionId, ticket.grantId(), ticket.expiresAt(), upstream.in(), upstream.out(),
                    upstream.ready(), upstream.transactionStatus(), log, () -> dialer.cancel(upstream), upstream);
        } catch (RecordActions.Unrecorded | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }
}
