package dev.vexil.functions.insights;

import dev.vexil.core.insights.EvaluationCount;
import dev.vexil.core.insights.InsightsStore;
import dev.vexil.core.insights.MinuteCount;
import dev.vexil.core.insights.PartiallyAddedException;
import dev.vexil.eval.ReasonKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link InsightsStore} on a DynamoDB aggregate table ({@link InsightsTable}): one item per environment × minute ×
 * flag, with one number per variation × reason kind ({@code c#<variation>#<REASON>}), raised with {@code ADD} (so
 * concurrent ingests add up), and a TTL attribute {@code retention} after its minute. One {@code add} writes one
 * {@code UpdateItem} per flag (more only past {@value #ADDS_PER_UPDATE} variation × reason pairs, to stay far
 * below the 4 KB limit of an update expression). Each flag's last evaluated minute is one more item, raised only
 * forwards by a conditional write, and written only when the minute is later than what this instance last wrote
 * for that flag: with the ingest's buffer, about once per flag per flush. Reads are Queries on the environment's
 * partition (a sort-key range for a time range).
 *
 * <p>Flags are written by up to {@value #WRITERS} writers at once (a flush's time is added to one SDK request). Not
 * atomic across flags: DynamoDB has no multi-item {@code ADD} outside transactions (which cost twice and take at
 * most 100 items). A failure part-way throws {@link PartiallyAddedException} naming the counts not written, so that
 * the ingest's buffer retries only those. Bad input never gets here (the ingest validates first).
 */
public final class DynamoDbInsightsStore implements InsightsStore {
    private static final String LAST = "last#";
    private static final String COUNT_PREFIX = "c#";
    /** Variation × reason pairs per UpdateItem: about 1.5 KB of update expression. */
    static final int ADDS_PER_UPDATE = 100;
    /**
     * Flags written at once by one {@code add}: a few, because each is a connection (the URLConnection client
     * keeps five alive per host) and a 512 MB Lambda has a fraction of a vCPU.
     */
    static final int WRITERS = 4;

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;
    /** Per partition and flag, the latest minute this instance recorded as "last evaluated". */
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    public DynamoDbInsightsStore(DynamoDbClient client, String table, Duration retention) {
        this.client = client;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void add(String project, String environment, Instant minute, Collection<EvaluationCount> counts) {
        long epochMinute = InsightsStore.requireMinute(minute).getEpochSecond() / 60;
        String partition = partition(project, environment);
        List<List<Map.Entry<String, List<EvaluationCount>>>> shares = shares(byFlag(counts));
        List<EvaluationCount> notAdded = new ArrayList<>();
        RuntimeException firstFailure = null;
        if (shares.size() == 1) {
            firstFailure = addFlags(partition, epochMinute, minute, shares.getFirst(), notAdded);
        } else {
            // A flush holds hundreds of flags; its time is added to one SDK's request, so the writers overlap.
            List<List<EvaluationCount>> notAddedPerWriter = new ArrayList<>();
            List<Future<RuntimeException>> writers = new ArrayList<>();
            // Platform threads: the blocking HTTP client could pin virtual threads to the sandbox's one or two cores.
            try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon()
                    .name("vexil-insights-writer-", 0).factory())) {
                for (List<Map.Entry<String, List<EvaluationCount>>> share : shares) {
                    List<EvaluationCount> left = new ArrayList<>();
                    notAddedPerWriter.add(left);
                    writers.add(pool.submit(() -> addFlags(partition, epochMinute, minute, share, left)));
                }
            }
            for (int i = 0; i < writers.size(); i++) {
                RuntimeException failure = writers.get(i).resultNow();
                firstFailure = firstFailure == null ? failure : firstFailure;
                notAdded.addAll(notAddedPerWriter.get(i));
            }
        }
        if (firstFailure != null) {
            throw new PartiallyAddedException(notAdded, firstFailure);
        }
    }

    /** The flags dealt round-robin to at most {@value #WRITERS} writers. */
    private static List<List<Map.Entry<String, List<EvaluationCount>>>> shares(
            Map<String, List<EvaluationCount>> byFlag) {
        List<List<Map.Entry<String, List<EvaluationCount>>>> shares = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<EvaluationCount>> flag : byFlag.entrySet()) {
            if (shares.size() < WRITERS) {
                shares.add(new ArrayList<>());
            }
            shares.get(i++ % WRITERS).add(flag);
        }
        return shares.isEmpty() ? List.of(List.of()) : shares;
    }

    /**
     * Writes the flags one after the other; at the first failure, stops, puts what it did not write into
     * {@code notAdded} and returns the failure (null when all were written).
     */
    private RuntimeException addFlags(String partition, long epochMinute, Instant minute,
                                      List<Map.Entry<String, List<EvaluationCount>>> flags,
                                      List<EvaluationCount> notAdded) {
        flags.forEach(flag -> notAdded.addAll(flag.getValue()));
        try {
            for (Map.Entry<String, List<EvaluationCount>> flag : flags) {
                raiseLastEvaluated(partition, flag.getKey(), epochMinute);
                List<EvaluationCount> flagCounts = flag.getValue();
                for (int from = 0; from < flagCounts.size(); from += ADDS_PER_UPDATE) {
                    List<EvaluationCount> chunk = flagCounts.subList(from,
                            Math.min(from + ADDS_PER_UPDATE, flagCounts.size()));
                    addToItem(partition, flag.getKey(), epochMinute, minute, chunk);
                    notAdded.subList(0, chunk.size()).clear();
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The non-zero counts per flag (in key order), equal variation × reason pairs summed. */
    private static Map<String, List<EvaluationCount>> byFlag(Collection<EvaluationCount> counts) {
        Map<String, Map<String, EvaluationCount>> byFlag = new TreeMap<>();
        for (EvaluationCount c : counts) {
            if (c.count() > 0) {
                byFlag.computeIfAbsent(c.flag(), f -> new TreeMap<>()).merge(countAttribute(c.variation(),
                        c.reason()), c, (a, b) -> new EvaluationCount(a.flag(), a.variation(), a.reason(),
                        a.count() + b.count()));
            }
        }
        Map<String, List<EvaluationCount>> lists = new TreeMap<>();
        byFlag.forEach((flag, pairs) -> lists.put(flag, List.copyOf(pairs.values())));
        return lists;
    }

    private void addToItem(String partition, String flag, long epochMinute, Instant minute,
                           List<EvaluationCount> counts) {
        Map<String, String> names = new HashMap<>(Map.of("#flag", "flag", "#minute", "minute",
                "#expires", InsightsTable.EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":flag", s(flag), ":minute", n(epochMinute),
                ":expires", n(minute.plus(retention).getEpochSecond())));
        StringJoiner adds = new StringJoiner(", ", "ADD ", " SET #flag = :flag, #minute = :minute,"
                + " #expires = :expires");
        for (int i = 0; i < counts.size(); i++) {
            EvaluationCount c = counts.get(i);
            names.put("#c" + i, countAttribute(c.variation(), c.reason()));
            values.put(":c" + i, n(c.count()));
            adds.add("#c" + i + " :c" + i);
        }
        client.updateItem(b -> b.tableName(table)
                .key(Map.of(InsightsTable.PK, s(partition), InsightsTable.SK, s(countKey(epochMinute, flag))))
                .updateExpression(adds.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Raises the flag's last evaluated minute, unless this instance already recorded it (or a later one). */
    private void raiseLastEvaluated(String partition, String flag, long epochMinute) {
        String key = partition + "#" + flag;
        Long written = lastWritten.get(key);
        if (written != null && written >= epochMinute) {
            return;
        }
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Map.of(InsightsTable.PK, s(partition), InsightsTable.SK, s(LAST + flag)))
                    .updateExpression("SET #flag = :flag, #minute = :minute")
                    .conditionExpression("attribute_not_exists(#minute) OR #minute < :minute")
                    .expressionAttributeNames(Map.of("#flag", "flag", "#minute", "minute"))
                    .expressionAttributeValues(Map.of(":flag", s(flag), ":minute", n(epochMinute))));
        } catch (ConditionalCheckFailedException alreadyLater) {
            // this minute or a later one is recorded already (by another instance)
        }
        lastWritten.merge(key, epochMinute, Math::max);
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
                .items().forEach(item -> rows.addAll(minuteCounts(item)));
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

    /** One item's counts: an attribute {@code c#<variation>#<REASON>} each. */
    private static List<MinuteCount> minuteCounts(Map<String, AttributeValue> item) {
        Instant minute = Instant.ofEpochSecond(Long.parseLong(item.get("minute").n()) * 60);
        String flag = item.get("flag").s();
        List<MinuteCount> counts = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(COUNT_PREFIX)) {
                int reasonAt = name.lastIndexOf('#');
                counts.add(new MinuteCount(minute, flag, Integer.parseInt(name.substring(COUNT_PREFIX.length(),
                        reasonAt)), ReasonKind.valueOf(name.substring(reasonAt + 1)), Long.parseLong(value.n())));
            }
        });
        return counts;
    }

    private static String countKey(long epochMinute, String flag) {
        return pad(epochMinute) + "#" + flag;
    }

    static String countAttribute(int variation, ReasonKind reason) {
        return COUNT_PREFIX + variation + "#" + reason.name();
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
