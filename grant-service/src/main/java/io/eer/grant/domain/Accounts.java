package io.eer.grant.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names on the target. A temporary account is {@code eer_} followed by 32 hex digits of SHA-256 of the request id:
 * deterministic per request (a redelivered {@code Approved} finds the login an interrupted attempt left instead of
 * creating a second one), a valid unquoted SQL identifier, and never user input put into SQL. Grants provisioned
 * before this naming used the grant id's letters and digits; those stay revocable.
 */
public final class Accounts {

    /** PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER = 63;
    private static final Pattern ACCOUNT = Pattern.compile("eer_[a-z0-9]{1,59}");
    /** What the reconciler may consider one of ours: exactly the form {@link #forRequest} (and UUID grant ids) give. */
    private static final Pattern RECONCILABLE = Pattern.compile("eer_[0-9a-f]{32}");
    private static final Pattern DIRECTORY_ENTRY = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}=[^\\p{Cntrl}]{1,447}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Accounts() {
    }

    /** The login of a request's grant: the same name every time the request is provisioned. */
    public static String forRequest(String requestId) {
        if (requestId == null || requestId.isEmpty()) {
            throw new IllegalArgumentException("a request id is required to name its login");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return "eer_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A login the reconciler may inspect and, when no active grant explains it, drop. */
    public static boolean isReconcilable(String name) {
        return name != null && RECONCILABLE.matcher(name).matches();
    }

    /** Login names before {@link #forRequest}: derived from the grant id. */
    public static String forGrant(String grantId) {
        String core = grantId == null ? "" : grantId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "eer_" + core.substring(0, Math.min(core.length(), MAX_IDENTIFIER - 4));
        if (!ACCOUNT.matcher(name).matches()) {
            throw new IllegalArgumentException("grant id '" + grantId + "' gives no valid account name");
        }
        return name;
    }

    /** A role or account name we accept on a target: a plain identifier, at most 63 characters. */
    public static boolean isIdentifier(String name) {
        return name != null && ROLE.matcher(name).matches();
    }

    /**
     * A directory entry's distinguished name as a directory connector records it ({@code uid=carol,ou=people,...}):
     * starts with an attribute type and {@code =}, at most 512 characters, no control characters. Its exact syntax
     * is the connector's to check; it is never a login EER may drop.
     */
    public static boolean isDirectoryAccount(String name) {
        return name != null && DIRECTORY_ENTRY.matcher(name).matches();
    }

    /** A temporary account created by EER (and so one EER may drop). */
    public static boolean isTemporaryAccount(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }
}
