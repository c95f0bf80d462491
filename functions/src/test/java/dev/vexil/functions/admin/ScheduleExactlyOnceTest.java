package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.admin.service.AdminJson;
import dev.vexil.core.release.GuardAlarms;
import dev.vexil.core.release.ReleaseAutomation;
import dev.vexil.core.release.ReleaseScheduler;
import dev.vexil.core.release.store.ReleaseKey;
import dev.vexil.core.release.store.ReleaseRecord;
import dev.vexil.core.release.store.ReleaseStore;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.model.FlagConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A due schedule is applied exactly once: with two schedulers racing, with a scheduler that crashes between its
 * claim and its flag write, and with one that crashes between its flag write and marking the schedule applied.
 * "Exactly once" is what a user sees: one history entry by the scheduler, and the schedule marked applied with it.
 */
class ScheduleExactlyOnceTest {
    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    private String project;

    @BeforeEach
    void now() {
        api.clock.set(AdminFixture.NOW);
        project = api.project("once", "production");
    }

    /** A flag at version 1 with a schedule due at NOW + 1 minute; the clock is moved to the due time. */
    private String flagWithDueSchedule(String flag) {
        api.booleanFlag(project, flag);
        String config = "/v1/projects/" + project + "/environments/production/flags/" + flag;
        api.call("PUT", config).json("{\"on\":false,\"fallthrough\":{\"variation\":0}}").expect(201);
        String id = api.call("POST", config + "/schedules").json("{\"at\":\"" + AdminFixture.NOW.plusSeconds(60)
                + "\",\"change\":{\"on\":true}}").expect(201).json().path("id").asText();
        api.clock.set(AdminFixture.NOW.plusSeconds(60));
        return id;
    }

    private List<HistoryEntry<FlagConfig>> schedulerWrites(String flag) {
        return api.repository.flagConfigHistory(project, "production", flag).stream()
                .filter(e -> "vexil:scheduler".equals(e.principal())).toList();
    }

    private String status(String flag) {
        return api.get("/v1/projects/" + project + "/environments/production/flags/" + flag + "/schedules")
                .expect(200).json().path("items").get(0).path("status").asText();
    }

    private ReleaseScheduler scheduler(FlagRepository repository, ReleaseStore store) {
        return new ReleaseAutomation(store, GuardAlarms.ANY_NAME).scheduler(repository, AdminJson.newMapper(),
                api.clock);
    }

