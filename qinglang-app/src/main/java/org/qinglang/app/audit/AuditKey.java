package org.qinglang.app.audit;

import org.qinglang.app.server.SecretFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The audit head's signing key (审计链头签名密钥): an Ed25519 key pair in the data directory beside the server
 * secret, made on the first start — {@value #PRIVATE_FILE} (PKCS#8 PEM, owner-only, through {@link SecretFiles})
 * and {@value #PUBLIC_FILE} (X.509 PEM). The server signs the head's (seq, hash) with it at every append, so
 * whoever can write the database but not read this file cannot point the head at an earlier row. Ed25519
 * rather than an HMAC: {@code audit verify} needs only the public key, which may be copied anywhere, and
 * nobody holding it can sign. The JDK's own Ed25519 (Java 15+). Thread-safe.
 */
@Component
public final class AuditKey {

    /** The private key's file name inside the data directory. */
    public static final String PRIVATE_FILE = "audit-key.pem";
    /** The public key's file name inside the data directory: what {@code audit verify} reads. */
    public static final String PUBLIC_FILE = "audit-key.pub.pem";

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean madeNow;

    /** Loads the key pair from {@code dataDir}, making it first if it is not there. */
    public AuditKey(@Value("${qinglang.data-dir}") Path dataDir) {
        Path privateFile = dataDir.resolve(PRIVATE_FILE);
        Path publicFile = dataDir.resolve(PUBLIC_FILE);
        this.madeNow = makeIfAbsent(privateFile, publicFile);
        try {
            this.privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    der(Files.readString(privateFile, StandardCharsets.US_ASCII))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit key " + privateFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateFile + " is not an Ed25519 private key in PEM: " + e.getMessage(),
                    e);
        }
        this.publicKey = readPublic(publicFile);
        if (!verify(publicKey, 0, AuditChain.GENESIS, sign(0, AuditChain.GENESIS))) {
            throw new IllegalStateException(publicFile + " is not the public key of " + privateFile);
        }
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
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(signed(seq, hash));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** True if {@code signature} is {@code key}'s signature of a head naming row {@code seq} with {@code hash}. */
    public static boolean verify(PublicKey key, long seq, String hash, String signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(signed(seq, hash));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key in a PEM file such as {@value #PUBLIC_FILE}. */
    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(
                    der(Files.readString(file, StandardCharsets.US_ASCII))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: names the key in what verify prints. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** What is signed: a fixed label (so no other signature of this key can pass as a head's), seq and hash. */
    private static byte[] signed(long seq, String hash) {
        return ("qinglang audit head v1\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean makeIfAbsent(Path privateFile, Path publicFile) {
        if (Files.exists(privateFile)) {
            return false;
        }
        try {
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
            var fresh = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            try {
                SecretFiles.createOwnerOnly(privateFile,
                        pem("PRIVATE KEY", fresh.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException raced) {
                return false; // another start made it first: read theirs
            }
            Files.writeString(publicFile, pem("PUBLIC KEY", fresh.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit key " + privateFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
