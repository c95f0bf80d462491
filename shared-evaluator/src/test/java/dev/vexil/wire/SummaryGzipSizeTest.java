package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.ReasonKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What gzip saves on the wire for the fleet of docs/insights.md ("Cost arithmetic"): a summary of 200 flags with
 * about 1.5 entries each, realistic keys and counts. The sizes it prints are the ones quoted there.
 */
class SummaryGzipSizeTest {
    private static final String[] WORDS = {"checkout", "search", "ranking", "banner", "onboarding", "pricing", "cart",
            "recommendations", "payment", "profile", "billing", "invoice", "dark-mode", "beta", "new", "legacy",
            "mobile", "web", "api", "cache", "timeout", "retry", "experiment", "layout", "header", "footer", "promo",
            "discount", "shipping", "tax", "email", "sms", "push", "notifications", "feed", "ads", "video", "upload",
            "export", "import", "report", "dashboard", "admin", "audit", "sso", "mfa", "login", "signup", "trial",
            "plan", "limit", "quota", "rate", "queue", "worker", "sync", "v2", "v3", "redesign", "rollout"};

    /** 200 flags: half served one variation by the fallthrough, half also a second one by a rule: 300 entries. */
    static EvaluationSummary realisticSummary() {
        Random random = new Random(16);
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < 200) {
            int words = 2 + random.nextInt(2);
            StringBuilder key = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
            for (int w = 1; w < words; w++) {
                key.append(random.nextBoolean() ? '-' : '.').append(WORDS[random.nextInt(WORDS.length)]);
            }
            keys.add(key.toString());
        }
        List<EvaluationSummary.Count> counts = new ArrayList<>();
        int i = 0;
        for (String key : keys) {
            counts.add(new EvaluationSummary.Count(key, random.nextInt(2), ReasonKind.FALLTHROUGH, count(random)));
            if (i++ % 2 == 0) {
                counts.add(new EvaluationSummary.Count(key, 1 + random.nextInt(3), ReasonKind.RULE_MATCH,
                        count(random)));
            }
        }
        return new EvaluationSummary("vexil-java", "0.1.0", 1287, Instant.parse("2026-12-03T17:00:00.123Z"),
                Instant.parse("2026-12-03T17:01:00.127Z"), counts, 0);
    }

    /** Spread over six orders of magnitude, as a fleet's flags are. */
    private static long count(Random random) {
        return 1 + (long) Math.pow(10, random.nextDouble() * 6);
    }

    @Test
    void aSummaryOf200FlagsShrinksToAFifthOrLess() throws Exception {
        EvaluationSummary summary = realisticSummary();
        byte[] json = summary.toJson();
        byte[] sent = EvaluationSummary.gzipBody(json);
        System.out.printf("200-flag summary, %d entries: JSON %d bytes, gzip %d bytes%n", summary.counts().size(),
                json.length, sent.length);

        assertThat(summary.counts()).hasSize(300);
        assertThat(json.length).isBetween(18_000, 30_000); // the ~22.5 KB of the cost arithmetic
        assertThat(sent.length).isLessThan(json.length / 5);
        assertThat(EvaluationSummary.parse(EvaluationSummary.decodeBody(sent, "gzip"))).isEqualTo(summary);
    }
}
