package dev.vexil.eval;

import dev.vexil.model.FlagType;
import dev.vexil.model.Snapshot;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One environment's snapshot, validated leniently and compiled once into an immutable structure that evaluates
 * without allocating. Thread-safe. Build a new instance per snapshot and swap the reference atomically.
 *
 * <p>Forward compatibility: an unknown operator or field never fails the whole snapshot; a clause with an
 * unknown operator never matches, and results of that flag carry a {@link Reason#note()} saying why. A flag whose
 * data cannot be evaluated (a variation index out of range, a prerequisite cycle or unknown prerequisite, no
 * variations) serves ERROR {@link ErrorKind#MALFORMED_FLAG}; the other flags are unaffected.
 *
 * <p>The semantics are specified in docs/evaluation.md.
 */
public final class CompiledEnvironment {
    private final Snapshot snapshot;
    private final FlagTable flags;
    private final Set<String> flagKeys;
    private final String[] flagKeyArray;
    /** The flags in snapshot order: {@link #evaluateAt} reads them by {@link #flagIndex}. */
    private final CompiledFlag[] flagArray;
    private final EvaluationResult flagNotFound;
    private final EvaluationResult invalidContext;

    private CompiledEnvironment(Snapshot snapshot, Map<String, CompiledFlag> compiled) {
        this.snapshot = snapshot;
        this.flags = new FlagTable(compiled.values());
        this.flagKeys = Collections.unmodifiableSet(new LinkedHashSet<>(compiled.keySet()));
        this.flagKeyArray = compiled.keySet().toArray(new String[0]);
        this.flagArray = compiled.values().toArray(new CompiledFlag[0]);
        this.flagNotFound = EvaluationResult.error(ErrorKind.FLAG_NOT_FOUND, null, snapshot.version());
        this.invalidContext = EvaluationResult.error(ErrorKind.INVALID_CONTEXT, "no context", snapshot.version());
    }

    /**
     * Compiles a snapshot. {@code forcedOff} lists flags that must serve their off variation regardless of their
     * configuration (the emergency kill list, or flags failing closed on staleness); {@code forcedOffNote} is
     * put in the OFF reason's note of those flags (e.g. "kill list"). Never throws for bad flag data.
     */
    public static CompiledEnvironment compile(Snapshot snapshot, Set<String> forcedOff, String forcedOffNote) {
        Map<String, String> notes = new HashMap<>();
        if (forcedOff != null) {
            for (String key : forcedOff) {
                notes.put(key, forcedOffNote);
            }
        }
        return compile(snapshot, notes);
    }

    /**
     * Compiles a snapshot with flags forced off, each with its own note: flag key → note of its OFF reason, e.g.
     * {@code "kill list"} for some and {@code "stale"} for others. A null note keeps the flag's own note.
     */
    public static CompiledEnvironment compile(Snapshot snapshot, Map<String, String> forcedOff) {
        return compile(snapshot, forcedOff, Map.of());
    }

    /**
     * As {@link #compile(Snapshot, Map)}, with flags a validator refused: flag key → why (e.g. the SDK's LENIENT
     * validation found a limit exceeded). Those flags serve ERROR {@link ErrorKind#MALFORMED_FLAG} with that note,
     * unless the evaluator's own checks already found them malformed; the other flags are unaffected.
     */
    public static CompiledEnvironment compile(Snapshot snapshot, Map<String, String> forcedOff,
                                              Map<String, String> invalidFlags) {
        Objects.requireNonNull(snapshot, "snapshot");
        Map<String, String> copy = forcedOff == null ? Map.of() : new HashMap<>(forcedOff);
        Map<String, String> invalid = invalidFlags == null ? Map.of() : Map.copyOf(invalidFlags);
        return new CompiledEnvironment(snapshot, new FlagCompiler(snapshot, copy, invalid).compileAll());
    }

    public static CompiledEnvironment compile(Snapshot snapshot) {
        return compile(snapshot, Set.of(), null);
    }

    /**
     * Evaluates one flag for one context. Never throws; never allocates on the success path. A null context still
     * gets the off variation of a flag that is off (the off path reads no context); any other flag answers it with
     * {@link ErrorKind#INVALID_CONTEXT}.
     */
    public EvaluationResult evaluate(String flagKey, Context context) {
        return evaluate(flagKey == null ? null : flags.get(flagKey), context);
    }

    /**
     * The index of a flag in snapshot order (0 ≤ index < {@link #flagCount()}, the order of {@link #flagKey(int)}),
     * or -1 when the snapshot has no such flag (or the key is null). One lookup, no allocation: with
     * {@link #evaluateAt} a caller that keeps per-flag data (the SDK's evaluation counters) looks the key up once.
     */
    public int flagIndex(String flagKey) {
        return flagKey == null ? -1 : flags.position(flagKey);
    }

    /**
     * Evaluates the flag at {@code index} (from {@link #flagIndex}) exactly as {@link #evaluate(String, Context)}
     * evaluates it by key; a negative index answers {@link ErrorKind#FLAG_NOT_FOUND}.
     */
    public EvaluationResult evaluateAt(int index, Context context) {
        return evaluate(index < 0 ? null : flagArray[index], context);
    }

    private EvaluationResult evaluate(CompiledFlag flag, Context context) {
        if (flag == null) {
            return flagNotFound;
        }
        if (context == null) {
            return flag.isOn() ? invalidContext : flag.evaluate(null);
        }
        try {
            return flag.evaluate(context);
        } catch (RuntimeException | StackOverflowError e) {
            return EvaluationResult.error(ErrorKind.EXCEPTION, e.toString(), snapshot.version());
        }
    }

    /** The type of a flag, or null when the snapshot has no such flag (or its type is unknown). */
    public FlagType flagType(String flagKey) {
        CompiledFlag flag = flagKey == null ? null : flags.get(flagKey);
        return flag == null ? null : flag.type();
    }

    /** Whether the snapshot has a flag with that key. */
    public boolean hasFlag(String flagKey) {
        return flagKey != null && flags.get(flagKey) != null;
    }

    /** The number of flags; with {@link #flagKey(int)}, iterates the keys without allocating (e.g. allFlags). */
    public int flagCount() {
        return flagKeyArray.length;
    }

    /** The key of flag {@code index} (0 ≤ index < {@link #flagCount()}), in snapshot order. */
    public String flagKey(int index) {
        return flagKeyArray[index];
    }

    /** The snapshot this was compiled from. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public long version() {
        return snapshot.version();
    }

    /** The flag keys, in snapshot order. Unmodifiable. */
    public Set<String> flagKeys() {
        return flagKeys;
    }
}
