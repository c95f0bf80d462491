package dev.vexil.functions.store;

import dev.vexil.functions.store.sqlite.SqliteSchema;
import dev.vexil.functions.store.support.ChangeListeners;
import dev.vexil.functions.store.support.Cursors;
import dev.vexil.functions.store.support.DiffCap;
import dev.vexil.functions.store.support.EnvironmentStates;
import dev.vexil.functions.store.support.ItemLimits;
import dev.vexil.functions.store.support.Pages;
import dev.vexil.functions.store.support.StoreJson;
import dev.vexil.functions.store.support.StoredVersion;
import dev.vexil.functions.store.support.VersionRules;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store of the local mode: one SQLite file (WAL journal, {@code synchronous=FULL}, so a committed
 * change survives a crash). Same semantics as {@link DynamoDbFlagRepository}: every change inserts one immutable
 * version row, and the table's primary key (scope, rtype, rkey, version) is the concurrency check.
 *
 * <p>Thread-safe: one connection, used under a lock, so operations of this process are serialised. Another
 * process writing the same file is still safe, because a lost race ends in a primary-key violation, not a lost
 * update.
 *
 * <p>Change feed: listeners added with {@link #addChangeListener} are called once per committed change (the local
 * stand-in for DynamoDB Streams), synchronously on the thread that made the change, after the commit and after the
 * lock is released, so a listener may call back into this repository. Changes on different threads may reach
 * listeners in a different order than they committed; each {@link ChangeRef} carries its version. A listener that
 * throws is logged and ignored; the write stays committed and the caller still gets its result.
 */
