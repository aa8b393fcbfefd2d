package io.eer.audit.ledger.application;

import io.eer.audit.ledger.config.CheckpointSettings;
import io.eer.audit.ledger.infra.out.CheckpointRow;
import io.eer.audit.ledger.infra.out.CheckpointStore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.contracts.EventCodec;
import io.eer.contracts.Topics;
import io.eer.contracts.json.CanonicalJson;
import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.LedgerHead;
import io.eer.ledger.format.SignedCheckpoint;
import io.eer.support.outbox.OutboxMessage;
import io.eer.support.outbox.ServiceIdentity;
import io.eer.support.time.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs a checkpoint of the ledger as it is now, in one transaction: lock {@code ledger_head} (so no entry is appended
 * meanwhile and checkpoints get gap-free numbers in signing order), compute the Merkle root at the head, sign the body
 * with Ed25519, store it and queue it for {@code eer.checkpoints} in the outbox, all or nothing. The leaves are read
 * before, without the lock ({@link MerkleRoots#catchUp()}): under it, only those appended since.
 */
@ApplicationScoped
public class CreateCheckpoint {

    public static final String EVENT_TYPE = "io.eer.CheckpointSigned.v1";

    private final LedgerStore ledger;
    private final CheckpointStore checkpoints;
    private final MerkleRoots roots;
    private final CheckpointKeys keys;
    private final CheckpointSettings settings;
    private final ServiceIdentity service;
    private final Clock clock;
    private final Ids ids;

    CreateCheckpoint(LedgerStore ledger, CheckpointStore checkpoints, MerkleRoots roots, CheckpointKeys keys,
            CheckpointSettings settings, ServiceIdentity service, Clock clock, Ids ids) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.roots = roots;
        this.keys = keys;
        this.settings = settings;
        this.service = service;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new checkpoint now, whatever the cadence. */
    public Uni<SignedCheckpoint> now() {
        return roots.catchUp().chain(() -> Panache.withTransaction(() -> create(false))).map(Optional::orElseThrow);
    }

    /**
     * A new checkpoint if one is due: the ledger grew and the last checkpoint is at least {@code interval} old, or
     * nothing changed for {@code heartbeat}, or there is none yet. Empty otherwise.
     */
    public Uni<Optional<SignedCheckpoint>> ifDue() {
        return roots.catchUp().chain(() -> Panache.withTransaction(() -> create(true)));
    }

    private Uni<Optional<SignedCheckpoint>> create(boolean onlyIfDue) {
        return ledger.lockHead().chain(headRow -> checkpoints.latest().chain(last -> {
            LedgerHead head = headRow.toDomain();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (onlyIfDue && last.isPresent() && !due(last.get(), head, now)) {
                return Uni.createFrom().item(Optional.<SignedCheckpoint>empty());
            }
            long seq = last.map(row -> row.seq + 1).orElse(0L);
            return roots.rootAt(head.size()).chain(root -> {
                Checkpoint checkpoint = new Checkpoint(settings.origin(), head.size(), head.chainHead(), root, now,
                        keys.keyId());
                SignedCheckpoint signed = SignedCheckpoint.sign(seq, checkpoint, keys.signingKey());
                return CheckpointRow.of(signed).persist()
                        .chain(() -> outbox(signed, now).persist())
                        .replaceWith(Optional.of(signed));
            });
        }));
    }

    private boolean due(CheckpointRow last, LedgerHead head, Instant now) {
        Duration age = Duration.between(last.signedAt, now);
        return head.size() != last.size ? age.compareTo(settings.interval()) >= 0
                : age.compareTo(settings.heartbeat()) >= 0;
    }

    /** The checkpoint as a CloudEvent (structured, RFC 8785) for {@code eer.checkpoints}, keyed by origin. */
    private OutboxMessage outbox(SignedCheckpoint signed, Instant now) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("seq", signed.seq());
        data.set("checkpoint", readBody(signed));
        data.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        String id = ids.next();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", service.source());
        event.put("type", EVENT_TYPE);
        event.put("subject", settings.origin());
        event.put("time", now.truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        OutboxMessage row = new OutboxMessage();
        row.eventId = id;
        row.topic = service.topic(Topics.CHECKPOINTS);
        row.recordKey = settings.origin();
        row.payload = new String(CanonicalJson.write(event), StandardCharsets.UTF_8);
        row.createdAt = now;
        return row;
    }

    static ObjectNode readBody(SignedCheckpoint signed) {
        try {
            return (ObjectNode) EventCodec.mapper().readTree(signed.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a signed body is JSON", e);
        }
    }
}
