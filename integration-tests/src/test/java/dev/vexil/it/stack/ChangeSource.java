package dev.vexil.it.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Where the {@link StreamHarness} gets stream records from: a table scan (dynalite) or real DynamoDB Streams. */
interface ChangeSource {

    /** The records of changes not returned before, oldest first, in Lambda's JSON shape; empty if none. */
    List<ObjectNode> nextRecords();
}
