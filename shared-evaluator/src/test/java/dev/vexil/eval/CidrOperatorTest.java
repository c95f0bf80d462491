package dev.vexil.eval;

import static dev.vexil.eval.Fixtures.clause;
import static dev.vexil.eval.Fixtures.not;
import static dev.vexil.eval.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.eval.clause.IpAddresses;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CidrOperatorTest {
    @Test
    void ipv4Ranges() {
        ClauseHarness c = ClauseHarness.of(clause("ip", "inCidr", "10.0.0.0/8", "192.168.1.7"));
        assertThat(c.matches(user("u", "ip", "10.255.3.4"))).isTrue();
        assertThat(c.matches(user("u", "ip", "11.0.0.1"))).isFalse();
        assertThat(c.matches(user("u", "ip", "192.168.1.7"))).isTrue();
        assertThat(c.matches(user("u", "ip", "192.168.1.8"))).isFalse();
        assertThat(ClauseHarness.of(clause("ip", "inCidr", "0.0.0.0/0")).matches(user("u", "ip", "8.8.8.8")))
                .isTrue();
        assertThat(ClauseHarness.of(clause("ip", "inCidr", "172.16.0.0/12")).matches(user("u", "ip", "172.31.255.255")))
                .isTrue();
        assertThat(ClauseHarness.of(clause("ip", "inCidr", "172.16.0.0/12")).matches(user("u", "ip", "172.32.0.0")))
                .isFalse();
    }

    @Test
    void ipv6Ranges() {
        ClauseHarness c = ClauseHarness.of(clause("ip", "inCidr", "2001:db8::/32", "fe80::1/128"));
        assertThat(c.matches(user("u", "ip", "2001:db8:1234::1"))).isTrue();
        assertThat(c.matches(user("u", "ip", "2001:DB8:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(c.matches(user("u", "ip", "2001:db9::1"))).isFalse();
        assertThat(c.matches(user("u", "ip", "fe80:0:0:0:0:0:0:1"))).isTrue();
        assertThat(c.matches(user("u", "ip", "fe80::2"))).isFalse();
        ClauseHarness wide = ClauseHarness.of(clause("ip", "inCidr", "::ffff:0:0/96"));
        assertThat(wide.matches(user("u", "ip", "::ffff:1.2.3.4"))).isTrue();
        assertThat(wide.matches(user("u", "ip", "1.2.3.4"))).as("families do not mix").isFalse();
        assertThat(ClauseHarness.of(clause("ip", "inCidr", "2001:db8::/80")).matches(user("u", "ip", "2001:db8::1:0:0:1")))
                .isFalse();
        assertThat(ClauseHarness.of(clause("ip", "inCidr", "2001:db8::/80")).matches(user("u", "ip", "2001:db8::ffff:1")))
                .isTrue();
    }

    @Test
    void notAnAddressIsNoMatchAndNegateApplies() {
        ClauseHarness c = ClauseHarness.of(clause("ip", "inCidr", "10.0.0.0/8"));
        for (String bad : List.of("10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1/8", "localhost", "", "10..0.1")) {
            assertThat(c.matches(user("u", "ip", bad))).as(bad).isFalse();
        }
        assertThat(c.matches(user("u", "ip", 167772161))).isFalse();
        assertThat(ClauseHarness.of(not(clause("ip", "inCidr", "10.0.0.0/8"))).matches(user("u", "ip", "nope")))
                .isTrue();
        assertThat(ClauseHarness.of(not(clause("ip", "inCidr", "10.0.0.0/8"))).matches(user("u", "ip", "10.1.1.1")))
                .isFalse();
    }

    @Test
    void invalidRangeMakesTheClauseNeverMatch() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/", "2001:db8::/129", "example.com/8")) {
            ClauseHarness c = ClauseHarness.of(not(clause("ip", "inCidr", bad)));
            assertThat(c.matches(user("u", "ip", "10.0.0.1"))).as(bad).isFalse();
            assertThat(c.note(user("u"))).as(bad).contains("invalid CIDR");
        }
    }

    @Test
    void ipv6ParserAgreesWithTheJdkOnLiterals() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                groups[g] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(0x10000);
            }
            String full = format(groups);
            byte[] expected = InetAddress.getByName(full).getAddress();
            if (expected.length != 16) {
                continue; // the JDK turns IPv4-mapped addresses into IPv4
            }
            String compressed = compress(groups);
            for (String text : List.of(full, compressed)) {
                assertThat(IpAddresses.isIpv6(text)).as(text).isTrue();
                ByteBuffer actual = ByteBuffer.allocate(16).putLong(IpAddresses.ipv6High(text))
                        .putLong(IpAddresses.ipv6Low(text));
                assertThat(actual.array()).as(text).isEqualTo(expected);
            }
        }
        for (String bad : List.of(":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "1:",
                ":1::", "::g", "1:2:3:4:5:6:7:8::", "fe80::1%eth0")) {
            assertThat(IpAddresses.isIpv6(bad)).as(bad).isFalse();
        }
    }

    private static String format(int[] groups) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            sb.append(g == 0 ? "" : ":").append(Integer.toHexString(groups[g]));
        }
        return sb.toString();
    }

    /** Replaces the first run of two or more zero groups with "::". */
    private static String compress(int[] groups) {
        int start = -1;
        int length = 0;
        for (int g = 0; g < 8; g++) {
            if (groups[g] == 0) {
                int run = 0;
                while (g + run < 8 && groups[g + run] == 0) {
                    run++;
                }
                if (run >= 2 && run > length) {
                    start = g;
                    length = run;
                }
            }
        }
        if (start < 0) {
            return format(groups);
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < start; g++) {
            sb.append(g == 0 ? "" : ":").append(Integer.toHexString(groups[g]));
        }
        sb.append("::");
        for (int g = start + length; g < 8; g++) {
            sb.append(g == start + length ? "" : ":").append(Integer.toHexString(groups[g]));
        }
        return sb.toString();
    }
}
