package dev.vexil.functions.insights;

import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.eval.ReasonKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link InsightsStore} on a DynamoDB aggregate table ({@link InsightsTable}): each count is one item per
 * environment × minute × flag × variation × reason, raised with {@code ADD} (so concurrent ingests add up), with a
 * TTL attribute {@code retention} after its minute; each flag's last evaluated minute is one more item, raised only
 * forwards by a conditional write. Reads are Queries on the environment's partition (a sort-key range for a time
 * range).
 *
 * <p>Not atomic across counts: DynamoDB has no multi-item {@code ADD} outside transactions, and a transaction takes
 * at most 100 items. A failure part-way leaves the counts written so far; the ingest answers 503, and the SDK's
 * resend adds those again. Bad input never gets here (the ingest validates first).
 */
public final class DynamoDbInsightsStore implements InsightsStore {
    private static final String LAST = "last#";

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    public DynamoDbInsightsStore(DynamoDbClient client, String table, Duration retention) {
        this.client = client;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
        long epochMinute = InsightsStore.requireMinute(minute).getEpochSecond() / 60;
        AttributeValue pk = s(partition(project, environment));
        Map<String, Boolean> flags = new TreeMap<>();
        for (EvaluationCount c : counts) {
            if (c.count() == 0) {
                continue;
            }
            client.updateItem(b -> b.tableName(table)
                    .key(Map.of(InsightsTable.PK, pk, InsightsTable.SK, s(countKey(epochMinute, c))))
                    .updateExpression("ADD #count :n SET #flag = :flag, #minute = :minute, #variation = :variation,"
                            + " #reason = :reason, #expires = :expires")
                    .expressionAttributeNames(Map.of("#count", "count", "#flag", "flag", "#minute", "minute",
                            "#variation", "variation", "#reason", "reason", "#expires", InsightsTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":n", n(c.count()), ":flag", s(c.flag()),
                            ":minute", n(epochMinute), ":variation", n(c.variation()), ":reason", s(c.reason().name()),
                            ":expires", n(minute.plus(retention).getEpochSecond()))));
            flags.put(c.flag(), true);
        }
        for (String flag : flags.keySet()) {
            try {
                client.updateItem(b -> b.tableName(table)
                        .key(Map.of(InsightsTable.PK, pk, InsightsTable.SK, s(LAST + flag)))
                        .updateExpression("SET #flag = :flag, #minute = :minute")
                        .conditionExpression("attribute_not_exists(#minute) OR #minute < :minute")
                        .expressionAttributeNames(Map.of("#flag", "flag", "#minute", "minute"))
                        .expressionAttributeValues(Map.of(":flag", s(flag), ":minute", n(epochMinute))));
            } catch (ConditionalCheckFailedException alreadyLater) {
                // a later minute is recorded already
            }
        }
    }

    @Override
    public List<MinuteCount> counts(String project, String environment, String flag, Instant from, Instant to) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", InsightsTable.PK, "#sk", InsightsTable.SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition(project, environment)),
                ":lo", s(pad(ceilMinute(from))), ":hi", s(pad(ceilMinute(to)))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                // ":hi" alone sorts before every "<hi>#…" key, so the range holds minutes from ≤ m < to
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi");
        if (flag != null) {
            names.put("#flag", "flag");
            values.put(":flag", s(flag));
            query.filterExpression("#flag = :flag");
        }
        List<MinuteCount> rows = new ArrayList<>();
        client.queryPaginator(query.expressionAttributeNames(names).expressionAttributeValues(values).build())
                .items().forEach(item -> rows.add(new MinuteCount(
                        Instant.ofEpochSecond(Long.parseLong(item.get("minute").n()) * 60), item.get("flag").s(),
                        Integer.parseInt(item.get("variation").n()), ReasonKind.valueOf(item.get("reason").s()),
                        Long.parseLong(item.get("count").n()))));
        rows.sort(Comparator.comparing(MinuteCount::minute).thenComparing(MinuteCount::flag)
                .thenComparingInt(MinuteCount::variation).thenComparing(c -> c.reason().name()));
        return rows;
    }

    @Override
    public Map<String, Instant> lastEvaluated(String project, String environment) {
        Map<String, Instant> last = new TreeMap<>();
        client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :last)")
                        .expressionAttributeNames(Map.of("#pk", InsightsTable.PK, "#sk", InsightsTable.SK))
                        .expressionAttributeValues(Map.of(":pk", s(partition(project, environment)),
                                ":last", s(LAST))))
                .items().forEach(item -> last.put(item.get("flag").s(),
                        Instant.ofEpochSecond(Long.parseLong(item.get("minute").n()) * 60)));
        return last;
    }

    private static String partition(String project, String environment) {
        return project + "/" + environment;
    }

    private static String countKey(long epochMinute, EvaluationCount c) {
        return pad(epochMinute) + "#" + c.flag() + "#" + c.variation() + "#" + c.reason().name();
    }

    /** Ten digits: epoch minutes stay under 10¹⁰ until the year 20984, so text order is time order. */
    private static String pad(long epochMinute) {
        return String.format("%010d", epochMinute);
    }

    /** The first whole minute at or after {@code instant}: a minute is in a range when its start is. */
    private static long ceilMinute(Instant instant) {
        return Math.ceilDiv(instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0), 60);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
