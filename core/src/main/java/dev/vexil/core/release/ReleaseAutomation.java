package dev.vexil.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;
import dev.vexil.core.review.TimedApply;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment of release automation is made of: where schedules and plans are stored, and which alarm names
 * may be guards. The admin API serves the routes over it; each wiring also runs {@link #scheduler} on its own
 * clock (a timer locally, a Lambda on AWS) and {@link #guards} when an alarm changes state.
 */
public record ReleaseAutomation(ReleaseStore store, GuardAlarms alarms) {

    public ScheduleService schedules(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        return new ScheduleService(repository, store, alarms, mapper, clock);
    }

    public RolloutService rollouts(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        return new RolloutService(repository, store, alarms, mapper, clock);
    }

    /**
     * The scheduler of every kind of due work: schedules, rollout steps, and the timed apply of change requests
     * (when the repository keeps them, as both adapters do).
     */
    public ReleaseScheduler scheduler(FlagRepository repository, ObjectMapper mapper, Clock clock) {
        List<DueWork> kinds = new ArrayList<>(List.of(new ScheduleRunner(repository, store, mapper, clock),
                new RolloutRunner(repository, store, mapper, clock)));
        TimedApply.over(repository, mapper, clock).ifPresent(kinds::add);
        return new ReleaseScheduler(store, clock, kinds);
    }

    public GuardService guards(FlagRepository repository, GuardNotifier notifier, ObjectMapper mapper, Clock clock) {
        return new GuardService(repository, store, notifier, mapper, clock);
    }
}
