package dev.vexil.sdk;

import static dev.vexil.sdk.TestSnapshots.boolFlag;
import static dev.vexil.sdk.TestSnapshots.json;
import static dev.vexil.sdk.TestSnapshots.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.eval.Context;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted signing keys: forged, tampered and missing signatures are refused; keys rotate; the last good is kept. */
class SignedSnapshotsTest {
    private static final Context USER = Context.builder("user-1").build();
    private static final KeyPair COMPILER = SigningKeys.generate();
    private static final KeyPair NEXT_COMPILER = SigningKeys.generate();
    private static final KeyPair FORGER = SigningKeys.generate();

    private final FakeEdge edge = new FakeEdge();
    private VexilClient client;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        edge.close();
    }

    private static String pem(KeyPair key) {
        return SigningKeys.toPem(key.getPublic());
    }

    private VexilClient trustingTheCompiler(byte[] first) {
        edge.snapshot(first);
        client = TestClients.fast(edge).trustedKey(pem(COMPILER)).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
        return client;
    }

    private void awaitRefusal(String containing) {
        Eventually.await("refused: " + containing, () -> String.valueOf(client.status().lastError())
                .contains(containing));
    }

    @Test
    void aSnapshotSignedByATrustedKeyIsServed() {
        trustingTheCompiler(signed(json(1, boolFlag("checkout", true)), COMPILER));
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
    }

    @Test
    void aForgedSnapshotIsRefusedAndDoesNotRaiseTheVersionAcceptedNext() {
        trustingTheCompiler(signed(json(1, boolFlag("checkout", true)), COMPILER));

        // Someone with write access to the bucket publishes a huge version, signed with a key of their own.
        edge.snapshot(signed(json(999_999_999, boolFlag("checkout", false)), FORGER));
        awaitRefusal("refused an unverifiable snapshot: snapshot is signed with key "
                + SigningKeys.keyId(FORGER.getPublic()) + ", which this client does not trust");
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).as("the last good snapshot is kept").isTrue();

        edge.snapshot(signed(json(2, boolFlag("checkout", false)), COMPILER));
        Eventually.await("the genuine version 2", () -> client.status().snapshotVersion() == 2);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    @Test
    void aTamperedSnapshotWhoseHashWasRecomputedIsRefused() throws Exception {
        trustingTheCompiler(signed(json(1, boolFlag("checkout", false)), COMPILER));

        ObjectNode tampered = (ObjectNode) SnapshotCodec.readVerifiedTree(
                signed(json(2, boolFlag("checkout", false)), COMPILER));
        ((ObjectNode) tampered.get("flags").get(0)).put("on", true).putObject("fallthrough").put("variation", 0);
        tampered.remove("contentHash");
        edge.snapshot(SnapshotCodec.sealTree(tampered).bytes());

        awaitRefusal("signature does not match its content");
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, true)).isFalse();
    }

    @Test
    void anUnsignedSnapshotIsRefusedWhenKeysAreTrusted() {
        trustingTheCompiler(signed(json(1, boolFlag("checkout", true)), COMPILER));
        edge.snapshot(json(2, boolFlag("checkout", false)));
        awaitRefusal("refused an unverifiable snapshot: snapshot is not signed");
        assertThat(client.status().snapshotVersion()).isEqualTo(1);
        assertThat(client.boolVariation("checkout", USER, false)).isTrue();
    }

    @Test
    void anUnsignedFirstSnapshotLeavesTheClientUninitialised() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).trustedKey(pem(COMPILER)).build();
        awaitRefusal("snapshot is not signed");
        assertThat(client.status().initialized()).isFalse();
        assertThat(client.boolVariation("checkout", USER, false)).isFalse();
    }

    @Test
    void withoutTrustedKeysSignaturesAreNotRequired() {
        edge.snapshot(json(1, boolFlag("checkout", true)));
        client = TestClients.fast(edge).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();
        edge.snapshot(signed(json(2, boolFlag("checkout", false)), FORGER));
        Eventually.await("version 2", () -> client.status().snapshotVersion() == 2);
    }

    @Test
    void rotationTrustsTheOldAndTheNewKeyUntilTheOldIsDropped() {
        edge.snapshot(signed(json(1, boolFlag("checkout", true)), COMPILER));
        client = TestClients.fast(edge).trustedKey(pem(COMPILER)).trustedKey(pem(NEXT_COMPILER)).build();
        assertThat(client.waitForInitialization(Duration.ofSeconds(30))).isTrue();

        edge.snapshot(signed(json(2, boolFlag("checkout", false)), NEXT_COMPILER)); // the signer switched keys
        Eventually.await("version 2 under the new key", () -> client.status().snapshotVersion() == 2);
        edge.snapshot(signed(json(3, boolFlag("checkout", true)), FORGER));
        awaitRefusal("which this client does not trust");
        assertThat(client.status().snapshotVersion()).isEqualTo(2);
    }

    @Test
    void aTamperedCacheIsNotServedAtStart() throws Exception {
        Path cacheDir = dir.resolve("cache");
        edge.snapshot(signed(json(4, boolFlag("checkout", true)), COMPILER));
        SnapshotCache cache = new SnapshotCache(cacheDir, edge.baseUri(), TestClients.KEY, new SnapshotReader(null));
        try (VexilClient first = TestClients.fast(edge).cacheDirectory(cacheDir).trustedKey(pem(COMPILER)).build()) {
            assertThat(first.waitForInitialization(Duration.ofSeconds(30))).isTrue();
            Eventually.await("cached", () -> Files.exists(cache.snapshotFile()));
        }
        Files.write(cache.snapshotFile(), json(9, boolFlag("checkout", false))); // unsigned, but a valid hash

        client = VexilClient.builder(edge.baseUri(), TestClients.KEY).offline(true).cacheDirectory(cacheDir)
                .trustedKey(pem(COMPILER)).build();
        assertThat(client.waitForInitialization(Duration.ZERO)).isFalse();
    }

    @Test
    void trustedKeysMustBePemP256PublicKeys() {
        assertThatThrownBy(() -> VexilClient.builder(edge.baseUri(), TestClients.KEY).trustedKey("not a key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an EC public key");
    }
}
