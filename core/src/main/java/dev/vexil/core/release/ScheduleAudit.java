package dev.vexil.core.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.StoreException;
import java.util.List;
import java.util.Map;

/**
 * Puts a schedule's creation and cancellation in its environment's audit log, each exactly once
 * (docs/release-automation.md, "History"). The schedule in the release store is the truth: its {@code created} and
 * {@code cancelled} events are the entries to have, and the audit record's version counts how many are written, so
 * writing what is missing is safe to repeat (each version is a conditional write). A schedule whose audit may be
 * missing is left due now in the release store until it is written, so a crash in between is made good by the next
 * scheduler tick.
 */
final class ScheduleAudit {
    private static final Map<String, String> ACTIONS = Map.of("created", "create", "cancelled", "cancel");

    /** Null when the repository keeps no such records: then nothing is audited (and nothing waits for it). */
    private final ScheduleHistory history;
    private final ObjectMapper mapper;

    ScheduleAudit(FlagRepository repository, ObjectMapper mapper) {
        this.history = repository instanceof ScheduleHistory h ? h : null;
        this.mapper = mapper;
    }

    /** Whether schedules are audited here (if so, an item stays due now until its entries are written). */
    boolean enabled() {
        return history != null;
    }

    /** Writes the audit entries the schedule has and its audit record lacks. */
    void write(FlagRef ref, Schedule schedule) {
        if (history == null) {
            return;
        }
        List<ReleaseEvent> audited = schedule.events().stream().filter(e -> ACTIONS.containsKey(e.event())).toList();
        String key = ref.flag() + "/" + schedule.id();
        for (long version = history.scheduleVersion(ref.project(), ref.environment(), key) + 1;
             version <= audited.size(); version++) {
            ReleaseEvent event = audited.get((int) version - 1);
            try {
                history.putScheduleVersion(ref.project(), ref.environment(), key, version, json(schedule),
                        new ChangeMeta(event.principal(), ACTIONS.get(event.event()), event.detail(), null,
                                event.at()));
            } catch (StoreException.VersionConflict | StoreException.AlreadyExists race) {
                if (history.scheduleVersion(ref.project(), ref.environment(), key) < version) {
                    throw race;
                }
                // another run wrote this version at the same moment
            }
        }
    }

    private String json(Schedule schedule) {
        try {
            return mapper.writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schedule does not serialise", e);
        }
    }
}
