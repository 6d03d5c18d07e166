package org.qinglang.app.security;

import org.qinglang.app.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys of the platform's services (接口密钥). A key is {@code qk_<prefix>_<secret>}: 8 hex characters that
 * find its row and 32 random bytes; only the SHA-256 of the whole key is kept (a key is random, so a fast
 * hash is enough: there is nothing to guess, unlike a password), and the key itself is shown once, when it
 * is made. Creating and revoking are audited. Thread-safe.
 *
 * <p>A key that authenticated is remembered, by its hash, for {@link #REMEMBER_NANOS} (10 s), so that a busy
 * service's calls do not each read the database (the check of one text costs less than that read). Revoking
 * forgets every remembered key at once on this server; on another server sharing the database, a revoked key
 * works for at most those 10 s more. Keys that fail are never remembered.
 */
@Service
public class ApiKeys {

    /** A key as stored, without its secret. */
    public record Key(long id, String name, String prefix, Set<Scope> scopes, String createdBy,
                      OffsetDateTime createdAt, Optional<OffsetDateTime> revokedAt) {
    }

    /** A key just made: {@code secret} is the whole key, to be shown once and never again. */
    public record Created(Key key, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a key that authenticated is remembered. */
    static final long REMEMBER_NANOS = 10_000_000_000L;
    /** The most keys remembered; past it the memory starts afresh. */
    private static final int REMEMBER_MAX = 10_000;

    private record Remembered(Key key, long until) {
    }

    /** Keys that authenticated, by the SHA-256 of the whole key (never the key itself). */
    private final ConcurrentHashMap<String, Remembered> remembered =
            new ConcurrentHashMap<>();

    private final JdbcClient db;
    private final AuditTrail audit;

    public ApiKeys(JdbcClient db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Makes a key named {@code name} with {@code scopes}; {@code by} is who, for the audit trail. */
    @Transactional
    public Created create(String name, Set<Scope> scopes, String by) {
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a key's name is 1 to 100 characters");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope: check, ingest, report, protect or admin");
        }
        byte[] p = new byte[4];
        byte[] s = new byte[32];
        RANDOM.nextBytes(p);
        RANDOM.nextBytes(s);
        String prefix = HexFormat.of().formatHex(p);
        String secret = "qk_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(s);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String scopeIds = ids(scopes);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into api_key (name, prefix, key_hash, scopes, created_by, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(name, prefix, sha256(secret), scopeIds, by, now).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.append(by, "apikey.create", "apikey:" + id, null,
                Map.of("name", name, "prefix", prefix, "scopes", scopeIds));
        return new Created(new Key(id, name, prefix, Set.copyOf(scopes), by, now, Optional.empty()), secret);
    }

    /** The key whose whole text is {@code presented}, if it exists and is not revoked. */
    public Optional<Key> authenticate(String presented) {
        if (presented.length() != 55 || !presented.startsWith("qk_") || presented.charAt(11) != '_') {
            return Optional.empty();
        }
        String prefix = presented.substring(3, 11);
        String hex = sha256(presented);
        long now = System.nanoTime();
        Remembered r = remembered.get(hex);
        if (r != null && now - r.until() < 0) {
            return Optional.of(r.key());
        }
        byte[] hash = hex.getBytes(StandardCharsets.US_ASCII);
        Optional<Key> found = db.sql("select id, name, prefix, scopes, created_by, created_at, revoked_at, key_hash from api_key "
                        + "where prefix = ? and revoked_at is null").param(prefix)
                .query((rs, n) -> MessageDigest.isEqual(hash, rs.getString(8).getBytes(StandardCharsets.US_ASCII))
                        ? Optional.of(row(rs)) : Optional.<Key>empty())
                .optional().flatMap(k -> k);
        found.ifPresent(k -> {
            if (remembered.size() >= REMEMBER_MAX) {
                remembered.clear();
            }
            remembered.put(hex, new Remembered(k, now + REMEMBER_NANOS));
        });
        return found;
    }

    /** Every key, newest first. */
    public List<Key> list() {
        return db.sql("select id, name, prefix, scopes, created_by, created_at, revoked_at from api_key order by id desc")
                .query((rs, n) -> row(rs)).list();
    }

    /** Revokes key {@code id}; false if there is no such key or it was already revoked. */
    @Transactional
    public boolean revoke(long id, String by) {
        int n = db.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null")
                .params(OffsetDateTime.now(ZoneOffset.UTC), id).update();
        remembered.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a call that read the row before this commit may have remembered it again: forget once more after
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            remembered.clear();
                        }
                    });
        }
        if (n == 1) {
            audit.append(by, "apikey.revoke", "apikey:" + id, Map.of("revoked", false), Map.of("revoked", true));
        }
        return n == 1;
    }

    /** Parses scope ids such as {@code check,ingest}; throws naming the bad one. */
    public static Set<Scope> parseScopes(List<String> ids) {
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (String id : ids) {
            out.add(Scope.fromId(id.strip()));
        }
        return out;
    }

    private static String ids(Set<Scope> scopes) {
        return Arrays.stream(Scope.values()).filter(scopes::contains).map(Scope::id).collect(Collectors.joining(","));
    }

    private static Key row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Key(rs.getLong(1), rs.getString(2), rs.getString(3),
                parseScopes(List.of(rs.getString(4).split(","))), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), Optional.ofNullable(rs.getObject(7, OffsetDateTime.class)));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