public final class SqliteFlagRepository implements FlagRepository, AutoCloseable {
    /** Where the local mode keeps its data, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of(".vexil", "vexil.db");

    private static final int MAX_ATTEMPTS = 5;
    private static final String PROJECTS_SCOPE = "";

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final ChangeListeners listeners = new ChangeListeners();

    /** Opens (or creates) the store in {@code file}, creating its directory if needed. */
    public SqliteFlagRepository(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            this.connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            SqliteSchema.apply(connection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the SQLite store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Registers a listener of committed changes; see the class comment for the threading. */
    public void addChangeListener(Consumer<ChangeRef> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the SQLite store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    // --- projects -------------------------------------------------------------------------------------------

    @Override
    public Versioned<Project> createProject(Project project, ChangeMeta meta) {
        return putProject(project, 0, meta);
    }

    @Override
    public Versioned<Project> updateProject(Project project, long expectedVersion, ChangeMeta meta) {
        return putProject(project, expectedVersion, meta);
    }

    private Versioned<Project> putProject(Project project, long expectedVersion, ChangeMeta meta) {
        Resource r = new Resource(PROJECTS_SCOPE, ResourceType.PROJECT, project.key(), "project " + project.key());
        StoredVersion written = write(r, expectedVersion, false, StoreJson.write(project), meta, () -> { });
        listeners.publish(new ChangeRef(project.key(), null, ResourceType.PROJECT, project.key(), written.version()));
        return written.toVersioned(Project.class);
    }

    @Override
    public Optional<Versioned<Project>> getProject(String projectKey) {
        return live(projectResource(projectKey)).map(v -> v.toVersioned(Project.class));
    }

    @Override
    public Page<Versioned<Project>> listProjects(String cursor, int limit) {
        String after = Cursors.lastKey(cursor);
        return Pages.page(newestPerKey(PROJECTS_SCOPE, ResourceType.PROJECT, after).iterator(), Project.class,
                p -> true, limit);
    }

    // --- environments ---------------------------------------------------------------------------------------

    @Override
    public Versioned<Environment> createEnvironment(String projectKey, Environment environment, ChangeMeta meta) {
        Resource r = environmentResource(projectKey, environment.key());
        StoredVersion written = write(r, 0, false, StoreJson.write(environment), meta,
                () -> requireProject(projectKey));
        listeners.publish(new ChangeRef(projectKey, environment.key(), ResourceType.ENVIRONMENT, environment.key(),
                written.version()));
        return written.toVersioned(Environment.class);
    }

    @Override
    public Optional<Versioned<Environment>> getEnvironment(String projectKey, String environmentKey) {
        return live(environmentResource(projectKey, environmentKey)).map(v -> v.toVersioned(Environment.class));
    }

    @Override
    public List<Versioned<Environment>> listEnvironments(String projectKey) {
        return newestPerKey(projectKey, ResourceType.ENVIRONMENT, null).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(Environment.class)).toList();
    }

    // --- flag definitions -----------------------------------------------------------------------------------

    @Override
    public Versioned<FlagDefinition> putFlagDefinition(String projectKey, FlagDefinition definition,
                                                       long expectedVersion, ChangeMeta meta) {
        Resource r = definitionResource(projectKey, definition.key());
        StoredVersion written = write(r, expectedVersion, false, StoreJson.write(definition), meta,
                () -> requireProject(projectKey));
        listeners.publish(new ChangeRef(projectKey, null, ResourceType.FLAG_DEFINITION, definition.key(),
                written.version()));
        return written.toVersioned(FlagDefinition.class);
    }

    @Override
    public Optional<Versioned<FlagDefinition>> getFlagDefinition(String projectKey, String flagKey) {
        return live(definitionResource(projectKey, flagKey)).map(v -> v.toVersioned(FlagDefinition.class));
    }

    @Override
    public Page<Versioned<FlagDefinition>> listFlagDefinitions(String projectKey, String tag, String cursor,
                                                                int limit) {
        String after = Cursors.lastKey(cursor);
        return Pages.page(newestPerKey(projectKey, ResourceType.FLAG_DEFINITION, after).iterator(),
                FlagDefinition.class, d -> tag == null || d.tags().contains(tag), limit);
    }

    // --- flag configurations --------------------------------------------------------------------------------

    @Override
    public Versioned<FlagConfig> putFlagConfig(String projectKey, String environmentKey, String flagKey,
                                               FlagConfig config, long expectedVersion, ChangeMeta meta) {
        Resource r = configResource(projectKey, environmentKey, flagKey);
        StoredVersion written = write(r, expectedVersion, false, StoreJson.write(config), meta, () -> {
            requireEnvironment(projectKey, environmentKey);
            requireDefinition(projectKey, flagKey);
        });
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.FLAG_CONFIG, flagKey,
                written.version()));
        return written.toVersioned(FlagConfig.class);
    }

    @Override
    public Optional<Versioned<FlagConfig>> getFlagConfig(String projectKey, String environmentKey, String flagKey) {
        return live(configResource(projectKey, environmentKey, flagKey)).map(v -> v.toVersioned(FlagConfig.class));
    }

