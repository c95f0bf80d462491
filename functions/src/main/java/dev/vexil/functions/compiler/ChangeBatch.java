package dev.vexil.functions.compiler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.vexil.core.store.ChangeRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A stream batch grouped by the environments it affects. An environment-level change affects its environment;
 * a project-level change (a flag definition, the project) affects every environment of the project. Each group
 * keeps the sequence numbers of all records that touched it, so that a failed environment reports exactly those.
 */
final class ChangeBatch {

    /** The changes of one environment in this batch. {@code newestChangeAt} is null if no record had a time. */
    record EnvironmentChanges(String project, String environment, List<ChangeRef> changes,
                              Set<String> sequenceNumbers, Instant newestChangeAt) {
    }

    /** Records whose project's environments could not be listed, by project (they must be retried). */
    record UnresolvedProject(String project, RuntimeException error, Set<String> sequenceNumbers) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, UnresolvedProject> unresolved = new LinkedHashMap<>();

    private ChangeBatch() {
    }

    /**
     * Groups {@code records}; {@code environmentsOf} lists a project's environment keys (asked once per project);
     * {@code ignored} is told about each record that names no change.
     */
    static ChangeBatch group(List<DynamodbStreamRecord> records, Function<String, List<String>> environmentsOf,
                             BiConsumer<DynamodbStreamRecord, String> ignored) {
        ChangeBatch batch = new ChangeBatch();
        Map<String, List<String>> environmentsByProject = new HashMap<>();
        for (DynamodbStreamRecord record : records) {
            var change = StreamRecords.changeOf(record);
            if (change.isEmpty()) {
                ignored.accept(record, "not part of a snapshot (an SDK key, or no plain attributes project, rtype, rkey, version)");
                continue;
            }
            ChangeRef ref = change.get();
            String sequenceNumber = record.getDynamodb().getSequenceNumber();
            Instant at = record.getDynamodb().getApproximateCreationDateTime() == null
                    ? null : record.getDynamodb().getApproximateCreationDateTime().toInstant();
            if (ref.environment() != null) {
                batch.add(ref.project(), ref.environment(), ref, sequenceNumber, at);
                continue;
            }
            if (batch.unresolved.containsKey(ref.project())) {
                batch.unresolved.get(ref.project()).sequenceNumbers().add(sequenceNumber);
                continue;
            }
            try {
                List<String> environments = environmentsByProject.computeIfAbsent(ref.project(), environmentsOf);
                for (String environment : environments) {
                    batch.add(ref.project(), environment, ref, sequenceNumber, at);
                }
            } catch (RuntimeException e) {
                Set<String> sequenceNumbers = new LinkedHashSet<>();
                sequenceNumbers.add(sequenceNumber);
                batch.unresolved.put(ref.project(), new UnresolvedProject(ref.project(), e, sequenceNumbers));
            }
        }
        return batch;
    }

    List<EnvironmentChanges> environments() {
        return groups.values().stream().map(Group::toChanges).toList();
    }

    List<UnresolvedProject> unresolvedProjects() {
        return List.copyOf(unresolved.values());
    }

    private void add(String project, String environment, ChangeRef ref, String sequenceNumber, Instant at) {
        groups.computeIfAbsent(project + "/" + environment, k -> new Group(project, environment))
                .add(ref, sequenceNumber, at);
    }

    private static final class Group {
        private final String project;
        private final String environment;
        private final List<ChangeRef> changes = new ArrayList<>();
        private final Set<String> sequenceNumbers = new LinkedHashSet<>();
        private Instant newestChangeAt;

        Group(String project, String environment) {
            this.project = project;
            this.environment = environment;
        }

        void add(ChangeRef ref, String sequenceNumber, Instant at) {
            changes.add(ref);
            sequenceNumbers.add(sequenceNumber);
            if (at != null && (newestChangeAt == null || at.isAfter(newestChangeAt))) {
                newestChangeAt = at;
            }
        }

        EnvironmentChanges toChanges() {
            return new EnvironmentChanges(project, environment, List.copyOf(changes), Set.copyOf(sequenceNumbers),
                    newestChangeAt);
        }
    }
}
