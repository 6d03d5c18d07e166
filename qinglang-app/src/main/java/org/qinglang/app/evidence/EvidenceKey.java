package org.qinglang.app.evidence;

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
import java.security.KeyPair;
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
 * The server's evidence signing key (取证签名密钥): an Ed25519 key pair in the data directory beside the
 * server secret, made on the first start — {@code evidence-key.pem} (PKCS#8, owner-only) and
 * {@code evidence-key.pub.pem} (X.509 SubjectPublicKeyInfo) — both in the PEM form that {@code openssl}
 * reads. Ed25519 rather than an HMAC with the server secret: a third party verifies with the public key
 * alone, and nobody holding the public key can forge a bundle. The JDK's own Ed25519 (Java 15+) is used,
 * so no library is needed. Thread-safe.
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
        KeyPair pair = loadOrCreate(dataDir.resolve(PRIVATE_FILE), dataDir.resolve(PUBLIC_FILE));
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = keyId(publicKey);
    }

    /** The Ed25519 signature (64 bytes) of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** True if {@code signature} is {@code key}'s Ed25519 signature of {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), for {@code openssl pkeyutl -verify}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: names the key in every bundle. */
    public String keyId() {
        return keyId;
    }

    /** The public key of a PEM text. */
    public static PublicKey readPublicPem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    private static String keyId(PublicKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static KeyPair loadOrCreate(Path privateFile, Path publicFile) {
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(privateFile.toAbsolutePath().getParent());
                KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                try {
                    SecretFiles.createOwnerOnly(privateFile,
                            pem("PRIVATE KEY", fresh.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
                    Files.writeString(publicFile, pem("PUBLIC KEY", fresh.getPublic().getEncoded()),
                            StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first: read theirs
                }
            }
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile,
                    StandardCharsets.US_ASCII))));
            PublicKey pub = readPublicPem(Files.readString(publicFile, StandardCharsets.US_ASCII));
            byte[] probe = "qinglang evidence key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(probe);
            if (!verify(pub, probe, s.sign())) {
                throw new IllegalStateException(publicFile + " is not the public key of " + privateFile);
            }
            return new KeyPair(pub, priv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the evidence key " + privateFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateFile + " is not an Ed25519 key in PEM: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
