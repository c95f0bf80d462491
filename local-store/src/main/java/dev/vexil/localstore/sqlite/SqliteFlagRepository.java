package dev.vexil.localstore.sqlite;

import dev.vexil.core.release.ScheduleHistory;
import dev.vexil.core.review.ChangeRequest;
import dev.vexil.core.review.ChangeRequestStore;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import dev.vexil.core.store.support.AuditLogs;
import dev.vexil.core.store.support.Cursors;
import dev.vexil.core.store.support.EnvironmentStates;
import dev.vexil.core.store.support.HeadCommits;
import dev.vexil.core.store.support.TriggerRepair;
import dev.vexil.core.store.support.WriteFaults;
import dev.vexil.core.store.support.Pages;
import dev.vexil.core.store.support.ReadMeter;
import dev.vexil.core.store.support.StoreJson;
import dev.vexil.core.store.support.StoredVersion;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded store of the local mode: one SQLite file ({@link SqliteConnection}). Same semantics as the DynamoDB
 * adapter: every change moves a resource's head row and adds its version row ({@link VersionRows},
 * {@link HeadCommits}), and the head's conditional move is the concurrency check; SDK keys are rows of their own ({@link SdkKeyRows}); where each resource lives is
 * {@link RowKeys}.
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
public final class SqliteFlagRepository implements FlagRepository, ChangeRequestStore, ScheduleHistory,
        AutoCloseable {
    private final SqliteConnection db;
    private final VersionRows versions;
    private final HeadCommits<RowKeys.Chain> commits;
    private final SdkKeyRows sdkKeys;
    private final ChangeListeners listeners = new ChangeListeners();

    /** Opens (or creates) the store in {@code file}, creating its directory if needed. */
    public SqliteFlagRepository(Path file) {
        this(file, WriteFaults.NONE);
    }

    /** With a hook called between the writes of a change: the contract suite's crash injection. */
    public SqliteFlagRepository(Path file, WriteFaults faults) {
        this(file, faults, ReadMeter.NONE);
    }

    /** With the crash hook and a meter told of every head and version row read (the storage benchmark's). */
    public SqliteFlagRepository(Path file, WriteFaults faults, ReadMeter meter) {
        this.db = SqliteConnection.open(file);
        this.versions = new VersionRows(db, meter);
        this.commits = new HeadCommits<>(versions, faults);
        this.sdkKeys = new SdkKeyRows(db);
    }

    /** Registers a listener of committed changes; see the class comment for the threading. */
    public void addChangeListener(Consumer<ChangeRef> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        db.close();
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
        StoredVersion written = write(RowKeys.project(project.key()), expectedVersion,
                StoreJson.write(project), meta, () -> { });
        listeners.publish(new ChangeRef(project.key(), null, ResourceType.PROJECT, project.key(), written.version()));
        return written.toVersioned(Project.class);
    }

    @Override
    public Optional<Versioned<Project>> getProject(String projectKey) {
        return versions.live(RowKeys.project(projectKey)).map(v -> v.toVersioned(Project.class));
    }

    @Override
    public Page<Versioned<Project>> listProjects(String cursor, int limit) {
        return Pages.page(versions.headsAfter(RowKeys.allProjects(), Cursors.lastKey(cursor)).iterator(),
                Project.class, p -> true, limit);
    }

    // --- environments ---------------------------------------------------------------------------------------

    @Override
    public Versioned<Environment> createEnvironment(String projectKey, Environment environment, ChangeMeta meta) {
        StoredVersion written = write(RowKeys.environment(projectKey, environment.key()), 0,
                StoreJson.write(environment), meta, () -> requireProject(projectKey));
        listeners.publish(new ChangeRef(projectKey, environment.key(), ResourceType.ENVIRONMENT, environment.key(),
                written.version()));
        return written.toVersioned(Environment.class);
    }

    @Override
    public Versioned<Environment> updateEnvironment(String projectKey, Environment environment, long expectedVersion,
                                                    ChangeMeta meta) {
        StoredVersion written = write(RowKeys.environment(projectKey, environment.key()), expectedVersion,
                StoreJson.write(environment), meta, () -> requireProject(projectKey));
        listeners.publish(new ChangeRef(projectKey, environment.key(), ResourceType.ENVIRONMENT, environment.key(),
                written.version()));
        return written.toVersioned(Environment.class);
    }

    @Override
    public Optional<Versioned<Environment>> getEnvironment(String projectKey, String environmentKey) {
        return versions.live(RowKeys.environment(projectKey, environmentKey)).map(v -> v.toVersioned(Environment.class));
    }

    @Override
    public List<Versioned<Environment>> listEnvironments(String projectKey) {
        return versions.heads(RowKeys.allEnvironments(projectKey)).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(Environment.class)).toList();
    }

    // --- flag definitions -----------------------------------------------------------------------------------

    @Override
    public Versioned<FlagDefinition> putFlagDefinition(String projectKey, FlagDefinition definition,
                                                       long expectedVersion, ChangeMeta meta) {
        StoredVersion written = write(RowKeys.definition(projectKey, definition.key()), expectedVersion,
                StoreJson.write(definition), meta, () -> requireProject(projectKey));
        listeners.publish(new ChangeRef(projectKey, null, ResourceType.FLAG_DEFINITION, definition.key(),
                written.version()));
        return written.toVersioned(FlagDefinition.class);
    }

    @Override
    public Optional<Versioned<FlagDefinition>> getFlagDefinition(String projectKey, String flagKey) {
        return versions.live(RowKeys.definition(projectKey, flagKey)).map(v -> v.toVersioned(FlagDefinition.class));
    }

    @Override
    public Page<Versioned<FlagDefinition>> listFlagDefinitions(String projectKey, String tag, String cursor,
                                                                int limit) {
        return Pages.page(versions.headsAfter(RowKeys.allDefinitions(projectKey), Cursors.lastKey(cursor))
                .iterator(), FlagDefinition.class, d -> tag == null || d.tags().contains(tag), limit);
    }

    // --- flag configurations --------------------------------------------------------------------------------

    @Override
    public Versioned<FlagConfig> putFlagConfig(String projectKey, String environmentKey, String flagKey,
                                               FlagConfig config, long expectedVersion, ChangeMeta meta) {
        StoredVersion written = write(RowKeys.config(projectKey, environmentKey, flagKey), expectedVersion,
                StoreJson.write(config), meta, () -> {
                    requireEnvironment(projectKey, environmentKey);
                    requireDefinition(projectKey, flagKey);
                });
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.FLAG_CONFIG, flagKey,
                written.version()));
        return written.toVersioned(FlagConfig.class);
    }

    @Override
    public Optional<Versioned<FlagConfig>> getFlagConfig(String projectKey, String environmentKey, String flagKey) {
        return versions.live(RowKeys.config(projectKey, environmentKey, flagKey))
                .map(v -> v.toVersioned(FlagConfig.class));
    }

    @Override
    public Optional<HistoryEntry<FlagConfig>> getFlagConfigVersion(String projectKey, String environmentKey,
                                                                   String flagKey, long version) {
        return historyVersion(RowKeys.config(projectKey, environmentKey, flagKey), version, FlagConfig.class);
    }

    @Override
    public Page<HistoryEntry<FlagConfig>> flagConfigHistory(String projectKey, String environmentKey,
                                                            String flagKey, String cursor, int limit) {
        return history(RowKeys.config(projectKey, environmentKey, flagKey), FlagConfig.class, cursor, limit);
    }

    /** Decides and writes under the lock, so that threads of this process never race each other here. */
    private StoredVersion write(RowKeys.Chain chain, long expectedVersion, String contentJson, ChangeMeta meta,
                                Runnable checkParents) {
        return db.locked(() -> commits.write(chain, expectedVersion, contentJson, meta, checkParents)).version();
    }

    private <T> Page<HistoryEntry<T>> history(RowKeys.Chain chain, Class<T> type, String cursor, int limit) {
        return commits.history(chain, type, cursor, limit);
    }

    private <T> Optional<HistoryEntry<T>> historyVersion(RowKeys.Chain chain, long version, Class<T> type) {
        return commits.historyEntry(chain, version).map(v -> v.toHistoryEntry(type));
    }

    // --- segments -------------------------------------------------------------------------------------------

    @Override
    public Versioned<Segment> putSegment(String projectKey, String environmentKey, Segment segment,
                                         long expectedVersion, ChangeMeta meta) {
        StoredVersion written = write(RowKeys.segment(projectKey, environmentKey, segment.key()),
                expectedVersion, StoreJson.write(segment), meta, () -> requireEnvironment(projectKey, environmentKey));
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SEGMENT, segment.key(),
                written.version()));
        return written.toVersioned(Segment.class);
    }

    @Override
    public Optional<Versioned<Segment>> getSegment(String projectKey, String environmentKey, String segmentKey) {
        return versions.live(RowKeys.segment(projectKey, environmentKey, segmentKey))
                .map(v -> v.toVersioned(Segment.class));
    }

    @Override
    public Versioned<Segment> deleteSegment(String projectKey, String environmentKey, String segmentKey,
                                            long expectedVersion, ChangeMeta meta) {
        requireEnvironment(projectKey, environmentKey);
        HeadCommits.Written deletion = db.locked(() -> commits.delete(
                RowKeys.segment(projectKey, environmentKey, segmentKey), expectedVersion, meta));
        listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SEGMENT, segmentKey,
                deletion.version().version()));
        return new Versioned<>(deletion.previous().content(Segment.class), deletion.version().version(),
                deletion.version().at(), deletion.version().principal());
    }

    @Override
    public List<Versioned<Segment>> listSegments(String projectKey, String environmentKey) {
        return versions.heads(RowKeys.allSegments(projectKey, environmentKey)).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(Segment.class)).toList();
    }

    @Override
    public Optional<HistoryEntry<Segment>> getSegmentVersion(String projectKey, String environmentKey,
                                                             String segmentKey, long version) {
        return historyVersion(RowKeys.segment(projectKey, environmentKey, segmentKey), version, Segment.class);
    }

    @Override
    public Page<HistoryEntry<Segment>> segmentHistory(String projectKey, String environmentKey, String segmentKey,
                                                      String cursor, int limit) {
        return history(RowKeys.segment(projectKey, environmentKey, segmentKey), Segment.class, cursor, limit);
    }

    // --- SDK keys -------------------------------------------------------------------------------------------

    @Override
    public SdkKeyRecord createSdkKey(SdkKeyRecord key) {
        boolean inserted = db.locked(() -> {
            requireEnvironment(key.project(), key.environment());
            return sdkKeys.insert(key);
        });
        if (!inserted) {
            throw new StoreException.AlreadyExists("SDK key " + key.id() + " already exists");
        }
        SdkKeyRecord stored = sdkKeys.get(key.project(), key.environment(), key.id()).orElseThrow();
        listeners.publish(new ChangeRef(key.project(), key.environment(), ResourceType.SDK_KEY, key.id(),
                SdkKeyRows.version(stored)));
        return stored;
    }

    @Override
    public List<SdkKeyRecord> listSdkKeys(String projectKey, String environmentKey) {
        return sdkKeys.list(projectKey, environmentKey);
    }

    @Override
    public Optional<SdkKeyRecord> revokeSdkKey(String projectKey, String environmentKey, String keyId,
                                               ChangeMeta meta) {
        boolean revoked = sdkKeys.revoke(projectKey, environmentKey, keyId,
                meta.at() == null ? Instant.now() : meta.at(), meta.principal());
        Optional<SdkKeyRecord> key = sdkKeys.get(projectKey, environmentKey, keyId);
        if (revoked) {
            listeners.publish(new ChangeRef(projectKey, environmentKey, ResourceType.SDK_KEY, keyId,
                    SdkKeyRows.version(key.orElseThrow())));
        }
        return key;
    }

    @Override
    public Optional<SdkKeyRecord> findSdkKeyByHash(String hash) {
        return sdkKeys.findByHash(hash);
    }

    // --- change requests (not part of a snapshot: no change feed) --------------------------------------------

    @Override
    public Versioned<ChangeRequest> putChangeRequest(String projectKey, String environmentKey, ChangeRequest request,
                                                     long expectedVersion, ChangeMeta meta) {
        return write(RowKeys.changeRequest(projectKey, environmentKey, request.id()), expectedVersion,
                StoreJson.write(request), meta, () -> requireEnvironment(projectKey, environmentKey))
                .toVersioned(ChangeRequest.class);
    }

    @Override
    public long scheduleVersion(String project, String environment, String key) {
        return versions.live(RowKeys.schedule(project, environment, key)).map(StoredVersion::version).orElse(0L);
    }

    @Override
    public void putScheduleVersion(String project, String environment, String key, long version, String contentJson,
                                   ChangeMeta meta) {
        write(RowKeys.schedule(project, environment, key), version - 1, contentJson, meta,
                () -> requireEnvironment(project, environment));
    }

    @Override
    public Optional<Versioned<ChangeRequest>> getChangeRequest(String projectKey, String environmentKey, String id) {
        return versions.live(RowKeys.changeRequest(projectKey, environmentKey, id))
                .map(v -> v.toVersioned(ChangeRequest.class));
    }

    @Override
    public List<Versioned<ChangeRequest>> listChangeRequests(String projectKey, String environmentKey) {
        return versions.heads(RowKeys.allChangeRequests(projectKey, environmentKey)).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(ChangeRequest.class)).toList();
    }

    @Override
    public boolean acquireApplyLease(String projectKey, String environmentKey, String holder, Instant now,
                                     Instant until) {
        String scope = RowKeys.environmentScope(projectKey, environmentKey);
        // One statement: insert, or take over a lease that is ours or has run out; otherwise no row changes.
        return db.update("INSERT INTO apply_leases (scope, holder, until_millis) VALUES (?, ?, ?)"
                + " ON CONFLICT (scope) DO UPDATE SET holder = excluded.holder, until_millis = excluded.until_millis"
                + " WHERE apply_leases.holder = excluded.holder OR apply_leases.until_millis < ?",
                scope, holder, until.toEpochMilli(), now.toEpochMilli()) == 1;
    }

    @Override
    public void releaseApplyLease(String projectKey, String environmentKey, String holder) {
        db.update("DELETE FROM apply_leases WHERE scope = ? AND holder = ?",
                RowKeys.environmentScope(projectKey, environmentKey), holder);
    }

    // --- audit logs -----------------------------------------------------------------------------------------

    @Override
    public Page<AuditEntry> auditLog(AuditQuery query, String cursor, int limit) {
        String project = query.project();
        return AuditLogs.page(query, this, new AuditLogs.Store() {
            @Override
            public AuditLogs.Source history(String environment) {
                return (below, atLeast, n) -> versions.auditNewestFirst(project, environment, below, atLeast, n)
                        .stream().map(v -> v.toAuditEntry(RowKeys.environmentOf(
                                RowKeys.auditScope(project, environment), v.type(), v.key()))).toList();
            }

            @Override
            public List<AuditEntry> sdkKeyEntries(String environment) {
                return sdkKeys.auditEntries(project, environment);
            }
        }, cursor, limit);
    }

    // --- compiler -------------------------------------------------------------------------------------------

    @Override
    public EnvironmentState loadEnvironmentState(String projectKey, String environmentKey,
                                                 Collection<ChangeRef> mustInclude) {
        TriggerRepair.repair(projectKey, environmentKey, mustInclude, RowKeys.SNAPSHOT_CHAINS, commits);
        // One read transaction: the four reads see the same committed state, even if another process writes.
        return db.inReadTransaction(() -> {
            StoredVersion environment = versions.live(RowKeys.environment(projectKey, environmentKey)).orElseThrow(
                    () -> new StoreException.NotFound("environment " + projectKey + "/" + environmentKey
                            + " does not exist"));
            return EnvironmentStates.assemble(projectKey, environmentKey, environment,
                    versions.heads(RowKeys.allDefinitions(projectKey)),
                    versions.heads(RowKeys.allConfigs(projectKey, environmentKey)),
                    versions.heads(RowKeys.allSegments(projectKey, environmentKey)),
                    mustInclude);
        });
    }

    // --- parents --------------------------------------------------------------------------------------------

    private void requireProject(String projectKey) {
        if (versions.live(RowKeys.project(projectKey)).isEmpty()) {
            throw new StoreException.NotFound("project " + projectKey + " does not exist");
        }
    }

    private void requireEnvironment(String projectKey, String environmentKey) {
        requireProject(projectKey);
        if (versions.live(RowKeys.environment(projectKey, environmentKey)).isEmpty()) {
            throw new StoreException.NotFound("environment " + projectKey + "/" + environmentKey + " does not exist");
        }
    }

    private void requireDefinition(String projectKey, String flagKey) {
        if (versions.live(RowKeys.definition(projectKey, flagKey)).isEmpty()) {
            throw new StoreException.NotFound("flag " + flagKey + " is not defined in project " + projectKey);
        }
    }
}