    @Test
    void twoSchedulersTickingAtOnceApplyEachScheduleOnce() throws Exception {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            flags.add("race-" + i);
            flagWithDueSchedule("race-" + i);
        }
        assertThat(api.tickAtOnce(2)).as("each schedule ran by exactly one of the two").isEqualTo(10);
        for (String flag : flags) {
            assertThat(schedulerWrites(flag)).as(flag).hasSize(1);
            assertThat(status(flag)).isEqualTo("applied");
        }
    }

    @Test
    void aSchedulerThatLosesTheClaimWritesNothing() {
        flagWithDueSchedule("lost-claim");
        ReleaseScheduler other = api.scheduler();
        // the first scheduler reads the due list, then the other one runs a whole tick before it claims
        ReleaseStore interleaved = delegating(api.release, "due", other::tick);
        assertThat(scheduler(api.repository, interleaved).tick()).isZero();
        assertThat(schedulerWrites("lost-claim")).hasSize(1);
        assertThat(status("lost-claim")).isEqualTo("applied");
    }

    @Test
    void aSlowSchedulerOvertakenAfterItsLeaseFindsTheOtherOnesWrite() {
        flagWithDueSchedule("slow");
        ReleaseScheduler other = api.scheduler();
        // the first scheduler stalls just before its flag write until its lease has expired and another took over
        FlagRepository stalling = intercept(api.repository, "putFlagConfig", () -> {
            api.clock.advance(ReleaseScheduler.DEFAULT_LEASE.plusSeconds(1));
            assertThat(other.tick()).isEqualTo(1);
        }, false);
        scheduler(stalling, api.release).tick();
        assertThat(schedulerWrites("slow")).hasSize(1);
        assertThat(status("slow")).isEqualTo("applied");
    }

    @Test
    void aCrashBetweenClaimAndWriteIsRecoveredAfterTheLease() {
        flagWithDueSchedule("crash-before-write");
        FlagRepository crashing = intercept(api.repository, "putFlagConfig", () -> {
            throw new IllegalStateException("crash before the write");
        }, false);
        assertThat(scheduler(crashing, api.release).tick()).isZero();
        assertThat(schedulerWrites("crash-before-write")).isEmpty();

        assertThat(api.scheduler().tick()).as("the claim holds until its lease expires").isZero();
        api.clock.advance(ReleaseScheduler.DEFAULT_LEASE.plusSeconds(1));
        assertThat(api.scheduler().tick()).isEqualTo(1);
        assertThat(schedulerWrites("crash-before-write")).hasSize(1);
        assertThat(status("crash-before-write")).isEqualTo("applied");
    }

    @Test
    void aCrashBetweenWriteAndMarkingAppliedDoesNotWriteAgain() {
        flagWithDueSchedule("crash-after-write");
        FlagRepository crashing = intercept(api.repository, "putFlagConfig", () -> {
            throw new IllegalStateException("crash after the write");
        }, true);
        assertThat(scheduler(crashing, api.release).tick()).isZero();
        assertThat(schedulerWrites("crash-after-write")).hasSize(1);
        assertThat(status("crash-after-write")).isEqualTo("pending");

        api.clock.advance(ReleaseScheduler.DEFAULT_LEASE.plusSeconds(1));
        assertThat(api.scheduler().tick()).isEqualTo(1);
        assertThat(schedulerWrites("crash-after-write")).as("the second run found the first one's write").hasSize(1);
        assertThat(status("crash-after-write")).isEqualTo("applied");
        assertThat(api.get("/v1/projects/" + project + "/environments/production/flags/crash-after-write/schedules")
                .expect(200).json().path("items").get(0).path("appliedVersion").asLong()).isEqualTo(2);
    }

    /** {@code repository}, running {@code fault} before (or after) each call of {@code method}. */
    private static FlagRepository intercept(FlagRepository repository, String method, Runnable fault,
                                            boolean after) {
        return (FlagRepository) Proxy.newProxyInstance(FlagRepository.class.getClassLoader(),
                new Class<?>[] {FlagRepository.class}, (proxy, called, args) -> {
                    if (called.getName().equals(method) && !after) {
                        fault.run();
                    }
                    Object result = invoke(repository, called, args);
                    if (called.getName().equals(method) && after) {
                        fault.run();
                    }
                    return result;
                });
    }

    /** {@code store}, running {@code between} after each call of {@code method}. */
    private static ReleaseStore delegating(ReleaseStore store, String method, Runnable between) {
        return new ReleaseStore() {
            @Override
            public ReleaseRecord create(ReleaseRecord record) {
                return store.create(record);
            }

            @Override
            public ReleaseRecord replace(ReleaseRecord record, long expectedRevision) {
                return store.replace(record, expectedRevision);
            }

            @Override
            public Optional<ReleaseRecord> get(ReleaseKey key) {
                return store.get(key);
            }

            @Override
            public List<ReleaseRecord> list(String p, String e, String f, String kind) {
                return store.list(p, e, f, kind);
            }

            @Override
            public List<ReleaseRecord> due(Instant from, Instant to, int limit) {
                List<ReleaseRecord> due = store.due(from, to, limit);
                if ("due".equals(method)) {
                    between.run();
                }
                return due;
            }

            @Override
            public void watch(String alarm, ReleaseKey key, Instant until) {
                store.watch(alarm, key, until);
            }

            @Override
            public List<ReleaseKey> watchers(String alarm, Instant at) {
                return store.watchers(alarm, at);
            }
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
