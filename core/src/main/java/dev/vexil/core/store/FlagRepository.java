package dev.vexil.core.store;

import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The storage port of the control plane. Two adapters implement it: DynamoDB (AWS) and SQLite (local mode);
 * one contract test suite runs against both.
 *
 * <p>Every mutable resource has a head (its current version) and a history of immutable, version-numbered
 * entries. A change is the conditional move of the head from version n to n+1, which fails if another writer
 * moved it first, followed by the history entry of n+1; a crash between the two is repaired by the next read,
 * write or compile that touches the resource (docs/data-model.md). There are no transactions.
 *
 * <p>{@code expectedVersion} semantics for writes: {@code 0} means "create" and throws
 * {@link StoreException.AlreadyExists} if a live resource exists; {@code n > 0} means "update version n" and
 * throws {@link StoreException.VersionConflict} unless n is the current version. Writes under a missing parent
 * (project or environment) throw {@link StoreException.NotFound}. A failed write changes nothing.
 */
public interface FlagRepository {

    // --- projects -------------------------------------------------------------------------------------------

    Versioned<Project> createProject(Project project, ChangeMeta meta);

    Versioned<Project> updateProject(Project project, long expectedVersion, ChangeMeta meta);

    Optional<Versioned<Project>> getProject(String projectKey);

    Page<Versioned<Project>> listProjects(String cursor, int limit);

    // --- environments ---------------------------------------------------------------------------------------

    Versioned<Environment> createEnvironment(String projectKey, Environment environment, ChangeMeta meta);

    /**
     * Replaces the environment's name, protection and review settings as a new version; {@code expectedVersion}
     * must be its current version (VersionConflict otherwise; NotFound if it does not exist).
     */
    Versioned<Environment> updateEnvironment(String projectKey, Environment environment, long expectedVersion,
                                             ChangeMeta meta);

    Optional<Versioned<Environment>> getEnvironment(String projectKey, String environmentKey);

    List<Versioned<Environment>> listEnvironments(String projectKey);

    // --- flag definitions (project level) --------------------------------------------------------------------

    Versioned<FlagDefinition> putFlagDefinition(String projectKey, FlagDefinition definition, long expectedVersion,
                                                ChangeMeta meta);

    Optional<Versioned<FlagDefinition>> getFlagDefinition(String projectKey, String flagKey);

    /** Current definitions sorted by key; {@code tag} null means all. */
    Page<Versioned<FlagDefinition>> listFlagDefinitions(String projectKey, String tag, String cursor, int limit);

    // --- flag configurations (environment level) -------------------------------------------------------------

    Versioned<FlagConfig> putFlagConfig(String projectKey, String environmentKey, String flagKey, FlagConfig config,
                                        long expectedVersion, ChangeMeta meta);

    Optional<Versioned<FlagConfig>> getFlagConfig(String projectKey, String environmentKey, String flagKey);

    Optional<HistoryEntry<FlagConfig>> getFlagConfigVersion(String projectKey, String environmentKey, String flagKey,
                                                            long version);

    /**
     * One page of the configuration's history, newest first: up to {@code limit} entries after {@code cursor}
     * (null for the first page). Throws IllegalArgumentException for a malformed cursor or a limit below 1.
     */
    Page<HistoryEntry<FlagConfig>> flagConfigHistory(String projectKey, String environmentKey, String flagKey,
                                                     String cursor, int limit);

    /** Every version, newest first (all pages of {@link #flagConfigHistory(String, String, String, String, int)}). */
    default List<HistoryEntry<FlagConfig>> flagConfigHistory(String projectKey, String environmentKey,
                                                             String flagKey) {
        return Page.drain(cursor -> flagConfigHistory(projectKey, environmentKey, flagKey, cursor, 500));
    }

    // --- segments (environment level) ------------------------------------------------------------------------

    Versioned<Segment> putSegment(String projectKey, String environmentKey, Segment segment, long expectedVersion,
                                  ChangeMeta meta);

    /** Empty when absent or deleted. */
    Optional<Versioned<Segment>> getSegment(String projectKey, String environmentKey, String segmentKey);

    /** Writes a tombstone version; history is kept. A later create continues the version chain. */
    Versioned<Segment> deleteSegment(String projectKey, String environmentKey, String segmentKey,
                                     long expectedVersion, ChangeMeta meta);

    List<Versioned<Segment>> listSegments(String projectKey, String environmentKey);

    /** One stored version of a segment; a tombstone's entry has null content. */
    Optional<HistoryEntry<Segment>> getSegmentVersion(String projectKey, String environmentKey, String segmentKey,
                                                      long version);

    /** One page of the segment's history, newest first, tombstones included (null content); as flag history. */
    Page<HistoryEntry<Segment>> segmentHistory(String projectKey, String environmentKey, String segmentKey,
                                               String cursor, int limit);

    // --- SDK keys ---------------------------------------------------------------------------------------------

    SdkKeyRecord createSdkKey(SdkKeyRecord key);

    List<SdkKeyRecord> listSdkKeys(String projectKey, String environmentKey);

    /** Marks the key revoked; empty if there is no such key. Revoking twice keeps the first revocation time. */
    Optional<SdkKeyRecord> revokeSdkKey(String projectKey, String environmentKey, String keyId, ChangeMeta meta);

    /** The key whose secret hashes to {@code hash}, active or revoked. */
    Optional<SdkKeyRecord> findSdkKeyByHash(String hash);

    // --- audit logs -------------------------------------------------------------------------------------------

    /**
     * One page of the project's or an environment's audit log ({@link AuditQuery}), newest first, filtered before
     * paging. The cursor belongs to that log: another log's cursor, or a malformed one, is an
     * IllegalArgumentException, as is a limit below 1.
     */
    Page<AuditEntry> auditLog(AuditQuery query, String cursor, int limit);

    // --- compiler ---------------------------------------------------------------------------------------------

    /**
     * Reads an environment's current state from the source of truth. The result reflects at least the versions
     * named in {@code mustInclude} (the changes that triggered this compile), even where an index lags.
     * Throws {@link StoreException.NotFound} if the environment does not exist.
     */
    EnvironmentState loadEnvironmentState(String projectKey, String environmentKey, Collection<ChangeRef> mustInclude);
}