    @Override
    public Optional<HistoryEntry<FlagConfig>> getFlagConfigVersion(String projectKey, String environmentKey,
                                                                   String flagKey, long version) {
        Resource r = configResource(projectKey, environmentKey, flagKey);
        List<StoredVersion> found = query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ?"
                + " AND version = ?", r.scope, r.type.name(), r.key, version);
        return found.stream().findFirst().map(v -> v.toHistoryEntry(FlagConfig.class));
    }

    @Override
    public List<HistoryEntry<FlagConfig>> flagConfigHistory(String projectKey, String environmentKey,
                                                            String flagKey) {
        Resource r = configResource(projectKey, environmentKey, flagKey);
        return query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? ORDER BY version DESC",
                r.scope, r.type.name(), r.key).stream().map(v -> v.toHistoryEntry(FlagConfig.class)).toList();
    }

    // --- segments -------------------------------------------------------------------------------------------

    @Override
    public Versioned<Segment> putSegment(String projectKey, String environmentKey, Segment segment,
                                         long expectedVersion, ChangeMeta meta) {
        Resource r = segmentResource(projectKey, environmentKey, segment.key());
        StoredVersion written = write(r, expectedVersion, false, StoreJson.write(segment), meta,
                () -> requireEnvironment(projectKey, environmentKey));
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SEGMENT, segment.key(),
                written.version()));
        return written.toVersioned(Segment.class);
    }

    @Override
    public Optional<Versioned<Segment>> getSegment(String projectKey, String environmentKey, String segmentKey) {
        return live(segmentResource(projectKey, environmentKey, segmentKey)).map(v -> v.toVersioned(Segment.class));
    }

    @Override
    public Versioned<Segment> deleteSegment(String projectKey, String environmentKey, String segmentKey,
                                            long expectedVersion, ChangeMeta meta) {
        Resource r = segmentResource(projectKey, environmentKey, segmentKey);
        requireEnvironment(projectKey, environmentKey);
        Written written = writeVersion(r, expectedVersion, true, null, meta, () -> { });
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SEGMENT, segmentKey,
                written.version.version()));
        return new Versioned<>(written.previous.content(Segment.class), written.version.version(),
                written.version.at(), written.version.principal());
    }

    @Override
    public List<Versioned<Segment>> listSegments(String projectKey, String environmentKey) {
        return newestPerKey(envScope(projectKey, environmentKey), ResourceType.SEGMENT, null).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(Segment.class)).toList();
    }

    // --- SDK keys -------------------------------------------------------------------------------------------

    @Override
    public SdkKeyRecord createSdkKey(SdkKeyRecord key) {
        lock.lock();
        try {
            requireEnvironment(key.project(), key.environment());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sdk_keys (project,"
                    + " environment, id, name, hash, created_at, created_by, revoked_at) VALUES (?,?,?,?,?,?,?,?)")) {
                bind(insert, key.project(), key.environment(), key.id(), key.name(), key.hash(),
                        text(key.createdAt() == null ? Instant.now() : key.createdAt()), key.createdBy(),
                        text(key.revokedAt()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            if (isPrimaryKeyViolation(e)) {
                throw new StoreException.AlreadyExists("SDK key " + key.id() + " already exists");
            }
            throw failure(e);
        } finally {
            lock.unlock();
        }
        SdkKeyRecord stored = sdkKey(key.project(), key.environment(), key.id()).orElseThrow();
        listeners.publish(new ChangeRef(key.project(), key.environment(), ResourceType.SDK_KEY, key.id(),
                sdkKeyVersion(stored)));
        return stored;
    }

    @Override
    public List<SdkKeyRecord> listSdkKeys(String projectKey, String environmentKey) {
        return sdkKeys("SELECT * FROM sdk_keys WHERE project = ? AND environment = ? ORDER BY id",
                projectKey, environmentKey);
    }

    @Override
    public Optional<SdkKeyRecord> revokeSdkKey(String projectKey, String environmentKey, String keyId,
                                               ChangeMeta meta) {
        int changed;
        lock.lock();
        try (PreparedStatement update = connection.prepareStatement("UPDATE sdk_keys SET revoked_at = ?,"
                + " revoked_by = ? WHERE project = ? AND environment = ? AND id = ? AND revoked_at IS NULL")) {
            bind(update, text(at(meta)), meta.principal(), projectKey, environmentKey, keyId);
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
        Optional<SdkKeyRecord> key = sdkKey(projectKey, environmentKey, keyId);
        if (changed == 1) {
            listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SDK_KEY, keyId,
                    sdkKeyVersion(key.orElseThrow())));
        }
        return key;
    }

    @Override
    public Optional<SdkKeyRecord> findSdkKeyByHash(String hash) {
        return sdkKeys("SELECT * FROM sdk_keys WHERE hash = ? ORDER BY created_at LIMIT 1", hash).stream().findFirst();
    }

    /** SDK key rows are not version chains; as on DynamoDB, creation is version 1 and revocation version 2. */
    private static long sdkKeyVersion(SdkKeyRecord key) {
        return key.active() ? 1 : 2;
    }

    private Optional<SdkKeyRecord> sdkKey(String projectKey, String environmentKey, String keyId) {
        return sdkKeys("SELECT * FROM sdk_keys WHERE project = ? AND environment = ? AND id = ?",
                projectKey, environmentKey, keyId).stream().findFirst();
    }

    private List<SdkKeyRecord> sdkKeys(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            List<SdkKeyRecord> keys = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(new SdkKeyRecord(rs.getString("id"), rs.getString("project"), rs.getString("environment"),
                            rs.getString("name"), rs.getString("hash"), instant(rs.getString("created_at")),
                            rs.getString("created_by"), instant(rs.getString("revoked_at"))));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    // --- compiler -------------------------------------------------------------------------------------------

    @Override
    public EnvironmentState loadEnvironmentState(String projectKey, String environmentKey,
                                                 Collection<ChangeRef> mustInclude) {
        lock.lock();
        try {
            // One read transaction: the four reads see the same committed state, even if another process writes.
            connection.setAutoCommit(false);
            try {
                StoredVersion environment = live(environmentResource(projectKey, environmentKey)).orElseThrow(
                        () -> new StoreException.NotFound("environment " + projectKey + "/" + environmentKey
                                + " does not exist"));
                String scope = envScope(projectKey, environmentKey);
                return EnvironmentStates.assemble(projectKey, environmentKey, environment,
                        newestPerKey(projectKey, ResourceType.FLAG_DEFINITION, null),
                        newestPerKey(scope, ResourceType.FLAG_CONFIG, null),
                        newestPerKey(scope, ResourceType.SEGMENT, null),
                        mustInclude);
            } finally {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    // --- the version chain ----------------------------------------------------------------------------------

    /** One resource's version chain: where its rows live, and how messages name it. */
    private record Resource(String scope, ResourceType type, String key, String label) {
    }

    private static String envScope(String projectKey, String environmentKey) {
        return projectKey + "/" + environmentKey;
    }

    private static Resource projectResource(String projectKey) {
        return new Resource(PROJECTS_SCOPE, ResourceType.PROJECT, projectKey, "project " + projectKey);
    }

    private static Resource environmentResource(String projectKey, String environmentKey) {
        return new Resource(projectKey, ResourceType.ENVIRONMENT, environmentKey,
                "environment " + projectKey + "/" + environmentKey);
    }

    private static Resource definitionResource(String projectKey, String flagKey) {
        return new Resource(projectKey, ResourceType.FLAG_DEFINITION, flagKey,
                "flag definition " + projectKey + "/" + flagKey);
    }

    private static Resource configResource(String projectKey, String environmentKey, String flagKey) {
        return new Resource(envScope(projectKey, environmentKey), ResourceType.FLAG_CONFIG, flagKey,
                "flag configuration " + projectKey + "/" + environmentKey + "/" + flagKey);
    }

    private static Resource segmentResource(String projectKey, String environmentKey, String segmentKey) {
        return new Resource(envScope(projectKey, environmentKey), ResourceType.SEGMENT, segmentKey,
                "segment " + projectKey + "/" + environmentKey + "/" + segmentKey);
    }

    /** A version just inserted, and the newest one before it (null if none). */
    private record Written(StoredVersion previous, StoredVersion version) {
    }

    private StoredVersion write(Resource r, long expectedVersion, boolean delete, String contentJson,
                                ChangeMeta meta, Runnable checkParents) {
        return writeVersion(r, expectedVersion, delete, contentJson, meta, checkParents).version;
    }

    /**
     * Inserts the next version of {@code r}: applies the expectedVersion rules to the newest row (checking the
     * parents first when the resource is not live), and inserts. A primary-key violation means another writer
     * inserted that version first: re-read and decide again (which then reports the conflict).
     */
    private Written writeVersion(Resource r, long expectedVersion, boolean delete, String contentJson,
                                 ChangeMeta meta, Runnable checkParents) {
        lock.lock();
        try {
            long current = 0;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                StoredVersion latest = latest(r).orElse(null);
                current = latest == null ? 0 : latest.version();
                if (attempt == 0 && !VersionRules.isLive(latest)) {
                    checkParents.run(); // as on DynamoDB: only a create needs it, parents are never deleted
                }
                long next = delete
                        ? VersionRules.nextVersionForDelete(r.label, latest, expectedVersion)
                        : VersionRules.nextVersion(r.label, latest, expectedVersion);
                StoredVersion row = new StoredVersion(r.type, r.key, next, at(meta), meta.principal(), meta.action(),
                        meta.comment(), DiffCap.forStorage(meta.diff()), ItemLimits.checkContent(r.label, contentJson),
                        delete);
                if (insert(r.scope, row)) {
                    return new Written(latest, row);
                }
            }
            throw VersionRules.tooMuchContention(r.label, current);
        } finally {
            lock.unlock();
        }
    }

    private boolean insert(String scope, StoredVersion row) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO versions (scope, rtype, rkey,"
                + " version, at, principal, action, comment, diff, content, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(insert, scope, row.type().name(), row.key(), row.version(), text(row.at()), row.principal(),
                    row.action(), row.comment(), row.diffJson(), row.contentJson(), row.deleted() ? 1 : 0);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isPrimaryKeyViolation(e)) {
                return false;
            }
            throw failure(e);
        }
    }

    private void requireProject(String projectKey) {
        if (live(projectResource(projectKey)).isEmpty()) {
            throw new StoreException.NotFound("project " + projectKey + " does not exist");
        }
    }

    private void requireEnvironment(String projectKey, String environmentKey) {
        requireProject(projectKey);
        if (live(environmentResource(projectKey, environmentKey)).isEmpty()) {
            throw new StoreException.NotFound("environment " + projectKey + "/" + environmentKey + " does not exist");
        }
    }

    private void requireDefinition(String projectKey, String flagKey) {
        if (live(definitionResource(projectKey, flagKey)).isEmpty()) {
            throw new StoreException.NotFound("flag " + flagKey + " is not defined in project " + projectKey);
        }
    }

    private Optional<StoredVersion> latest(Resource r) {
        return query("SELECT * FROM versions WHERE scope = ? AND rtype = ? AND rkey = ? ORDER BY version DESC"
                + " LIMIT 1", r.scope, r.type.name(), r.key).stream().findFirst();
    }

    private Optional<StoredVersion> live(Resource r) {
        return latest(r).filter(StoredVersion::live);
    }

    /** The newest row of every key of one type in one scope, tombstones included, sorted by key. */
    private List<StoredVersion> newestPerKey(String scope, ResourceType type, String afterKey) {
        return query("""
                SELECT v.* FROM versions v
                JOIN (SELECT rkey, MAX(version) AS newest FROM versions
                      WHERE scope = ? AND rtype = ? AND rkey > ? GROUP BY rkey) m
                  ON v.rkey = m.rkey AND v.version = m.newest
                WHERE v.scope = ? AND v.rtype = ?
                ORDER BY v.rkey""", scope, type.name(), afterKey == null ? "" : afterKey, scope, type.name());
    }

    private List<StoredVersion> query(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            List<StoredVersion> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredVersion(ResourceType.valueOf(rs.getString("rtype")), rs.getString("rkey"),
                            rs.getLong("version"), instant(rs.getString("at")), rs.getString("principal"),
                            rs.getString("action"), rs.getString("comment"), rs.getString("diff"),
                            rs.getString("content"), rs.getInt("deleted") != 0));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    // --- JDBC plumbing --------------------------------------------------------------------------------------

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static boolean isPrimaryKeyViolation(SQLException e) {
        return e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("SQLite store failed: " + e.getMessage(), e);
    }

    private static Instant at(ChangeMeta meta) {
        return meta.at() == null ? Instant.now() : meta.at();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
