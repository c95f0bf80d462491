package dev.vexil.bench.eval;

import dev.vexil.eval.Context;
import java.util.SplittableRandom;

/**
 * The 1,024 users of SCENARIOS.md, generated identically every run: SplittableRandom(0x5EEDF1A6L), and for each
 * user, in this order, the key, the email domain, the email's hex part, the country and the plan.
 */
public final class ScenarioUsers {
    public static final int COUNT = 1024;
    public static final int MASK = COUNT - 1;

    private static final String[] OTHER_DOMAINS = {"@gmail.com", "@corp.io", "@example.org", "@mail.example.net"};
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL", "US", "GB", "JP", "BR", "IN", "CA", "AU"};
    private static final String[] PLANS = {"free", "pro", "enterprise"};

    final String[] keys = new String[COUNT];
    final String[] emails = new String[COUNT];
    final String[] countries = new String[COUNT];
    final String[] plans = new String[COUNT];

    public ScenarioUsers() {
        SplittableRandom rnd = new SplittableRandom(0x5EEDF1A6L);
        for (int i = 0; i < COUNT; i++) {
            keys[i] = String.format("user-%04d-%08x", i, rnd.nextInt());
            String domain = rnd.nextInt(4) == 0 ? "@example.com" : OTHER_DOMAINS[rnd.nextInt(4)];
            emails[i] = "u" + Integer.toHexString(rnd.nextInt(1 << 20)) + domain;
            countries[i] = COUNTRIES[rnd.nextInt(12)];
            plans[i] = PLANS[rnd.nextInt(3)];
        }
    }

    /** The context an application would build for user {@code i} on each request. */
    public Context context(int i) {
        return Context.builder(keys[i])
                .set("email", emails[i])
                .set("country", countries[i])
                .set("plan", plans[i])
                .build();
    }

    public Context[] contexts() {
        Context[] out = new Context[COUNT];
        for (int i = 0; i < COUNT; i++) {
            out[i] = context(i);
        }
        return out;
    }
}
