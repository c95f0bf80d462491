package dev.vexil.eval.clause;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the two operator tables of the documentation equal to {@link Operator}: the semantics in
 * docs/evaluation.md and the value rules in docs/snapshot-format.md each list every operator exactly once, and no
 * other. An operator added to the enum is not done until both documents describe it.
 */
class OperatorDocumentationTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void evaluationMdDescribesEveryOperatorOnce() throws Exception {
        List<List<String>> rows = operatorRows(Path.of("..", "docs", "evaluation.md"),
                "| operator | attribute | values | matches when |");
        assertThat(rows.stream().flatMap(List::stream)).containsExactlyElementsOf(allWireNames());
    }

    @Test
    void snapshotFormatMdGivesEveryOperatorItsValueRuleOnce() throws Exception {
        List<List<String>> rows = operatorRows(Path.of("..", "docs", "snapshot-format.md"),
                "| operator | each value must be |");
        assertThat(rows.stream().flatMap(List::stream)).containsExactlyElementsOf(allWireNames());
        // Operators that share a row share one rule, so they must take the same kind of value.
        for (List<String> row : rows) {
            assertThat(row.stream().map(name -> Operator.fromWireName(name).valueKind()).distinct())
                    .as("value kinds of the row %s", row).hasSize(1);
        }
    }

    @Test
    void everyWireNameLeadsBackToItsOperator() {
        for (Operator operator : Operator.values()) {
            assertThat(Operator.fromWireName(operator.wireName())).isSameAs(operator);
        }
        assertThat(Operator.fromWireName("fooBar")).isNull();
        assertThat(Operator.fromWireName(null)).isNull();
        assertThat(Operator.fromWireName("StartsWith")).as("case-sensitive").isNull();
        assertThat(Operator.wireNameList()).startsWith("in, startsWith, endsWith, contains, matches, ")
                .endsWith(", inCidr, segmentMatch");
    }

    private static List<String> allWireNames() {
        return Arrays.stream(Operator.values()).map(Operator::wireName).collect(Collectors.toList());
    }

    /** The operator names of each row of the table under {@code header}, in document order. */
    private static List<List<String>> operatorRows(Path doc, String header) throws Exception {
        List<String> lines = Files.readAllLines(doc);
        int at = lines.indexOf(header);
        assertThat(at).as("operator table in " + doc).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String firstCell = lines.get(i).split("\\|")[1];
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(firstCell);
            while (m.find()) {
                names.add(m.group(1));
            }
            rows.add(names);
        }
        return rows;
    }
}
