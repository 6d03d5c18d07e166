package org.qinglang.app.server;

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
 * An Ed25519 key pair kept in two PEM files of the data directory (the private one owner-only, through
 * {@link SecretFiles}; the public one for anyone who verifies), made at the first start: what the evidence bundles
 * and the audit head are signed with, each with a pair of its own. The JDK's own Ed25519 (Java 15+).
 */
public final class Ed25519Files {

    private static final String ALGORITHM = "Ed25519";

    private Ed25519Files() {
    }

    /** A key pair as loaded, and whether this start made it (the data directory had none). */
    public record Loaded(KeyPair pair, boolean madeNow) {
    }

    /**
     * The pair in {@code privateFile} and {@code publicFile}, made first if there is no private file (by another
     * start at the same moment: theirs is read); checked to belong together. {@code what} names it in errors.
     */
    public static Loaded loadOrCreate(Path privateFile, Path publicFile, String what) {
        boolean made = makeIfAbsent(privateFile, publicFile, what);
        PublicKey pub = readPublic(publicFile); // its own errors name the public file
        try {
            PrivateKey priv = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    der(Files.readString(privateFile, StandardCharsets.US_ASCII))));
            byte[] probe = ("qinglang " + what + " check").getBytes(StandardCharsets.US_ASCII);
            if (!verify(pub, probe, sign(priv, probe))) {
                throw new IllegalStateException(publicFile + " is not the public key of " + privateFile);
            }
            return new Loaded(new KeyPair(pub, priv), made);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " " + privateFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateFile + " is not an Ed25519 private key in PEM: " + e.getMessage(), e);
        }
    }

    /** The Ed25519 signature (64 bytes) of {@code data}. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** True if {@code signature} is {@code key}'s Ed25519 signature of {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key in a PEM file. */
    public static PublicKey readPublic(Path file) {
        try {
            return readPublicPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The public key of a PEM text. */
    public static PublicKey readPublicPem(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /** {@code der} as PEM of {@code type} ({@code PUBLIC KEY}, {@code PRIVATE KEY}). */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: a short name of the key. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static boolean makeIfAbsent(Path privateFile, Path publicFile, String what) {
        if (Files.exists(privateFile)) {
            return false;
        }
        try {
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
            KeyPair fresh = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            try {
                SecretFiles.createOwnerOnly(privateFile,
                        pem("PRIVATE KEY", fresh.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException raced) {
                return false; // another start made it first: read theirs
            }
            Files.writeString(publicFile, pem("PUBLIC KEY", fresh.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the " + what + " " + privateFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }
}
