package dev.vexil.functions.compiler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a DynamoDB stream record as a {@link ChangeRef} from the plain attributes every item carries
 * ({@code project}, {@code environment}, {@code rtype}, {@code rkey}, {@code version}; docs/architecture.md), so
 * the compiler does not depend on the key layout. The new image is read, or the old one for a REMOVE.
 */
final class StreamRecords {
    private StreamRecords() {
    }

    /** Empty for records the snapshot does not depend on: SDK keys, and items without the plain attributes. */
    static Optional<ChangeRef> changeOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = "REMOVE".equals(record.getEventName())
                ? record.getDynamodb().getOldImage() : record.getDynamodb().getNewImage();
        if (image == null) {
            return Optional.empty();
        }
        String project = string(image, "project");
        String rtype = string(image, "rtype");
        String rkey = string(image, "rkey");
        Long version = number(image, "version");
        ResourceType type = parseType(rtype);
        if (project == null || type == null || rkey == null || version == null || type == ResourceType.SDK_KEY
                || type == ResourceType.CHANGE_REQUEST || type == ResourceType.SCHEDULE) { // no part of a snapshot
            return Optional.empty();
        }
        String environment = string(image, "environment");
        if (environment == null && type == ResourceType.ENVIRONMENT) {
            environment = rkey; // an environment item names itself
        }
        return Optional.of(new ChangeRef(project, environment, type, rkey, version));
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null || value.getS() == null || value.getS().isEmpty() ? null : value.getS();
    }

    private static Long number(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        if (value == null || value.getN() == null) {
            return null;
        }
        try {
            return Long.parseLong(value.getN());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ResourceType parseType(String rtype) {
        if (rtype == null) {
            return null;
        }
        try {
            return ResourceType.valueOf(rtype);
        } catch (IllegalArgumentException e) {
            return null; // a newer item type this compiler does not know: not part of a snapshot it builds
        }
    }
}
