package dev.vexil.it;

import dev.vexil.it.stack.AwsWiring;
import dev.vexil.it.stack.Stack;

/** The scenarios against the AWS adapters: DynamoDB on dynalite, S3 on S3Proxy, the stream harness, the local edge. */
class AwsWiringScenariosTest extends EndToEndScenarios {
    @Override
    protected Stack startStack() {
        return AwsWiring.onDynaliteAndS3Proxy();
    }
}
