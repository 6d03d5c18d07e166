package org.qinglang.app.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored evidence bundle (取证包).
 *
 * @param id         its id (a UUID)
 * @param account    whom it is about
 * @param capturedAt when it was frozen
 * @param capturedBy who asked ({@code apikey:3})
 * @param itemCount  how many events it holds
 * @param document   the signed JSON document, exactly as signed (its UTF-8 bytes are what the signature covers)
 * @param sha256     the SHA-256 of the document's UTF-8 bytes, hex
 * @param signature  the Ed25519 signature of the document's UTF-8 bytes, base64
 * @param keyId      the signing key ({@link EvidenceKey#keyId()})
 */
public record EvidenceBundle(String id, String account, Instant capturedAt, String capturedBy, int itemCount,
                             String document, String sha256, String signature, String keyId) {

    public EvidenceBundle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(capturedBy, "capturedBy");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(keyId, "keyId");
    }
}
