package dev.vexil.local;

import dev.vexil.snapshot.SigningKeys;
import dev.vexil.wire.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Local mode's snapshot signing key: {@code <data dir>/signing-key.pem}, a PKCS#8 PEM {@code PRIVATE KEY} (P-256)
 * followed by its {@code PUBLIC KEY} block (PKCS#8 need not carry the public key, and the JDK cannot derive it),
 * created on the first start (file mode 600, like the credentials). Beside it, {@code signing-key.pub.pem} holds the
 * public key alone, to give SDKs ({@code trustedKey(...)}); it is written again on every start so that it matches.
 */
final class SigningKeyFile {
    static final String PRIVATE_FILE = "signing-key.pem";
    static final String PUBLIC_FILE = "signing-key.pub.pem";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKeyFile() {
    }

    /** Reads the key pair, creating it on the first start, and (re)writes the public key file. */
    static KeyPair loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(PRIVATE_FILE);
        try {
            KeyPair keys;
            if (Files.exists(file)) {
                keys = read(Files.readString(file, StandardCharsets.US_ASCII), file);
            } else {
                keys = SigningKeys.generate();
                AtomicFiles.write(file, pem(keys).getBytes(StandardCharsets.US_ASCII));
            }
            AtomicFiles.write(dataDir.resolve(PUBLIC_FILE),
                    SigningKeys.toPem(keys.getPublic()).getBytes(StandardCharsets.US_ASCII));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the signing key " + file, e);
        }
    }

    private static String pem(KeyPair keys) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n" + END + "\n"
                + SigningKeys.toPem(keys.getPublic());
    }

    private static KeyPair read(String text, Path file) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " is not a PEM \"PRIVATE KEY\" (PKCS#8) file; move it away to "
                    + "get a new signing key (SDKs must then trust the new public key)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyPair keys = new KeyPair(SigningKeys.parsePublicKey(text.substring(end + END.length())), key);
            checkPair(keys);
            return keys;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a P-256 key pair: " + e.getMessage(), e);
        }
    }

    /** A public key block that does not belong to the private key would make every snapshot unverifiable. */
    private static void checkPair(KeyPair keys) throws GeneralSecurityException {
        byte[] probe = "vexil signing key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(probe);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new IllegalArgumentException("its PUBLIC KEY block does not belong to its PRIVATE KEY");
        }
    }
}
