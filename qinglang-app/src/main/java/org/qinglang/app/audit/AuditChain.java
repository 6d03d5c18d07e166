package org.qinglang.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of one audit row (审计链): SHA-256 over the previous row's hash and every field of this row, each
 * field length-prefixed so that no two different rows encode alike. The first row's previous hash is
 * {@link #GENESIS}. Pure and thread-safe.
 */
public final class AuditChain {

    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The hash of a row; {@code at} counts to the microsecond (what both databases keep). */
    public static String hash(String prevHash, long seq, Instant at, String actor, String action, String subject,
                              String before, String after) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        for (String part : new String[]{prevHash, Long.toString(seq), Long.toString(micros), actor, action, subject,
                before == null ? "\u0000null" : before, after == null ? "\u0000null" : after}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
