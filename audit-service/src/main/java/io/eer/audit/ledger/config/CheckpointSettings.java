package io.eer.audit.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code eer.audit.checkpoint.*}: signing keys, cadence and the writer lease. */
@ConfigMapping(prefix = "eer.audit.checkpoint")
public interface CheckpointSettings {

    /** The ledger's name in every checkpoint body, so a checkpoint cannot be passed off for another ledger. */
    @WithDefault("eer-audit")
    String origin();

    /** Key id written into each checkpoint body; the verifier picks the public key by it. */
    String keyId();

    /** PEM PKCS#8 Ed25519 private key file (or classpath resource). */
    String privateKey();

    /** PEM X.509 public key file (or classpath resource) of {@link #privateKey()}. */
    String publicKey();

    /** Retired keys still trusted for old checkpoints, each {@code keyId=path/to/public.pem}. */
    Optional<List<String>> retiredKeys();

    /** A new checkpoint is signed at most this often while the ledger grows. */
    @WithDefault("10s")
    Duration interval();

    /** With nothing appended, a checkpoint is signed again after this long: proof that the ledger is alive and the same. */
    @WithDefault("5m")
    Duration heartbeat();

    /** How often the writer lease is confirmed (or taken over) and the cadence looked at; read by the scheduler. */
    @WithDefault("1s")
    Duration tick();
}
