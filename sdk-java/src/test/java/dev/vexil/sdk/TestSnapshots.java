package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.StalenessPolicy;
import dev.vexil.model.Variation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.snapshot.SnapshotSigning;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real, sealed snapshots for tests, built with the model records and the codec. */
public final class TestSnapshots {
    public static final String PROJECT = "shop";
    public static final String ENVIRONMENT = "prod";

    private TestSnapshots() {
    }

    /** A boolean flag that is on and serves {@code value} to everyone (variation 0 = true, 1 = false). */
    public static Flag boolFlag(String key, boolean value) {
        return new Flag(key, FlagType.BOOLEAN, List.of(new Variation(BooleanNode.TRUE, "on"),
                new Variation(BooleanNode.FALSE, "off")), 1L, true, 1, null, null, null, null,
                Serve.variation(value ? 0 : 1), null);
    }

    /** Like {@link #boolFlag} serving true, with a staleness policy. */
    public static Flag boolFlag(String key, StalenessPolicy staleness) {
        Flag f = boolFlag(key, true);
        return new Flag(f.key(), f.type(), f.variations(), f.version(), f.on(), f.offVariation(), f.salt(),
                f.targets(), f.prerequisites(), f.rules(), f.fallthrough(), staleness);
    }

    /** A string flag, on, serving variation {@code serve}; the off variation is the last one. */
    public static Flag stringFlag(String key, int serve, String... values) {
        List<Variation> variations = new ArrayList<>();
        for (String v : values) {
            variations.add(new Variation(TextNode.valueOf(v), "name-" + v));
        }
        return new Flag(key, FlagType.STRING, variations, 1L, true, values.length - 1, null, null, null, null,
                Serve.variation(serve), null);
    }

    public static Flag numberFlag(String key, double value) {
        return new Flag(key, FlagType.NUMBER, List.of(new Variation(JsonNodeFactory.instance.numberNode(value), null)),
                1L, true, 0, null, null, null, null, Serve.variation(0), null);
    }

    public static Flag jsonFlag(String key, JsonNode value) {
        return new Flag(key, FlagType.JSON, List.of(new Variation(value, "only")), 1L, true, 0, null, null, null,
                null, Serve.variation(0), null);
    }

    /**
     * A string flag {@code probe} whose every observable encodes {@code version}: the value is {@code "v<version>"},
     * it is variation {@code version % 3} of three, and the flag is on (reason FALLTHROUGH) for even versions and
     * off (reason OFF, serving its off variation, the same one) for odd versions.
     */
    public static Flag probeFlag(long version) {
        int index = (int) (version % 3);
        List<Variation> variations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            variations.add(new Variation(TextNode.valueOf(i == index ? "v" + version : "other-" + i), null));
        }
        return new Flag("probe", FlagType.STRING, variations, version, version % 2 == 0, index, null, null, null,
                null, Serve.variation(index), null);
    }

    public static Snapshot snapshot(long version, Flag... flags) {
        return snapshot(version, Instant.now(), flags);
    }

    /** Flags are sorted by key, as the format requires. */
    public static Snapshot snapshot(long version, Instant generatedAt, Flag... flags) {
        List<Flag> sorted = new ArrayList<>(List.of(flags));
        sorted.sort(java.util.Comparator.comparing(Flag::key));
        return SnapshotCodec.seal(new Snapshot(Snapshot.CURRENT_SCHEMA_VERSION, PROJECT, ENVIRONMENT, version,
                generatedAt.toString(), sorted, List.of(), null));
    }

    public static byte[] json(long version, Flag... flags) {
        return SnapshotCodec.write(snapshot(version, flags));
    }

    public static byte[] json(long version, Instant generatedAt, Flag... flags) {
        return SnapshotCodec.write(snapshot(version, generatedAt, flags));
    }

    /** {@code json} (a sealed snapshot) signed with {@code key} and sealed again, as the compiler publishes it. */
    public static byte[] signed(byte[] json, KeyPair key) {
        try {
            ObjectNode tree = (ObjectNode) SnapshotCodec.readVerifiedTree(json);
            tree.remove(SnapshotCodec.HASH_FIELD);
            ObjectNode signed = SnapshotSigning.signed(tree, content -> SnapshotSigning.sign(key.getPrivate(),
                    SigningKeys.keyId(key.getPublic()), content));
            return SnapshotCodec.sealTree(signed).bytes();
        } catch (SnapshotFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
