package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotFormatException;
import dev.vexil.wire.AtomicFiles;
import dev.vexil.wire.KillList;
import dev.vexil.wire.KillListFormatException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The last-known-good copy on disk, two files per (edge URL, SDK key) so that two clients never collide:
 * <ul>
 *   <li>{@code vexil-<id>.snapshot.json}: the accepted snapshot, byte for byte as verified (usable as a bootstrap
 *       file), rewritten only when a new snapshot is accepted;</li>
 *   <li>{@code vexil-<id>.state.json}: small and rewritten on every confirmation: the version and hash it describes,
 *       {@code confirmedAt}, the ETags and the last kill list.</li>
 * </ul>
 * {@code <id>} is the first 16 hex digits of SHA-256(base URL + "\n" + SDK key); the key itself is never written.
 * Both files are replaced atomically. Reading verifies the snapshot with the codec; a corrupt copy is ignored.
 */
final class SnapshotCache {
    private static final System.Logger LOG = System.getLogger(SnapshotCache.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path snapshotFile;
    private final Path stateFile;
    private final SnapshotReader reader;

    SnapshotCache(Path directory, URI edgeBaseUrl, String sdkKey, SnapshotReader reader) {
        this.reader = reader;
        String id = cacheId(edgeBaseUrl, sdkKey);
        this.snapshotFile = directory.resolve("vexil-" + id + ".snapshot.json");
        this.stateFile = directory.resolve("vexil-" + id + ".state.json");
    }

    static String cacheId(URI edgeBaseUrl, String sdkKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((edgeBaseUrl + "\n" + sdkKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    Path snapshotFile() {
        return snapshotFile;
    }

    Path stateFile() {
        return stateFile;
    }

    /** Stores a newly accepted snapshot (its verified bytes), then the state that describes it. */
    void writeSnapshot(byte[] verifiedJson, CacheState state) throws IOException {
        AtomicFiles.write(snapshotFile, verifiedJson);
        writeState(state);
    }

    void writeState(CacheState state) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("cacheFormat", 1);
        node.put("snapshotVersion", state.snapshotVersion());
        node.put("contentHash", state.contentHash());
        node.put("confirmedAt", state.confirmedAt() == null ? null : state.confirmedAt().toString());
        node.put("snapshotEtag", state.snapshotEtag());
        node.put("killListEtag", state.killListEtag());
        node.set("killList", state.killList().toJsonNode());
        AtomicFiles.write(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }

    /** The cached snapshot if present and valid; a corrupt or unreadable copy is logged and ignored. */
    Optional<LoadedData> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(snapshotFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil: cannot read the cached snapshot " + snapshotFile + ": " + e);
            return Optional.empty();
        }
        Snapshot snapshot;
        try {
            snapshot = reader.read(bytes);
        } catch (SnapshotFormatException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil: ignoring the corrupt cached snapshot " + snapshotFile
                    + ": " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(withState(snapshot));
    }

    /**
     * Pairs the snapshot with its state file. If the state describes another snapshot (a crash between the two
     * writes), the snapshot file's modification time stands in for confirmedAt: it was written when accepted.
     */
    private LoadedData withState(Snapshot snapshot) {
        Instant fileTime = modifiedAt(snapshotFile);
        JsonNode state = readState();
        if (state == null) {
            return new LoadedData(snapshot, DataSource.CACHE, fileTime, null, KillList.NONE, null);
        }
        KillList killList = KillList.NONE;
        try {
            JsonNode kill = state.get("killList");
            if (kill != null && kill.isObject()) {
                killList = KillList.parse(kill);
            }
        } catch (KillListFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil: ignoring the cached kill list: " + e.getMessage());
        }
        boolean describesThisSnapshot = state.path("snapshotVersion").asLong(-1) == snapshot.version()
                && state.path("contentHash").asText("").equals(snapshot.contentHash());
        if (!describesThisSnapshot) {
            return new LoadedData(snapshot, DataSource.CACHE, fileTime, null, killList, null);
        }
        Instant confirmedAt = parseInstant(state.path("confirmedAt").asText(null));
        return new LoadedData(snapshot, DataSource.CACHE, confirmedAt == null ? fileTime : confirmedAt,
                textOrNull(state.get("snapshotEtag")), killList, textOrNull(state.get("killListEtag")));
    }

    private JsonNode readState() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(stateFile));
            return node != null && node.isObject() ? node : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Vexil: ignoring the unreadable cache state " + stateFile + ": " + e);
            return null;
        }
    }

    static Instant modifiedAt(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    static Instant parseInstant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** What the state file records. */
    record CacheState(long snapshotVersion, String contentHash, Instant confirmedAt, String snapshotEtag,
                      KillList killList, String killListEtag) {
    }
}
