package org.qinglang.app.audit;

import org.qinglang.app.server.Ed25519Files;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The audit head's signing key (审计链头签名密钥): an Ed25519 key pair in the data directory beside the server
 * secret, made on the first start — {@value #PRIVATE_FILE} (PKCS#8 PEM, owner-only, through {@link SecretFiles})
 * and {@value #PUBLIC_FILE} (X.509 PEM). The server signs the head's (seq, hash) with it at every append, so
 * whoever can write the database but not read this file cannot point the head at an earlier row. Ed25519
 * rather than an HMAC: {@code audit verify} needs only the public key, which may be copied anywhere, and
 * nobody holding it can sign. The files are kept by {@link Ed25519Files}. Thread-safe.
 */
@Component
public final class AuditKey {

    /** The private key's file name inside the data directory. */
    public static final String PRIVATE_FILE = "audit-key.pem";
    /** The public key's file name inside the data directory: what {@code audit verify} reads. */
    public static final String PUBLIC_FILE = "audit-key.pub.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean madeNow;

    /** Loads the key pair from {@code dataDir}, making it first if it is not there. */
    public AuditKey(@Value("${qinglang.data-dir}") Path dataDir) {
        Ed25519Files.Loaded loaded = Ed25519Files.loadOrCreate(dataDir.resolve(PRIVATE_FILE),
                dataDir.resolve(PUBLIC_FILE), "audit key");
        this.privateKey = loaded.pair().getPrivate();
        this.publicKey = loaded.pair().getPublic();
        this.madeNow = loaded.madeNow();
    }

    /** True if this key pair was made by this object (the data directory had none): a new or upgraded server. */
    public boolean madeNow() {
        return madeNow;
    }

    /** The public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signature (base64 of Ed25519's 64 bytes) of a head naming row {@code seq} whose hash is {@code hash}. */
    public String sign(long seq, String hash) {
        return Base64.getEncoder().encodeToString(Ed25519Files.sign(privateKey, signed(seq, hash)));
    }

    /** True if {@code signature} is {@code key}'s signature of a head naming row {@code seq} with {@code hash}. */
    public static boolean verify(PublicKey key, long seq, String hash, String signature) {
        try {
            return Ed25519Files.verify(key, signed(seq, hash), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false; // not base64
        }
    }

    /** The public key in a PEM file such as {@value #PUBLIC_FILE}. */
    public static PublicKey readPublic(Path file) {
        return Ed25519Files.readPublic(file);
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: names the key in what verify prints. */
    public static String keyId(PublicKey key) {
        return Ed25519Files.keyId(key);
    }

    /** What is signed: a fixed label (so no other signature of this key can pass as a head's), seq and hash. */
    private static byte[] signed(long seq, String hash) {
        return ("qinglang audit head v1\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8);
    }
}
