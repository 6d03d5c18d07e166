package org.qinglang.app.evidence;

import org.qinglang.app.server.Ed25519Files;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The server's evidence signing key (取证签名密钥): an Ed25519 key pair in the data directory beside the
 * server secret, made on the first start — {@code evidence-key.pem} (PKCS#8, owner-only) and
 * {@code evidence-key.pub.pem} (X.509 SubjectPublicKeyInfo) — both in the PEM form that {@code openssl}
 * reads. Ed25519 rather than an HMAC with the server secret: a third party verifies with the public key
 * alone, and nobody holding the public key can forge a bundle. The files are kept by {@link Ed25519Files}.
 * Thread-safe.
 */
@Component
public final class EvidenceKey {

    /** The private key's file name inside the data directory. */
    public static final String PRIVATE_FILE = "evidence-key.pem";
    /** The public key's file name inside the data directory. */
    public static final String PUBLIC_FILE = "evidence-key.pub.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public EvidenceKey(@Value("${qinglang.data-dir}") Path dataDir) {
        Ed25519Files.Loaded loaded = Ed25519Files.loadOrCreate(dataDir.resolve(PRIVATE_FILE),
                dataDir.resolve(PUBLIC_FILE), "evidence key");
        this.privateKey = loaded.pair().getPrivate();
        this.publicKey = loaded.pair().getPublic();
        this.keyId = Ed25519Files.keyId(publicKey);
    }

    /** The Ed25519 signature (64 bytes) of {@code data}. */
    public byte[] sign(byte[] data) {
        return Ed25519Files.sign(privateKey, data);
    }

    /** True if {@code signature} is {@code key}'s Ed25519 signature of {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        return Ed25519Files.verify(key, data, signature);
    }

    /** The public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), for {@code openssl pkeyutl -verify}. */
    public String publicKeyPem() {
        return Ed25519Files.pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: names the key in every bundle. */
    public String keyId() {
        return keyId;
    }

    /** The public key of a PEM text. */
    public static PublicKey readPublicPem(String pem) {
        return Ed25519Files.readPublicPem(pem);
    }
}
