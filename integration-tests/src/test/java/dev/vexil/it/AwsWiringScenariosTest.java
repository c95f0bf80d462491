package dev.vexil.it;

import dev.vexil.it.stack.AwsWiring;
import dev.vexil.it.stack.Stack;

/** The scenarios against the AWS adapters: DynamoDB on dynalite, S3 on S3Proxy, the stream harness, the local edge. */
class AwsWiringScenariosTest extends EndToEndScenarios {
    @Override
    protected Stack startStack() {
        return AwsWiring.onDynaliteAndS3Proxy();
    }

    /**
     * 4 x 5 rather than 4 x 10: on dynalite an admin write costs about 0.3 s on a loaded 2-core CI machine, and the
     * writers conflict about twice per success. The repository's own concurrency test (8 x 50 on dynalite) covers
     * the volume; here the point is that no update is lost end to end.
     */
    @Override
    protected int updatesPerWriter() {
        return 5;
    }
}
