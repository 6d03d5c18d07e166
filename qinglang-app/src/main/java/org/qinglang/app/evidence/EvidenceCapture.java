package org.qinglang.app.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qinglang.app.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Freezes evidence (一键取证): reads the abusive events about a person, writes them into one JSON document
 * with a SHA-256 per item and over the items, signs the document's bytes with {@link EvidenceKey}, and
 * stores it with an audit record in one transaction. The document's layout is in docs/protection.md; it
 * is written with a plain {@link ObjectMapper} (compact, fields in a fixed order) so that a verifier can
 * recompute each item's hash. Thread-safe.
 */
@Service
public class EvidenceCapture {

    /** The format name written in every document. */
    public static final String FORMAT = "qinglang-evidence/2";
    /** The most items one bundle holds; more must be split by time range. */
    public static final int MAX_ITEMS = 10_000;

    /** Thrown when the events in range are more than {@link #MAX_ITEMS}. */
    public static final class TooManyItems extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyItems() {
            super("more than " + MAX_ITEMS + " items", null, false, false);
        }
    }

    /**
     * Writes documents: compact, fields in insertion order; characters beyond the BMP as {@code \uD83D\uDE00}
     * escapes, as Jackson writes them (its option to write them as UTF-8 instead turns a lone surrogate and the
     * character after it into one wrong character, in 2.18), which every JSON parser reads back as the characters.
     */
    private static final ObjectMapper DOCUMENT = new ObjectMapper();

    private final EvidenceStore store;
    private final EvidenceKey key;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    @Autowired
    EvidenceCapture(EvidenceStore store, EvidenceKey key, AuditTrail audit, TransactionTemplate tx) {
        this(store, key, audit, tx, Clock.systemUTC());
    }

    EvidenceCapture(EvidenceStore store, EvidenceKey key, AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.key = key;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Captures the abusive comments, DMs and mentions about {@code account} with {@code from <= ts < to}
     * (either may be empty: no bound), as {@code by}. Stored and audited when it returns.
     *
     * @throws TooManyItems if more than {@link #MAX_ITEMS} events are in range
     */
    public EvidenceBundle capture(String account, Optional<Instant> from, Optional<Instant> to, String by) {
        return tx.execute(status -> {
            List<EvidenceStore.Item> items = store.abusiveAbout(account, from.orElse(Instant.parse("0001-01-01T00:00:00Z")),
                    to.orElse(Instant.parse("9999-12-31T00:00:00Z")), MAX_ITEMS + 1);
            if (items.size() > MAX_ITEMS) {
                throw new TooManyItems();
            }
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ObjectNode doc = DOCUMENT.createObjectNode();
            doc.put("format", FORMAT);
            doc.put("id", id);
            doc.put("account", account);
            doc.put("capturedAt", now.toString());
            doc.put("capturedBy", by);
            from.ifPresent(f -> doc.put("from", f.toString()));
            to.ifPresent(t -> doc.put("to", t.toString()));
            doc.put("algorithm", "Ed25519");
            doc.put("keyId", key.keyId());
            doc.put("itemCount", items.size());
            ArrayNode arr = doc.putArray("items");
            StringBuilder hashes = new StringBuilder();
            for (EvidenceStore.Item it : items) {
                ObjectNode n = item(it);
                String h = sha256(Jcs.bytes(n));
                n.put("sha256", h);
                arr.add(n);
                hashes.append(h).append('\n');
            }
            doc.put("itemsSha256", sha256(hashes.toString().getBytes(StandardCharsets.US_ASCII)));
            byte[] bytes = bytes(doc);
            String document = new String(bytes, StandardCharsets.UTF_8);
            EvidenceBundle b = new EvidenceBundle(id, account, now, by, items.size(), document, sha256(bytes),
                    Base64.getEncoder().encodeToString(key.sign(bytes)), key.keyId());
            store.insert(b);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("account", account);
            after.put("items", items.size());
            after.put("sha256", b.sha256());
            after.put("keyId", b.keyId());
            audit.append(by, "evidence.capture", "evidence:" + id, null, after);
            return b;
        });
    }

    /** A bundle as listed: who froze it, when, how many items, its hash (not its document). */
    public record Summary(String id, Instant capturedAt, String capturedBy, int itemCount, String sha256) {
    }

    /** The bundles about {@code account}, newest first, at most {@code limit}. */
    public List<Summary> ofAccount(String account, int limit) {
        return store.ofAccount(account, limit);
    }

    /** The stored bundle {@code id}, unchanged since it was captured. */
    public Optional<EvidenceBundle> find(String id) {
        return store.find(id);
    }

    /** One item as it is written and hashed (without its {@code sha256}). */
    private static ObjectNode item(EvidenceStore.Item it) {
        ObjectNode n = DOCUMENT.createObjectNode();
        n.put("eventId", it.eventId());
        n.put("type", it.type());
        n.put("ts", it.ts().toString());
        n.put("actor", it.actor());
        n.put("targetContent", it.targetContent());
        n.put("text", it.text());
        n.put("suggestion", it.suggestion());
        n.put("riskLevel", it.riskLevel());
        n.put("labels", it.labels()); // the verdict's labels as stored (JSON text): no fractions in the hashed item
        n.put("receivedAt", it.receivedAt().toString());
        return n;
    }

    /** The compact UTF-8 JSON of {@code node}, fields in insertion order: the document, which is hashed and signed. */
    static byte[] bytes(JsonNode node) {
        try {
            return DOCUMENT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always writable", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
