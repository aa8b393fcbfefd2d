package io.eer.audit.insight.application.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ledger state a report is computed from: entries {@code [0, size)}, the chain value at index {@code size-1}
 * and, once signed checkpoints exist, the checkpoint's Merkle root and signature metadata. An auditor reproduces the
 * report from an export of the first {@code size} entries.
 *
 * @param chainHead lowercase hex; 64 zeros for an empty ledger
 * @param merkleRoot lowercase hex, {@code null} while the basis is not a signed checkpoint
 * @param source {@code ledger-head} (the head at the moment of computing) or {@code signed-checkpoint}
 * @param checkpointKeyId the signing key of the checkpoint, {@code null} for {@code ledger-head}
 * @param checkpointTimestamp the checkpoint's signed timestamp, {@code null} for {@code ledger-head}
 */
public record ReportBasis(long size, String chainHead, String merkleRoot, String source, String checkpointKeyId,
        Instant checkpointTimestamp) {

    public static final String LEDGER_HEAD = "ledger-head";
    public static final String SIGNED_CHECKPOINT = "signed-checkpoint";

    /** What stating the basis evidences: the report comes from a tamper-evident record anyone can recompute. */
    public static final List<Control> CONTROLS = List.of(Control.HIPAA_AUDIT_CONTROLS, Control.ISO_LOGGING,
            Control.NIST_AU_9, Control.NIST_AU_10, Control.SOX_PRIVILEGED_MONITORING);

    public ReportBasis {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        Objects.requireNonNull(chainHead, "chainHead");
        Objects.requireNonNull(source, "source");
    }

    /** The committed ledger head, unsigned. */
    public static ReportBasis ofLedgerHead(long size, String chainHead) {
        return new ReportBasis(size, chainHead, null, LEDGER_HEAD, null, null);
    }
}
