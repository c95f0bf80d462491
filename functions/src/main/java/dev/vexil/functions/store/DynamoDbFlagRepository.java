package dev.vexil.functions.store;

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
import dev.vexil.core.store.support.StoreJson;
import dev.vexil.core.store.support.StoredVersion;
import dev.vexil.functions.store.dynamo.ApplyLeases;
import dev.vexil.functions.store.dynamo.Chain;
import dev.vexil.functions.store.dynamo.ItemKeys;
import dev.vexil.functions.store.dynamo.SdkKeyItems;
import dev.vexil.functions.store.dynamo.VersionItems;
import dev.vexil.functions.store.dynamo.VexilItem;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The control plane's store on AWS: one DynamoDB table (docs/data-model.md), read and written through the
 * Enhanced Client. Every change is one conditional PutItem of an immutable version item (SDK-key revocation: one
 * conditional UpdateItem); there are no transactions. Every read that a decision depends on is strongly
 * consistent; only {@link #findSdkKeyByHash} goes through a GSI, which is eventually consistent, and it re-reads the key
 * item consistently.
 *
 * <p>Thread-safe; the {@link DynamoDbClient} is the caller's (create it once, in static initialisation).
 */
public final class DynamoDbFlagRepository implements FlagRepository, ChangeRequestStore, ScheduleHistory {
    private final DynamoDbTable<VexilItem> table;
    private final VersionItems versions;
    private final HeadCommits<Chain> commits;
    private final ApplyLeases leases;

    public DynamoDbFlagRepository(DynamoDbClient client, String tableName) {
        this(client, tableName, WriteFaults.NONE);
    }

    /** With a hook called between the writes of a change: the contract suite's crash injection. */
    public DynamoDbFlagRepository(DynamoDbClient client, String tableName, WriteFaults faults) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.table = enhanced.table(tableName, VexilItem.SCHEMA);
        this.versions = new VersionItems(table);
        this.commits = new HeadCommits<>(versions, faults);
        this.leases = new ApplyLeases(client, tableName);
    }

    // --- projects -------------------------------------------------------------------------------------------

    @Override
    public Versioned<Project> createProject(Project project, ChangeMeta meta) {
        return commits.write(ItemKeys.project(project.key()), 0, StoreJson.write(project), meta, () -> { })
                .version().toVersioned(Project.class);
    }

    @Override
    public Versioned<Project> updateProject(Project project, long expectedVersion, ChangeMeta meta) {
        return commits.write(ItemKeys.project(project.key()), expectedVersion, StoreJson.write(project), meta,
                () -> { }).version().toVersioned(Project.class);
    }

    @Override
    public Optional<Versioned<Project>> getProject(String projectKey) {
        return versions.live(ItemKeys.project(projectKey)).map(v -> v.toVersioned(Project.class));
    }

    @Override
    public Page<Versioned<Project>> listProjects(String cursor, int limit) {
        return Pages.page(versions.headsAfter(ItemKeys.allProjects(), Cursors.lastKey(cursor)), Project.class,
                p -> true, limit);
    }

    // --- environments ---------------------------------------------------------------------------------------

    @Override
    public Versioned<Environment> createEnvironment(String projectKey, Environment environment, ChangeMeta meta) {
        return commits.write(ItemKeys.environment(projectKey, environment.key()), 0,
                StoreJson.write(environment), meta, () -> requireProject(projectKey)).version()
                .toVersioned(Environment.class);
    }

    @Override
    public Versioned<Environment> updateEnvironment(String projectKey, Environment environment, long expectedVersion,
                                                    ChangeMeta meta) {
        return commits.write(ItemKeys.environment(projectKey, environment.key()), expectedVersion,
                StoreJson.write(environment), meta, () -> requireProject(projectKey)).version()
                .toVersioned(Environment.class);
    }

    @Override
    public Optional<Versioned<Environment>> getEnvironment(String projectKey, String environmentKey) {
        return versions.live(ItemKeys.environment(projectKey, environmentKey))
                .map(v -> v.toVersioned(Environment.class));
    }

    @Override
    public List<Versioned<Environment>> listEnvironments(String projectKey) {
        return versions.heads(ItemKeys.allEnvironments(projectKey)).stream().filter(StoredVersion::live)
                .map(v -> v.toVersioned(Environment.class)).toList();
    }

    // --- flag definitions -----------------------------------------------------------------------------------

    @Override
    public Versioned<FlagDefinition> putFlagDefinition(String projectKey, FlagDefinition definition,
                                                       long expectedVersion, ChangeMeta meta) {
        return commits.write(ItemKeys.definition(projectKey, definition.key()), expectedVersion,
                StoreJson.write(definition), meta, () -> requireProject(projectKey))
                .version().toVersioned(FlagDefinition.class);
    }

    @Override
    public Optional<Versioned<FlagDefinition>> getFlagDefinition(String projectKey, String flagKey) {
        return versions.live(ItemKeys.definition(projectKey, flagKey))
                .map(v -> v.toVersioned(FlagDefinition.class));
    }

    @Override
    public Page<Versioned<FlagDefinition>> listFlagDefinitions(String projectKey, String tag, String cursor,
                                                                int limit) {
        return Pages.page(versions.headsAfter(ItemKeys.allDefinitions(projectKey), Cursors.lastKey(cursor)),
                FlagDefinition.class, d -> tag == null || d.tags().contains(tag), limit);
    }

    // --- flag configurations --------------------------------------------------------------------------------

    @Override
    public Versioned<FlagConfig> putFlagConfig(String projectKey, String environmentKey, String flagKey,
                                               FlagConfig config, long expectedVersion, ChangeMeta meta) {
        return commits.write(ItemKeys.config(projectKey, environmentKey, flagKey), expectedVersion,
                StoreJson.write(config), meta, () -> {
                    requireEnvironment(projectKey, environmentKey);
                    if (versions.live(ItemKeys.definition(projectKey, flagKey)).isEmpty()) {
                        throw new StoreException.NotFound("flag " + flagKey + " is not defined in project "
                                + projectKey);
                    }
                }).version().toVersioned(FlagConfig.class);
    }

    @Override
    public Optional<Versioned<FlagConfig>> getFlagConfig(String projectKey, String environmentKey, String flagKey) {
        return versions.live(ItemKeys.config(projectKey, environmentKey, flagKey))
                .map(v -> v.toVersioned(FlagConfig.class));
    }

    @Override
    public Optional<HistoryEntry<FlagConfig>> getFlagConfigVersion(String projectKey, String environmentKey,
                                                                   String flagKey, long version) {
        return historyVersion(ItemKeys.config(projectKey, environmentKey, flagKey), version, FlagConfig.class);
    }

    @Override
    public Page<HistoryEntry<FlagConfig>> flagConfigHistory(String projectKey, String environmentKey,
                                                            String flagKey, String cursor, int limit) {
        return history(ItemKeys.config(projectKey, environmentKey, flagKey), FlagConfig.class, cursor, limit);
    }

    private <T> Page<HistoryEntry<T>> history(Chain chain, Class<T> type, String cursor, int limit) {
        return commits.history(chain, type, cursor, limit);
    }

    private <T> Optional<HistoryEntry<T>> historyVersion(Chain chain, long version, Class<T> type) {
        return commits.historyEntry(chain, version).map(v -> v.toHistoryEntry(type));
    }

    // --- segments -------------------------------------------------------------------------------------------

    @Override
    public Versioned<Segment> putSegment(String projectKey, String environmentKey, Segment segment,
                                         long expectedVersion, ChangeMeta meta) {
        return commits.write(ItemKeys.segment(projectKey, environmentKey, segment.key()), expectedVersion,
                StoreJson.write(segment), meta, () -> requireEnvironment(projectKey, environmentKey))
                .version().toVersioned(Segment.class);
    }

    @Override
    public Optional<Versioned<Segment>> getSegment(String projectKey, String environmentKey, String segmentKey) {
        return versions.live(ItemKeys.segment(projectKey, environmentKey, segmentKey))
                .map(v -> v.toVersioned(Segment.class));
    }

    @Override
    public Versioned<Segment> deleteSegment(String projectKey, String environmentKey, String segmentKey,
                                            long expectedVersion, ChangeMeta meta) {
        requireEnvironment(projectKey, environmentKey);
        HeadCommits.Written deletion = commits.delete(ItemKeys.segment(projectKey, environmentKey, segmentKey),
                expectedVersion, meta);
        return new Versioned<>(deletion.previous().content(Segment.class), deletion.version().version(),
                deletion.version().at(), deletion.version().principal());
    }

    @Override
    public List<Versioned<Segment>> listSegments(String projectKey, String environmentKey) {
        return versions.heads(ItemKeys.allSegments(projectKey, environmentKey)).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(Segment.class)).toList();
    }

    @Override
    public Optional<HistoryEntry<Segment>> getSegmentVersion(String projectKey, String environmentKey,
                                                             String segmentKey, long version) {
        return historyVersion(ItemKeys.segment(projectKey, environmentKey, segmentKey), version, Segment.class);
    }

    @Override
    public Page<HistoryEntry<Segment>> segmentHistory(String projectKey, String environmentKey, String segmentKey,
                                                      String cursor, int limit) {
        return history(ItemKeys.segment(projectKey, environmentKey, segmentKey), Segment.class, cursor, limit);
    }

    // --- SDK keys -------------------------------------------------------------------------------------------

    @Override
    public SdkKeyRecord createSdkKey(SdkKeyRecord key) {
        requireEnvironment(key.project(), key.environment());
        VexilItem item = SdkKeyItems.of(key);
        try {
            table.putItem(PutItemEnhancedRequest.builder(VexilItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new StoreException.AlreadyExists("SDK key " + key.id() + " already exists");
        }
        return SdkKeyItems.toRecord(item);
    }

    @Override
    public List<SdkKeyRecord> listSdkKeys(String projectKey, String environmentKey) {
        return sdkKeyItems(projectKey, environmentKey).stream().map(SdkKeyItems::toRecord).toList();
    }

    private List<VexilItem> sdkKeyItems(String projectKey, String environmentKey) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(SdkKeyItems.pk(projectKey, environmentKey))
                                .sortValue(SdkKeyItems.SK_PREFIX).build()))
                        .consistentRead(true).build())
                .items().stream().toList();
    }

    @Override
    public Optional<SdkKeyRecord> revokeSdkKey(String projectKey, String environmentKey, String keyId,
                                               ChangeMeta meta) {
        Key key = SdkKeyItems.key(projectKey, environmentKey, keyId);
        Optional<VexilItem> current = consistentGet(key);
        if (current.isEmpty() || current.get().revokedAt() != null) {
            return current.map(SdkKeyItems::toRecord); // absent, or revoked already: the first revocation stays
        }
        VexilItem revocation = SdkKeyItems.revocation(key, meta.at() == null ? Instant.now() : meta.at(),
                meta.principal());
        try {
            VexilItem updated = table.updateItem(UpdateItemEnhancedRequest.builder(VexilItem.class).item(revocation)
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(Expression.builder()
                            .expression("attribute_exists(pk) AND attribute_not_exists(revokedAt)").build())
                    .build());
            return Optional.of(SdkKeyItems.toRecord(updated));
        } catch (ConditionalCheckFailedException e) {
            return consistentGet(key).map(SdkKeyItems::toRecord); // someone revoked it a moment earlier
        }
    }

    @Override
    public Optional<SdkKeyRecord> findSdkKeyByHash(String hash) {
        Optional<VexilItem> indexed = table.index(VexilTable.SDK_KEY_HASH_INDEX)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(hash).build()))
                .stream().flatMap(page -> page.items().stream()).findFirst();
        // The GSI is eventually consistent: re-read the key item so a revocation is seen at once.
        return indexed.flatMap(i -> consistentGet(Key.builder().partitionValue(i.pk()).sortValue(i.sk()).build()))
                .map(SdkKeyItems::toRecord);
    }

    private Optional<VexilItem> consistentGet(Key key) {
        return Optional.ofNullable(table.getItem(r -> r.key(key).consistentRead(true)));
    }

    // --- change requests -------------------------------------------------------------------------------------

    @Override
    public Versioned<ChangeRequest> putChangeRequest(String projectKey, String environmentKey, ChangeRequest request,
                                                     long expectedVersion, ChangeMeta meta) {
        return commits.write(ItemKeys.changeRequest(projectKey, environmentKey, request.id()), expectedVersion,
                StoreJson.write(request), meta, () -> requireEnvironment(projectKey, environmentKey)).version()
                .toVersioned(ChangeRequest.class);
    }

    @Override
    public long scheduleVersion(String project, String environment, String key) {
        return versions.live(ItemKeys.schedule(project, environment, key)).map(StoredVersion::version).orElse(0L);
    }

    @Override
    public void putScheduleVersion(String project, String environment, String key, long version, String contentJson,
                                   ChangeMeta meta) {
        commits.write(ItemKeys.schedule(project, environment, key), version - 1, contentJson, meta,
                () -> requireEnvironment(project, environment));
    }

    @Override
    public Optional<Versioned<ChangeRequest>> getChangeRequest(String projectKey, String environmentKey, String id) {
        return versions.live(ItemKeys.changeRequest(projectKey, environmentKey, id))
                .map(v -> v.toVersioned(ChangeRequest.class));
    }

    @Override
    public List<Versioned<ChangeRequest>> listChangeRequests(String projectKey, String environmentKey) {
        return versions.heads(ItemKeys.allChangeRequests(projectKey, environmentKey)).stream()
                .filter(StoredVersion::live).map(v -> v.toVersioned(ChangeRequest.class)).toList();
    }

    @Override
    public boolean acquireApplyLease(String projectKey, String environmentKey, String holder, Instant now,
                                     Instant until) {
        return leases.acquire(ItemKeys.environmentPk(projectKey, environmentKey), holder, now, until);
    }

    @Override
    public void releaseApplyLease(String projectKey, String environmentKey, String holder) {
        leases.release(ItemKeys.environmentPk(projectKey, environmentKey), holder);
    }

    // --- audit logs -----------------------------------------------------------------------------------------

    @Override
    public Page<AuditEntry> auditLog(AuditQuery query, String cursor, int limit) {
        String project = query.project();
        return AuditLogs.page(query, this, new AuditLogs.Store() {
            @Override
            public AuditLogs.Source history(String environment) {
                String auditPk = environment == null ? ItemKeys.projectPk(project)
                        : ItemKeys.environmentPk(project, environment);
                return (below, atLeast, n) -> versions.auditNewestFirst(auditPk, below, atLeast, n).stream()
                        .map(v -> v.toAuditEntry(environmentOf(v, environment))).toList();
            }

            @Override
            public List<AuditEntry> sdkKeyEntries(String environment) {
                return sdkKeyItems(project, environment).stream().flatMap(item -> AuditLogs.sdkKeyEntries(
                        SdkKeyItems.toRecord(item), item.revokedBy()).stream()).toList();
            }
        }, cursor, limit);
    }

    /** An environment's own entry names it; a project-level one has none. */
    private static String environmentOf(StoredVersion version, String partitionEnvironment) {
        return version.type() == ResourceType.ENVIRONMENT ? version.key() : partitionEnvironment;
    }

    // --- compiler -------------------------------------------------------------------------------------------

    /**
     * One GetItem of the environment's head and three strongly consistent Queries of heads: the project's
     * definitions and the environment's configurations and segments. The cost follows the current resources, not
     * their history (docs/data-model.md). A consistent read reflects every write acknowledged before it, so the
     * triggering versions are always included; their history entries are made sure of first (a stream delivery
     * repairs a crashed writer's change).
     */
    @Override
    public EnvironmentState loadEnvironmentState(String projectKey, String environmentKey,
                                                 Collection<ChangeRef> mustInclude) {
        TriggerRepair.repair(projectKey, environmentKey, mustInclude, ItemKeys.SNAPSHOT_CHAINS, commits);
        StoredVersion environment = versions.live(ItemKeys.environment(projectKey, environmentKey))
                .orElseThrow(() -> new StoreException.NotFound("environment " + projectKey + "/" + environmentKey
                        + " does not exist"));
        return EnvironmentStates.assemble(projectKey, environmentKey, environment,
                versions.headsForState(ItemKeys.allDefinitions(projectKey)),
                versions.headsForState(ItemKeys.allConfigs(projectKey, environmentKey)),
                versions.headsForState(ItemKeys.allSegments(projectKey, environmentKey)),
                mustInclude);
    }

    // --- parents --------------------------------------------------------------------------------------------

    private void requireProject(String projectKey) {
        if (versions.live(ItemKeys.project(projectKey)).isEmpty()) {
            throw new StoreException.NotFound("project " + projectKey + " does not exist");
        }
    }

    private void requireEnvironment(String projectKey, String environmentKey) {
        requireProject(projectKey);
        if (versions.live(ItemKeys.environment(projectKey, environmentKey)).isEmpty()) {
            throw new StoreException.NotFound("environment " + projectKey + "/" + environmentKey + " does not exist");
        }
    }
}
