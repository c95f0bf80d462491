package dev.vexil.localstore.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.InsightsStoreContract;
import dev.vexil.eval.ReasonKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteInsightsStoreTest extends InsightsStoreContract {
    @TempDir
    Path dir;

    private final List<SqliteInsightsStore> opened = new ArrayList<>();

    @Override
    protected InsightsStore newStore() {
        return open();
    }

    private SqliteInsightsStore open() {
        SqliteInsightsStore store = new SqliteInsightsStore(dir.resolve("data").resolve("insights.db"));
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() {
        opened.forEach(SqliteInsightsStore::close);
    }

    @Test
    void countsSurviveReopening() {
        SqliteInsightsStore first = open();
        first.add("p", "prod", T0, List.of(new EvaluationCount("f", 1, ReasonKind.TARGET_MATCH, 9)));
        first.close();
        opened.remove(first);
        assertThat(open().counts("p", "prod", "f", T0, T0.plusSeconds(60))).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(9));
    }
}
