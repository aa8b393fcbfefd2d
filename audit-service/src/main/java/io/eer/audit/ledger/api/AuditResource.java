package io.eer.audit.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.audit.ledger.application.RebuildSequences;
import io.eer.audit.ledger.application.TimelineAccess;
import io.eer.audit.ledger.application.VerifyLedger;
import io.eer.audit.ledger.application.verify.Verification;
import io.eer.audit.ledger.config.AuditSettings;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.SequenceGap;
import io.eer.ledger.format.StoredEntry;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.common.util.RestMediaType;

/** The ledger for auditors: export it in order, and check that it was not altered. */
@Path("/v1/audit")
public class AuditResource {

    static final int DEFAULT_LIMIT = 1000;

    private final ReadLedger ledger;
    private final VerifyLedger verifyLedger;
    private final Callers callers;
    private final int maxLimit;
    private final List<EventFormat> formats;
    private final Clock clock;
    private final Duration gapBound;
    private final RebuildSequences rebuildSequences;

    AuditResource(ReadLedger ledger, VerifyLedger verifyLedger, Callers callers, AuditSettings settings,
            Instance<EventFormat> formats, Clock clock, RebuildSequences rebuildSequences) {
        this.rebuildSequences = rebuildSequences;
        this.ledger = ledger;
        this.verifyLedger = verifyLedger;
        this.callers = callers;
        this.maxLimit = settings.maxLimit();
        this.formats = formats.stream().toList();
        this.clock = clock;
        this.gapBound = settings.gapAlertAfter();
    }

    /**
     * {@code ok:true} with size and chain head, or {@code ok:false} with the first bad index and the reason; or,
     * when the chain is intact but a producer's sequence has a gap open longer than the bound, {@code ok:false} with
     * reason {@code ledger incomplete}. {@code missing} lists every open gap, young ones with {@code overdue:false}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyResult(boolean ok, long size, String head, Long firstBadIndex, String reason,
            Long checkpoint, String detail, long checkpointsVerified, List<Missing> missing) {

        static VerifyResult of(VerifyLedger.Result result, Instant now, Duration bound) {
            Verification verification = result.verification();
            List<Missing> missing = result.gaps().stream().map(gap -> Missing.of(gap, now, bound)).toList();
            List<Missing> overdue = missing.stream().filter(Missing::overdue).toList();
            if (verification.ok() && !overdue.isEmpty()) {
                return new VerifyResult(false, verification.size(), verification.head(), null, "ledger incomplete",
                        null, "%d gap(s) in producer sequences open longer than %s, first: %s %s".formatted(
                                overdue.size(), bound, overdue.get(0).producer(), overdue.get(0).numbers()),
                        verification.checkpointsVerified(), missing);
            }
            return new VerifyResult(verification.ok(), verification.size(), verification.head(),
                    verification.firstBadIndex(), verification.reason() == null ? null : verification.reason().text(),
                    verification.checkpoint(), verification.detail(), verification.checkpointsVerified(), missing);
        }
    }

    /**
     * Numbers of one producer the ledger lacks: {@code sequence} for one, {@code from}..{@code to} for a range;
     * {@code since} when the ledger recorded the event that revealed it; {@code overdue} once older than the bound.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Missing(String producer, Long sequence, Long from, Long to, String since, boolean overdue) {

        static Missing of(SequenceGap gap, Instant now, Duration bound) {
            boolean one = gap.first() == gap.last();
            return new Missing(gap.producer(), one ? gap.first() : null, one ? null : gap.first(),
                    one ? null : gap.last(), LedgerRecord.formatTime(gap.openSince()), gap.overdue(now, bound));
        }

        String numbers() {
            return sequence != null ? "sequence " + sequence : "sequences " + from + ".." + to;
        }
    }

    /**
     * Entries {@code from <= index < from + limit} as NDJSON, one line per entry:
     * {@code {"index","recordedAt","topic","partition","offset","leaf","chain","event":{…}}}. Streamed from the
     * database chunk by chunk. {@code format=ocsf}: one OCSF record per entry instead (for SIEMs).
     */
    @GET
    @Path("/events")
    @Produces(RestMediaType.APPLICATION_NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ObjectNode> events(@QueryParam("from") String from, @QueryParam("limit") String limit,
            @QueryParam("format") String format) {
        authorize();
        long start = from(from);
        int count = limit(limit);
        Optional<EventFormat> other = format(format);
        long end = start > Long.MAX_VALUE - count ? Long.MAX_VALUE : start + count;
        Multi<ObjectNode> lines = ledger.entries(start, end).map(AuditResource::line);
        return other.map(chosen -> chosen.map(lines)).orElse(lines);
    }

    /** Empty for the ledger's own lines; else one of the formats deployed with the ledger (insight's ocsf). */
    private Optional<EventFormat> format(String format) {
        if (format == null || format.isBlank() || format.equals("ledger")) {
            return Optional.empty();
        }
        return formats.stream().filter(known -> known.name().equals(format)).findFirst()
                .or(() -> {
                    throw ProblemException.badRequest("format", "one-of", "format must be ledger (the default)"
                            + formats.stream().map(known -> " or " + known.name()).collect(Collectors.joining()));
                });
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VerifyResult> verify() {
        authorize();
        return verifyLedger.execute().map(result -> VerifyResult.of(result, clock.instant(), gapBound));
    }

    /** Recomputes the producer-sequence tables from the ledger (admins only); see README "Completeness". */
    @POST
    @Path("/sequences/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RebuildSequences.Rebuilt> rebuildSequences() {
        if (!callers.current().inAnyGroup(Set.of("eer-admins"))) {
            throw ProblemException.forbidden("only the group eer-admins may rebuild the sequence tables");
        }
        return rebuildSequences.execute();
    }

    public static ObjectNode line(StoredEntry entry) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("index", entry.index());
        line.put("recordedAt", LedgerRecord.formatTime(entry.recordedAt()));
        line.put("topic", entry.topic());
        line.put("partition", entry.partition());
        line.put("offset", entry.offset());
        line.put("leaf", LedgerHash.hex(entry.leaf()));
        line.put("chain", LedgerHash.hex(entry.chain()));
        entry.event().ifPresentOrElse(event -> line.set("event", event), () -> line.putNull("event"));
        return line;
    }

    private void authorize() {
        if (!callers.current().inAnyGroup(TimelineAccess.READER_GROUPS)) {
            throw ProblemException.forbidden("the ledger is visible to the groups auditors and eer-admins");
        }
    }

    private static long from(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long from = Long.parseLong(text.trim());
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("from", "range", "from must be a whole number, 0 or more (a ledger index)");
    }

    private int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "range", "limit must be a whole number from 1 to " + maxLimit);
    }
}
