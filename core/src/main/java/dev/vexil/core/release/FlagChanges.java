package dev.vexil.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.service.JsonDiff;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.validate.Problem;
import dev.vexil.validate.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The flag reads and writes release automation makes: every write is an ordinary conditional write of the
 * repository (expecting a version), with a history entry whose comment carries a marker naming the schedule or
 * plan step. The marker is how a scheduler that took over after a crash finds out whether the write already
 * happened ({@link #writtenWith}).
 */
public final class FlagChanges {
    private static final int HISTORY_PAGE = 50;

    private final FlagRepository repository;
    private final ObjectMapper mapper;

    public FlagChanges(FlagRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public Optional<Versioned<FlagConfig>> current(FlagRef ref) {
        return repository.getFlagConfig(ref.project(), ref.environment(), ref.flag());
    }

    public long currentVersion(FlagRef ref) {
        return current(ref).map(Versioned::version).orElse(0L);
    }

    /** The content of {@code version}; version 0 is the flag before its first configuration. */
    public FlagConfig contentAt(FlagRef ref, long version) {
        if (version == 0) {
            return FlagConfig.notConfigured();
        }
        return repository.getFlagConfigVersion(ref.project(), ref.environment(), ref.flag(), version)
                .map(HistoryEntry::content)
                .orElseThrow(() -> new IllegalStateException(ref + " has no version " + version));
    }

    public Optional<FlagDefinition> definition(FlagRef ref) {
        return repository.getFlagDefinition(ref.project(), ref.flag()).map(Versioned::value);
    }

    /** The problems of {@code config} under the flag's definition and the environment as they are now. */
    public List<Problem> problems(FlagRef ref, FlagConfig config) {
        return problems(ref, mapper.<JsonNode>valueToTree(config));
    }

    /** As {@link #problems(FlagRef, FlagConfig)}, for a configuration as JSON (paths relative to it). */
    public List<Problem> problems(FlagRef ref, JsonNode config) {
        Optional<FlagDefinition> definition = definition(ref);
        if (definition.isEmpty()) {
            return List.of(new Problem("", "flag \"" + ref.flag() + "\" no longer exists"));
        }
        EnvironmentState state = repository.loadEnvironmentState(ref.project(), ref.environment(), List.of());
        return Validator.validateFlagConfig(config, definition.get(), state.validationScope());
    }

    /**
     * Whether the flag's environment is protected now: then a schedule or a plan written before it was protected
     * does not write (its changes were never reviewed); a guard restore still does.
     */
    public boolean inProtectedEnvironment(FlagRef ref) {
        return repository.getEnvironment(ref.project(), ref.environment())
                .map(e -> e.value().protectedEnv()).orElse(false);
    }

    /** One conditional write ({@code expected} 0 = create) by {@code principal}, with a diff from {@code before}. */
    public Versioned<FlagConfig> write(FlagRef ref, FlagConfig before, FlagConfig after, long expected,
                                       String principal, String action, String comment, Instant at) {
        ChangeMeta meta = new ChangeMeta(principal, action, comment, JsonDiff.between(
                before == null ? null : mapper.valueToTree(before), mapper.valueToTree(after)), at);
        return repository.putFlagConfig(ref.project(), ref.environment(), ref.flag(), after, expected, meta);
    }

    /**
     * The change after version {@code after} whose comment carries {@code marker}, if one was written: reads the
     * history newest first and stops at {@code after}, so the cost follows the changes since then.
     */
    public Optional<HistoryEntry<FlagConfig>> writtenWith(FlagRef ref, String marker, long after) {
        String cursor = null;
        do {
            Page<HistoryEntry<FlagConfig>> page = repository.flagConfigHistory(ref.project(), ref.environment(),
                    ref.flag(), cursor, HISTORY_PAGE);
            for (HistoryEntry<FlagConfig> entry : page.items()) {
                if (entry.version() <= after) {
                    return Optional.empty();
                }
                if (entry.comment() != null && entry.comment().contains(marker)) {
                    return Optional.of(entry);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    /** Who made version {@code version} and how, for conflict reports. */
    public String describeVersion(FlagRef ref, long version) {
        return repository.getFlagConfigVersion(ref.project(), ref.environment(), ref.flag(), version)
                .map(e -> "version " + version + " (" + e.action() + " by " + e.principal() + ")")
                .orElse("version " + version);
    }
}
