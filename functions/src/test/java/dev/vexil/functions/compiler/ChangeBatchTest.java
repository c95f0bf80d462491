package dev.vexil.functions.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Lambda-shaped stream batch is read and grouped by environment. */
class ChangeBatchTest {
    private static DynamodbEvent batch() {
        Map<String, String> values = new HashMap<>(Map.of("project", "shop"));
        for (String name : List.of("stagingConfig", "productionConfig", "definition")) {
            values.put(name + "Version", "7");
            values.put(name + "Padded", String.format("%020d", 7));
        }
        for (int i = 1; i <= 5; i++) {
            values.put("seq" + i, "10" + i);
        }
        return StreamEvents.load("two-environments-batch.json", values);
    }

    @Test
    void groupsByEnvironmentAndSpreadsProjectLevelChangesOverEveryEnvironment() {
        List<String> ignored = new ArrayList<>();
        ChangeBatch grouped = ChangeBatch.group(batch().getRecords(), project -> List.of("staging", "production"),
                (record, reason) -> ignored.add(record.getDynamodb().getSequenceNumber()));

        assertThat(grouped.environments()).extracting(ChangeBatch.EnvironmentChanges::environment)
                .containsExactly("staging", "production");
        ChangeBatch.EnvironmentChanges production = grouped.environments().get(1);
        assertThat(production.changes()).containsExactly(
                new ChangeRef("shop", "production", ResourceType.FLAG_CONFIG, "checkout", 7),
                new ChangeRef("shop", null, ResourceType.FLAG_DEFINITION, "checkout", 7));
        assertThat(production.sequenceNumbers()).containsExactlyInAnyOrder("102", "103");
        assertThat(production.newestChangeAt()).hasToString("2026-12-01T20:00:02Z");
        assertThat(ignored).as("the SDK key and the foreign item").containsExactly("104", "105");
        assertThat(grouped.unresolvedProjects()).isEmpty();
    }

    @Test
    void aProjectWhoseEnvironmentsCannotBeListedKeepsItsRecordsForRetry() {
        ChangeBatch grouped = ChangeBatch.group(batch().getRecords(), project -> {
            throw new IllegalStateException("DynamoDB unreachable");
        }, (record, reason) -> { });

        assertThat(grouped.unresolvedProjects()).singleElement().satisfies(u -> {
            assertThat(u.project()).isEqualTo("shop");
            assertThat(u.sequenceNumbers()).containsExactly("103");
        });
        assertThat(grouped.environments()).extracting(ChangeBatch.EnvironmentChanges::environment)
                .containsExactly("staging", "production");
    }
}
