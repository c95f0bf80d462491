package dev.vexil.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.AuditQuery;
import dev.vexil.core.store.ChangeMeta;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Project;
import dev.vexil.core.store.ResourceType;
import dev.vexil.core.store.StoreException;
import dev.vexil.core.store.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChangeRequestStore} adapter must have. Each adapter's test class extends this and
 * supplies a fresh, empty store per test, with the repository over the same storage.
 */
public abstract class ChangeRequestStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    /** The repository and the change-request store over one fresh, empty storage. */
    public record Stores(FlagRepository repository, ChangeRequestStore requests) {
    }

    protected abstract Stores newStores() throws Exception;

    private FlagRepository repo;
    private ChangeRequestStore store;

    @BeforeEach
    void createStores() throws Exception {
        Stores stores = newStores();
        repo = stores.repository();
        store = stores.requests();
        ChangeMeta meta = meta("alice", "create");
        repo.createProject(new Project("p", "P", Map.of("alice", "admin")), meta);
        repo.createEnvironment("p", new Environment("prod", "Production", true), meta);
        repo.createEnvironment("p", new Environment("dev", "Development", false), meta);
    }

    private static ChangeMeta meta(String principal, String action) {
        return new ChangeMeta(principal, action, null, null, T0);
    }

    private static ChangeRequest request(String id, ChangeRequest.State state) {
        ProposedChange on = new ProposedChange("checkout", null, null, true, null, null, null, 3);
        ProposedChange segment = new ProposedChange(null, "beta", null, null, null,
                JsonNodeFactory.instance.objectNode().put("name", "Beta"), null, 0);
        return new ChangeRequest(id, "Turn on checkout", "for the launch", "alice", state, List.of(on, segment),
                List.of(), null, T0.toString(), null, null);
    }

    @Test
    void storesAndReadsARequestWithItsChanges() {
        ChangeRequest created = request("cr-1", ChangeRequest.State.OPEN);
        Versioned<ChangeRequest> stored = store.putChangeRequest("p", "prod", created, 0, meta("alice", "create"));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(store.getChangeRequest("p", "prod", "cr-1")).get().satisfies(v -> {
            assertThat(v.value()).isEqualTo(created);
            assertThat(v.updatedBy()).isEqualTo("alice");
        });
        assertThat(store.getChangeRequest("p", "dev", "cr-1")).isEmpty();
        assertThat(store.getChangeRequest("p", "prod", "cr-2")).isEmpty();
    }

    @Test
    void everyWriteIsConditionalOnTheRequestsVersion() {
        store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.OPEN), 0, meta("alice", "create"));
        ChangeRequest approved = request("cr-1", ChangeRequest.State.APPROVED);
        store.putChangeRequest("p", "prod", approved, 1, meta("bob", "approve"));

        assertThatThrownBy(() -> store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.WITHDRAWN),
                1, meta("alice", "withdraw"))).isInstanceOf(StoreException.VersionConflict.class);
        assertThatThrownBy(() -> store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.OPEN), 0,
                meta("alice", "create"))).isInstanceOf(StoreException.AlreadyExists.class);
        assertThatThrownBy(() -> store.putChangeRequest("p", "qa", request("cr-9", ChangeRequest.State.OPEN), 0,
                meta("alice", "create"))).isInstanceOf(StoreException.NotFound.class);
        assertThat(store.getChangeRequest("p", "prod", "cr-1").orElseThrow())
                .satisfies(v -> assertThat(v.value()).isEqualTo(approved))
                .satisfies(v -> assertThat(v.version()).isEqualTo(2));
    }

    @Test
    void listsTheRequestsOfOneEnvironmentById() {
        store.putChangeRequest("p", "prod", request("cr-2", ChangeRequest.State.OPEN), 0, meta("alice", "create"));
        store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.OPEN), 0, meta("alice", "create"));
        store.putChangeRequest("p", "dev", request("cr-3", ChangeRequest.State.OPEN), 0, meta("alice", "create"));

        assertThat(store.listChangeRequests("p", "prod")).extracting(v -> v.value().id())
                .containsExactly("cr-1", "cr-2");
        assertThat(store.listChangeRequests("p", "dev")).extracting(v -> v.value().id()).containsExactly("cr-3");
        assertThat(store.listChangeRequests("p", "none")).isEmpty();
    }

    @Test
    void everyStateChangeIsOneEntryOfTheEnvironmentsAuditLog() {
        store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.OPEN), 0, meta("alice", "create"));
        store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.APPROVED), 1, meta("bob", "approve"));
        store.putChangeRequest("p", "prod", request("cr-1", ChangeRequest.State.APPLIED), 2, meta("carol", "apply"));

        List<AuditEntry> log = repo.auditLog(new AuditQuery("p", "prod", null, ResourceType.CHANGE_REQUEST, "cr-1",
                null, null), null, 50).items();
        assertThat(log).extracting(AuditEntry::action).containsExactly("apply", "approve", "create");
        assertThat(log).extracting(AuditEntry::version).containsExactly(3L, 2L, 1L);
        assertThat(log).extracting(AuditEntry::principal).containsExactly("carol", "bob", "alice");
        assertThat(repo.auditLog(new AuditQuery("p", "dev", null, null, null, null, null), null, 50).items())
                .isEmpty();
    }

    @Test
    void theApplyLeaseHasOneHolderUntilReleasedOrRunOut() {
        Instant now = T0;
        assertThat(store.acquireApplyLease("p", "prod", "a", now, now.plusSeconds(60))).isTrue();
        assertThat(store.acquireApplyLease("p", "prod", "b", now.plusSeconds(1), now.plusSeconds(61))).isFalse();
        assertThat(store.acquireApplyLease("p", "dev", "b", now, now.plusSeconds(60))).isTrue();
        assertThat(store.acquireApplyLease("p", "prod", "a", now.plusSeconds(2), now.plusSeconds(62))).isTrue();

        store.releaseApplyLease("p", "prod", "b"); // not the holder: nothing happens
        assertThat(store.acquireApplyLease("p", "prod", "b", now.plusSeconds(3), now.plusSeconds(63))).isFalse();

        store.releaseApplyLease("p", "prod", "a");
        assertThat(store.acquireApplyLease("p", "prod", "b", now.plusSeconds(4), now.plusSeconds(64))).isTrue();
        // b crashes without releasing: after its time, c takes over
        assertThat(store.acquireApplyLease("p", "prod", "c", now.plusSeconds(63), now.plusSeconds(123))).isFalse();
        assertThat(store.acquireApplyLease("p", "prod", "c", now.plusSeconds(65), now.plusSeconds(125))).isTrue();
    }
}
