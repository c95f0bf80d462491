package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.Segment;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segments of an environment: create or update (PUT), read, list, delete (refused while referenced). */
public final class SegmentService {
    private final FlagRepository repository;
    private final ProjectGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final QuotaGuard quotas;
    private final SnapshotSizeGuard sizes;

    public SegmentService(FlagRepository repository, ObjectMapper mapper, Clock clock, QuotaGuard quotas) {
        this.quotas = quotas;
        this.repository = repository;
        this.guard = new ProjectGuard(repository);
        this.mapper = mapper;
        this.clock = clock;
        this.sizes = new SnapshotSizeGuard(repository, clock);
    }

    public Versioned<Segment> put(Caller caller, String projectKey, String envKey, String segmentKey, JsonNode body,
                                  WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        ProjectGuard.requireDirectWrite(projectKey, environment, caller);
        Segment segment = validated(projectKey, envKey, segmentKey, body);
        Optional<Versioned<Segment>> current = repository.getSegment(projectKey, envKey, segmentKey);
        long expected = precondition.expectedVersion(current, "segment \"" + segmentKey + "\"");
        if (current.isEmpty()) {
            quotas.segments(projectKey, envKey);
        }
        ChangeMeta meta = meta(caller, current.isPresent() ? "update" : "create",
                current.map(v -> (JsonNode) mapper.valueToTree(v.value())).orElse(null), mapper.valueToTree(segment));
        return repository.putSegment(projectKey, envKey, segment, expected, meta);
    }

    /** The segment {@code body} describes, validated as a PUT would, without writing it (change requests). */
    public Segment validated(String projectKey, String envKey, String segmentKey, JsonNode body) {
        JsonNode tree = ModelBodies.withoutReadOnly(body);
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        List<Problem> problems = Validator.validateSegment(tree, segmentKey, state.validationScope());
        if (!problems.isEmpty()) {
            throw AdminException.invalid(problems);
        }
        Segment parsed = ModelBodies.bind(mapper, ModelBodies.withKey(tree, segmentKey), Segment.class);
        Segment segment = new Segment(parsed.key(), parsed.name(), parsed.description(), parsed.included(),
                parsed.excluded(), parsed.rules(), parsed.salt(), null); // the stored version is the version
        sizes.checkSegment(state, segment);
        return segment;
    }

    /** A segment still used by a flag of the environment cannot be deleted: 409 naming those flags. */
    public void requireUnused(String projectKey, String envKey, String segmentKey) {
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        List<String> flags = SegmentReferences.flagsUsing(state, segmentKey);
        if (!flags.isEmpty()) {
            throw new AdminException(AdminException.Kind.CONFLICT, "segment \"" + segmentKey + "\" is still used by"
                    + " flag(s) " + flags + " in environment \"" + envKey + "\"; remove those references first",
                    List.of(), Map.of("referencedBy", Map.of("flags", flags)));
        }
    }

    public Versioned<Segment> get(Caller caller, String projectKey, String envKey, String segmentKey) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        return repository.getSegment(projectKey, envKey, segmentKey)
                .orElseThrow(() -> AdminException.notFound("segment \"" + segmentKey + "\" does not exist in"
                        + " environment \"" + envKey + "\""));
    }

    public List<Versioned<Segment>> list(Caller caller, String projectKey, String envKey) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        return repository.listSegments(projectKey, envKey);
    }

    /** Deletes (If-Match required); a segment still used by a flag is refused with 409. */
    public Versioned<Segment> delete(Caller caller, String projectKey, String envKey, String segmentKey,
                                     WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        ProjectGuard.requireDirectWrite(projectKey, environment, caller);
        Versioned<Segment> current = get(caller, projectKey, envKey, segmentKey);
        long expected = precondition.expectedVersionOfExisting(current, "segment \"" + segmentKey + "\"");
        requireUnused(projectKey, envKey, segmentKey);
        return repository.deleteSegment(projectKey, envKey, segmentKey, expected,
                meta(caller, "delete", mapper.valueToTree(current.value()), null));
    }

    /** One page of the segment's changes, newest first, deletions included; empty for a segment never created. */
    public Page<HistoryEntry<Segment>> history(Caller caller, String projectKey, String envKey, String segmentKey,
                                               String cursor, int limit) {
        guard.environment(projectKey, envKey, caller, Role.VIEWER);
        return repository.segmentHistory(projectKey, envKey, segmentKey, cursor, limit);
    }

    /**
     * Restores the content of {@code version} as a new version (action {@code rollback}); If-Match optional. The
     * segment must exist now, the version must not be a deletion, and the content must be valid today.
     */
    public Versioned<Segment> rollback(Caller caller, String projectKey, String envKey, String segmentKey,
                                       long version, WritePrecondition precondition) {
        Environment environment = guard.environment(projectKey, envKey, caller, Role.EDITOR);
        ProjectGuard.requireDirectWrite(projectKey, environment, caller);
        HistoryEntry<Segment> entry = repository.getSegmentVersion(projectKey, envKey, segmentKey, version)
                .orElseThrow(() -> AdminException.notFound("segment \"" + segmentKey + "\" has no version " + version
                        + " in environment \"" + envKey + "\""));
        if (entry.content() == null) {
            throw AdminException.conflict("version " + version + " of segment \"" + segmentKey + "\" is its deletion;"
                    + " roll back to a version before it");
        }
        Versioned<Segment> current = get(caller, projectKey, envKey, segmentKey);
        Segment restored = entry.content();
        EnvironmentState state = repository.loadEnvironmentState(projectKey, envKey, List.of());
        List<Problem> problems = Validator.validateSegment(mapper.valueToTree(restored), segmentKey,
                state.validationScope());
        if (!problems.isEmpty()) {
            throw new AdminException(AdminException.Kind.CONFLICT, "version " + version + " of segment \"" + segmentKey
                    + "\" is not valid in today's environment", problems);
        }
        long expected = precondition.expectedVersionIfGiven(current.version(), "segment \"" + segmentKey + "\"");
        return repository.putSegment(projectKey, envKey, restored, expected, meta(caller, "rollback",
                mapper.valueToTree(current.value()), mapper.valueToTree(restored)));
    }

    private ChangeMeta meta(Caller caller, String action, JsonNode before, JsonNode after) {
        return caller.changeMeta(action, JsonDiff.between(before, after), clock.instant());
    }
}
