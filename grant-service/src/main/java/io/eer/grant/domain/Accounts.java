package io.eer.grant.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names on the target. A temporary account is {@code eer_} followed by the grant id's letters and digits, so it
 * is a valid unquoted SQL identifier, traceable to its grant, and never derived from user input.
 */
public final class Accounts {

    /** PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER = 63;
    private static final Pattern ACCOUNT = Pattern.compile("eer_[a-z0-9]{1,59}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Accounts() {
    }

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

    /** A temporary account created by EER (and so one EER may drop). */
    public static boolean isTemporaryAccount(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }
}
