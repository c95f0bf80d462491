package dev.vexil.functions.keys;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.vexil.core.store.ResourceType;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.validate.KeyRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads SDK-key changes out of DynamoDB stream records (NEW_AND_OLD_IMAGES). Items are recognised by the plain
 * attributes every item carries (docs/architecture.md "Storage items"): {@code rtype} = SDK_KEY, {@code project},
 * {@code environment}; the key's hash is {@code hash} (lowercase hex SHA-256 of the secret), and a revoked key has
 * a {@code revokedAt} timestamp (or {@code revoked} = true). Records of other items are ignored.
 */
final class SdkKeyStreamRecords {
    static final String RESOURCE_TYPE = VexilTable.RTYPE;
    static final String SDK_KEY = ResourceType.SDK_KEY.name();
    static final String PROJECT = VexilTable.PROJECT;
    static final String ENVIRONMENT = VexilTable.ENVIRONMENT;
    static final String HASH = "hash";
    /** The sdkKeyHash GSI key: read when an item keeps the hash only there. */
    static final String HASH_INDEX_KEY = VexilTable.SDK_KEY_HASH_INDEX_PK;
    static final String REVOKED_AT = "revokedAt";
    static final String REVOKED = "revoked";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private SdkKeyStreamRecords() {
    }

    /** The changes of a batch, in stream order. An SDK-key record that cannot be read is a {@link BadRecord}. */
    static Parsed parse(DynamodbEvent event) {
        List<SdkKeyChange> changes = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        if (event.getRecords() == null) {
            return new Parsed(changes, bad);
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var stream = record.getDynamodb();
            if (stream == null) {
                continue;
            }
            Map<String, AttributeValue> newImage = stream.getNewImage();
            Map<String, AttributeValue> oldImage = stream.getOldImage();
            boolean removed = "REMOVE".equals(record.getEventName()) || newImage == null;
            Map<String, AttributeValue> image = removed ? oldImage : newImage;
            if (image == null || !SDK_KEY.equals(string(image, RESOURCE_TYPE))) {
                continue;
            }
            String sequenceNumber = stream.getSequenceNumber();
            String hash = hashOf(image);
            if (hash == null) {
                bad.add(new BadRecord(sequenceNumber, "no lowercase hex SHA-256 in '" + HASH + "'"));
                continue;
            }
            if (removed || revoked(image)) {
                changes.add(SdkKeyChange.removed(sequenceNumber, hash));
                continue;
            }
            String project = string(image, PROJECT);
            String environment = string(image, ENVIRONMENT);
            if (project == null || environment == null || !KeyRules.isValidKey(project)
                    || !KeyRules.isValidKey(environment)) {
                bad.add(new BadRecord(sequenceNumber, "missing or invalid project/environment"));
                continue;
            }
            changes.add(SdkKeyChange.active(sequenceNumber, hash, project, environment));
        }
        return new Parsed(changes, bad);
    }

    private static String hashOf(Map<String, AttributeValue> image) {
        String hash = string(image, HASH);
        if (hash == null) {
            String indexKey = string(image, HASH_INDEX_KEY);
            // The GSI key may carry a type prefix such as "SDKKEY#<hash>".
            hash = indexKey == null ? null : indexKey.substring(indexKey.lastIndexOf('#') + 1);
        }
        return hash != null && SHA256_HEX.matcher(hash).matches() ? hash : null;
    }

    private static boolean revoked(Map<String, AttributeValue> image) {
        String revokedAt = string(image, REVOKED_AT);
        AttributeValue flag = image.get(REVOKED);
        return (revokedAt != null && !revokedAt.isEmpty()) || (flag != null && Boolean.TRUE.equals(flag.getBOOL()));
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    record Parsed(List<SdkKeyChange> changes, List<BadRecord> bad) {
    }

    /** An SDK-key record that can never be applied (retrying would not help); it is logged and skipped. */
    record BadRecord(String sequenceNumber, String reason) {
    }
}
