package dev.vexil.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import java.time.Clock;

/** Applies the next step of a running plan whose hold has passed (as {@link ReleasePrincipals#SCHEDULER}). */
public final class RolloutRunner implements DueWork {
    private final RolloutSteps steps;
    private final ReleaseRecords records;

    public RolloutRunner(FlagRepository repository, ReleaseStore store, ObjectMapper mapper, Clock clock) {
        this.steps = new RolloutSteps(new FlagChanges(repository, mapper), store, clock);
        this.records = new ReleaseRecords(mapper);
    }

    @Override
    public String kind() {
        return RolloutPlan.KIND;
    }

    @Override
    public ReleaseRecord run(ReleaseRecord claimed) {
        RolloutPlan plan = records.read(claimed, RolloutPlan.class);
        if (!RolloutPlan.RUNNING.equals(plan.status())) {
            return claimed.next(null, claimed.body());
        }
        RolloutPlan next = steps.applyNext(FlagRef.of(claimed.key()), plan, ReleasePrincipals.SCHEDULER);
        return claimed.next(RolloutPlan.RUNNING.equals(next.status()) ? next.nextStepAt() : null, records.tree(next));
    }
}
