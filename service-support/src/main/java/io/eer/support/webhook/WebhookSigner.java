package io.eer.support.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies so that a receiver can tell they came from EER and were not changed: header
 * {@value #HEADER}{@code : t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body bytes>")>}. The timestamp is
 * inside the MAC, so a receiver can refuse an old (replayed) body. Check one with openssl:
 * <pre>printf '%s.%s' "$T" "$(cat body.json)" | openssl dgst -sha256 -hmac "$EER_WEBHOOK_SECRET"</pre>
 * Plain JDK, no framework: every service's webhook sender uses this one class.
 */
public final class WebhookSigner {

    public static final String HEADER = "X-EER-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    private WebhookSigner(byte[] secret) {
        this.secret = secret;
    }

    /** A signer with this secret (UTF-8 bytes); a blank secret is refused, never used. */
    public static WebhookSigner withSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be blank");
        }
        return new WebhookSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The signer a sender may use, or why it must not send: with a URL and no secret it refuses (empty plus an
     * error), unless {@code allowUnsigned} (tests only). No URL: nothing is sent anyway.
     */
    public static Optional<WebhookSigner> forSender(boolean urlSet, Optional<String> secret, boolean allowUnsigned) {
        Optional<String> usable = secret.filter(value -> !value.isBlank());
        if (usable.isPresent()) {
            return usable.map(WebhookSigner::withSecret);
        }
        if (urlSet && !allowUnsigned) {
            throw new UnsignedWebhookException();
        }
        return Optional.empty();
    }

    /** A URL is configured but no secret: EER does not post unsigned bodies. */
    public static final class UnsignedWebhookException extends IllegalStateException {
        UnsignedWebhookException() {
            super("a webhook URL is set but EER_WEBHOOK_SECRET is not: bodies are never posted unsigned");
        }
    }

    /** The header value for {@code body} (the exact bytes that will be sent) at {@code at}. */
    public String sign(byte[] body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} with this secret, made no longer than
     * {@code tolerance} before (or after) {@code now}. Constant-time comparison.
     */
    public boolean verify(byte[] body, String header, Instant now, Duration tolerance) {
        Objects.requireNonNull(body, "body");
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            try {
                if (pair[0].equals("t")) {
                    t = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || given == null || Math.abs(now.getEpochSecond() - t) > tolerance.getSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(t, body), given);
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret hidden]";
    }
}
