package dev.vexil.functions.ratelimit;

import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A fixed-window write counter per principal in the Vexil table, so that the limit holds across every Lambda
 * container. One item per principal: {@code pk = RATE#<hex SHA-256 of the principal>}, {@code sk = WRITES},
 * attributes {@code windowStart} (epoch second) and {@code writes}. It carries no {@code rtype} or
 * {@code project}, and its partition is outside every resource's ({@code PROJECTS}, {@code P#...}), so the
 * compiler, the SDK-key sync and the migration ignore its stream records and it never shows in a listing.
 *
 * <p>Per write: (1) {@code ADD writes 1} if the item's window is the current one and {@code writes < limit};
 * (2) if that condition fails, start the current window ({@code SET windowStart, writes = 1}) if the item is
 * absent or its window older; if both fail, another container may just have started the window, so both are
 * tried once more; then the current window is full: refused. An allowed write costs one write unit, the first
 * write of a window two; a refused write four (a failed condition is charged too).
 */
public final class DynamoDbWriteRateLimiter implements WriteRateLimiter {
    public static final String PARTITION_PREFIX = "RATE#";
    public static final String SORT_KEY = "WRITES";
    public static final String WINDOW_START = "windowStart";
    public static final String WRITES = "writes";

    private final DynamoDbClient client;
    private final String table;
    private final RateLimit limit;
    private final Clock clock;

    public DynamoDbWriteRateLimiter(DynamoDbClient client, String table, RateLimit limit, Clock clock) {
        this.client = client;
        this.table = table;
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Decision tryAcquire(String principal) {
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> key = key(principal);
        AttributeValue window = number(limit.windowStart(now));
        // Twice at most: another container may start the window between our two steps; its count then holds.
        for (int round = 0; round < 2; round++) {
            if (countInCurrentWindow(key, window) || startWindow(key, window)) {
                return Decision.ALLOWED;
            }
        }
        return Decision.refused(limit.secondsUntilNextWindow(now));
    }

    private boolean countInCurrentWindow(Map<String, AttributeValue> key, AttributeValue window) {
        return conditionalUpdate(key, "ADD #n :one", "#w = :w AND #n < :limit",
                Map.of(":one", number(1), ":w", window, ":limit", number(limit.writes())));
    }

    private boolean startWindow(Map<String, AttributeValue> key, AttributeValue window) {
        return conditionalUpdate(key, "SET #w = :w, #n = :one", "attribute_not_exists(#w) OR #w < :w",
                Map.of(":one", number(1), ":w", window));
    }

    private boolean conditionalUpdate(Map<String, AttributeValue> key, String update, String condition,
                                      Map<String, AttributeValue> values) {
        try {
            client.updateItem(b -> b.tableName(table).key(key).updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#w", WINDOW_START, "#n", WRITES))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    static Map<String, AttributeValue> key(String principal) {
        return Map.of("pk", AttributeValue.fromS(PARTITION_PREFIX + sha256Hex(principal)),
                "sk", AttributeValue.fromS(SORT_KEY));
    }

    /** Hashed so that any principal, however long, fits a key and the item names nobody in plain text. */
    private static String sha256Hex(String principal) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(principal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
