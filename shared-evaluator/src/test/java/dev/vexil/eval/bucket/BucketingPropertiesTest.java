package dev.vexil.eval.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.eval.CompiledEnvironment;
import dev.vexil.eval.Context;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.Rollout;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.model.WeightedVariation;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketingPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CompiledEnvironment rolloutAt(int weightOfTrue) {
        Flag flag = new Flag("rollout", FlagType.BOOLEAN,
                List.of(new Variation(JSON.valueToTree(true), null), new Variation(JSON.valueToTree(false), null)),
                1L, true, 1, null, List.of(), List.of(), List.of(),
                Serve.rollout(new Rollout(null, List.of(new WeightedVariation(0, weightOfTrue),
                        new WeightedVariation(1, 100_000 - weightOfTrue)))), null);
        return CompiledEnvironment.compile(new Snapshot(1, "p", "e", 1, null, List.of(flag), List.of(), null));
    }

    @Test
    void raisingThePercentageNeverRemovesAKey() {
        int keys = 10_000;
        Context[] contexts = new Context[keys];
        for (int i = 0; i < keys; i++) {
            contexts[i] = Context.builder(String.format("user-%05d", i)).build();
        }
        boolean[] previously = new boolean[keys];
        int previousCount = 0;
        for (int weight = 0; weight <= 100_000; weight += 2_500) {
            CompiledEnvironment env = rolloutAt(weight);
            int count = 0;
            for (int i = 0; i < keys; i++) {
                boolean in = env.evaluate("rollout", contexts[i]).variationIndex() == 0;
                if (previously[i]) {
                    assertThat(in).as("key %d left the rollout at weight %d", i, weight).isTrue();
                }
                previously[i] = in;
                count += in ? 1 : 0;
            }
            assertThat(count).isGreaterThanOrEqualTo(previousCount);
            assertThat((double) count / keys).as("share at %d", weight).isCloseTo(weight / 100_000.0,
                    org.assertj.core.data.Offset.offset(0.02));
            previousCount = count;
        }
        assertThat(previousCount).isEqualTo(keys);
    }

    @Test
    void bucketsAreUniformByChiSquare() {
        // 100 bins of 1,000 buckets each over 100,000 keys: 99 degrees of freedom. The critical value of the
        // chi-square distribution with 99 degrees of freedom at p = 0.001 is 148.23; the statistic must stay below.
        int keys = 100_000;
        int bins = 100;
        long[] observed = new long[bins];
        SaltedBucketer bucketer = SaltedBucketer.forSalt("chi-square");
        for (int i = 0; i < keys; i++) {
            observed[bucketer.bucket("user-" + i) / 1_000]++;
        }
        double expected = (double) keys / bins;
        double statistic = 0;
        for (long o : observed) {
            statistic += (o - expected) * (o - expected) / expected;
        }
        assertThat(statistic).isLessThan(148.23);
    }

    @Test
    void publishedVectorsMatch() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/bucketing-vectors.json")) {
            vectors = JSON.readTree(in);
        }
        assertThat(vectors.size()).isGreaterThanOrEqualTo(30);
        boolean empty = false;
        boolean nonAscii = false;
        for (JsonNode v : vectors) {
            String salt = v.get("salt").textValue();
            String value = v.get("value").textValue();
            int bucket = v.get("bucket").intValue();
            assertThat(SaltedBucketer.forSalt(salt).bucket(value)).as("salt=%s value=%s", salt, value)
                    .isEqualTo(bucket);
            assertThat(SaltedBucketerTest.referenceBucket(salt, value)).isEqualTo(bucket);
            empty |= value.isEmpty();
            nonAscii |= value.chars().anyMatch(c -> c >= 0x80);
        }
        assertThat(empty).isTrue();
        assertThat(nonAscii).isTrue();
    }
}
