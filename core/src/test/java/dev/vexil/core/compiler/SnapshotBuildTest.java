package dev.vexil.core.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.model.Clause;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagType;
import dev.vexil.model.MalformedFlag;
import dev.vexil.model.Prerequisite;
import dev.vexil.model.Rule;
import dev.vexil.model.Segment;
import dev.vexil.model.SegmentRule;
import dev.vexil.model.Serve;
import dev.vexil.model.Snapshot;
import dev.vexil.model.Variation;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.wire.ObjectEncoding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compiler makes of each of the three races, and of a state it cannot contain. */
class SnapshotBuildTest {
    private static final Instant AT = Instant.parse("2026-12-01T20:00:00Z");
    private static final List<Variation> BOOL = List.of(new Variation(BooleanNode.TRUE, null),
            new Variation(BooleanNode.FALSE, null));

    private static Flag flag(String key, List<Variation> variations, List<Prerequisite> prerequisites,
                             List<Rule> rules, int fallthrough) {
        return new Flag(key, FlagType.BOOLEAN, variations, 1L, true, 1, null, List.of(), prerequisites, rules,
                Serve.variation(fallthrough), null);
    }

    private static Flag plain(String key) {
        return flag(key, BOOL, List.of(), List.of(), 0);
    }

    private static Rule segmentRule(String segment) {
        return new Rule("r", List.of(new Clause("segment", "segmentMatch", List.of(TextNode.valueOf(segment)), false)),
                Serve.variation(0));
    }

    private static SnapshotBuild build(List<Flag> flags, List<Segment> segments) {
        return SnapshotBuild.from(new EnvironmentState("shop", "production", 7, flags, segments), AT);
    }

    private static List<String> marked(SnapshotBuild build) throws Exception {
        Snapshot published = SnapshotCodec.read(build.object().json());
        return published.malformedFlags().stream().map(MalformedFlag::key).toList();
    }

    @Test
    void aHealthyEnvironmentHasNoMarks() throws Exception {
        SnapshotBuild build = build(List.of(plain("a"), plain("b")), List.of());
        assertThat(build.valid()).isTrue();
        assertThat(build.malformed()).isEmpty();
        assertThat(new String(build.object().json(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("malformedFlags");
    }

    @Test
    void raceA_aReferenceToADeletedSegmentMarksOnlyThatFlag() throws Exception {
        SnapshotBuild build = build(List.of(flag("uses-gone", BOOL, List.of(), List.of(segmentRule("gone")), 1),
                plain("victim")), List.of());
        assertThat(build.valid()).isTrue();
        assertThat(marked(build)).containsExactly("uses-gone");
        assertThat(build.malformed().getFirst().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("rules[0].clauses[0].values[0]");
            assertThat(p.message()).contains("unknown segment \"gone\"");
        });
    }

    @Test
    void raceB_aPrerequisiteCycleMarksEveryMemberAndNothingElse() throws Exception {
        SnapshotBuild build = build(List.of(
                flag("p", BOOL, List.of(new Prerequisite("q", 0)), List.of(), 0),
                flag("q", BOOL, List.of(new Prerequisite("p", 0)), List.of(), 0),
                flag("r", BOOL, List.of(new Prerequisite("p", 0)), List.of(), 0),
                plain("victim")), List.of());
        assertThat(build.valid()).isTrue();
        assertThat(marked(build)).containsExactly("p", "q");
    }

    @Test
    void raceC_aVariationRemovedFromTheDefinitionMarksTheFlagServingIt() throws Exception {
        SnapshotBuild build = build(List.of(flag("shrunk", BOOL.subList(0, 1), List.of(), List.of(), 0),
                plain("victim")), List.of());
        // offVariation 1 no longer exists: the flag is broken, the victim is not
        assertThat(build.valid()).isTrue();
        assertThat(marked(build)).containsExactly("shrunk");
        assertThat(build.malformed().getFirst().problems()).extracting(MalformedFlag.FlagProblem::path)
                .contains("offVariation");
    }

    @Test
    void aProblemOutsideTheFlagsIsNotContained() {
        Segment nested = new Segment("beta", "Beta", null, List.of(), List.of(), List.of(new SegmentRule("n",
                List.of(new Clause("segment", "segmentMatch", List.of(TextNode.valueOf("beta")), false)))), null, 1L);
        SnapshotBuild build = build(List.of(plain("victim")), List.of(nested));
        assertThat(build.valid()).isFalse();
        assertThat(build.problems()).extracting(p -> p.path()).allMatch(path -> path.startsWith("segments[0]"));
    }

    @Test
    void theLimitsStaySafelyBelowWhatTheSdkRefuses() {
        assertThat((long) SnapshotLimits.MAX_RAW_BYTES * 4).isLessThanOrEqualTo(ObjectEncoding.MAX_DECODED_BYTES);
        assertThat(SnapshotLimits.MAX_GZIP_BYTES).isLessThan(SnapshotLimits.MAX_RAW_BYTES);
    }

    @Test
    void theSizeOfAnUnencodedSnapshotIsTheSizeTheCompilerWouldStore() {
        SnapshotBuild build = build(List.of(plain("a"), plain("b")), List.of());
        Snapshot assembled = SnapshotAssembler.assemble(new EnvironmentState("shop", "production", 7,
                List.of(plain("a"), plain("b")), List.of()), AT);
        SnapshotLimits.Size size = SnapshotLimits.size(assembled);
        assertThat(size.rawBytes()).isEqualTo(build.object().json().length);
        assertThat(size.gzipBytes()).as("far below the gzip limit: not compressed").isNull();
        assertThat(size.excess()).isEmpty();
        assertThat(new SnapshotLimits.Size(SnapshotLimits.MAX_RAW_BYTES + 1L, null).excess()).hasValueSatisfying(
                e -> assertThat(e.describe()).contains("16777217 bytes of JSON").contains("is 16777216 bytes"));
        assertThat(new SnapshotLimits.Size(5_000_000, 4_194_305L).excess()).hasValueSatisfying(
                e -> assertThat(e.describe()).contains("4194305 bytes gzipped").contains("is 4194304 bytes"));
    }
}
