package dev.vexil.it.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Stream records from real DynamoDB Streams (LocalStack): reads every shard of the table's stream from its start
 * (TRIM_HORIZON), follows each shard's iterator, and turns the records into Lambda's JSON shape.
 */
final class StreamsChangeSource implements ChangeSource {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    StreamsChangeSource(DynamoDbStreamsClient streams, String streamArn, String region) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
    }

    @Override
    public synchronized List<ObjectNode> nextRecords() {
        for (Shard shard : streams.describeStream(DescribeStreamRequest.builder().streamArn(streamArn).build())
                .streamDescription().shards()) {
            iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(GetShardIteratorRequest.builder()
                    .streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON).build())
                    .shardIterator());
        }
        List<ObjectNode> records = new ArrayList<>();
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            if (shard.getValue() == null) {
                continue; // a closed shard that has been read to its end
            }
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(shard.getValue()));
            response.records().forEach(record -> records.add(toJson(record)));
            shard.setValue(response.nextShardIterator());
        }
        return records;
    }

    private ObjectNode toJson(Record record) {
        StreamRecord change = record.dynamodb();
        Instant created = change.approximateCreationDateTime() == null ? Instant.now() : change.approximateCreationDateTime();
        return StreamRecordJson.record(record.eventNameAsString(), streamArn, region, change.sequenceNumber(), created,
                change.keys(), change.hasNewImage() ? change.newImage() : null,
                change.hasOldImage() ? change.oldImage() : null);
    }
}
