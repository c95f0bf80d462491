package dev.vexil.functions.compiler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DynamoDB stream events as the Lambda Java runtime hands them to a handler: JSON in Lambda's shape (the files
 * beside this class, with {@code ${name}} placeholders for the values a test wrote), deserialized by
 * aws-lambda-java-serialization, the runtime's own event serializer.
 */
final class StreamEvents {
    private static final PojoSerializer<DynamodbEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEvents.class.getClassLoader());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private StreamEvents() {
    }

    static DynamodbEvent load(String resource, Map<String, String> values) {
        String template;
        try (InputStream in = StreamEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder json = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(resource + " needs a value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(json, Matcher.quoteReplacement(value));
        }
        m.appendTail(json);
        return SERIALIZER.fromJson(json.toString());
    }

    /** The failed sequence numbers of a response. */
    static Set<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
    }

    /**
     * The batch Lambda delivers next after a partial failure: it resumes the shard from the lowest failed sequence
     * number, so that record and every later one of the batch come again.
     */
    static DynamodbEvent retryOf(DynamodbEvent batch, StreamsEventResponse response) {
        Set<String> failed = failures(response);
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords();
        int first = 0;
        while (first < records.size() && !failed.contains(records.get(first).getDynamodb().getSequenceNumber())) {
            first++;
        }
        DynamodbEvent retry = new DynamodbEvent();
        retry.setRecords(List.copyOf(records.subList(first, records.size())));
        return retry;
    }
}
