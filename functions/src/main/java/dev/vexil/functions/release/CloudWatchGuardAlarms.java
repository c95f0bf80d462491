package dev.vexil.functions.release;

import dev.vexil.core.release.GuardAlarms;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;

/**
 * Guard names on AWS are CloudWatch alarm names (metric or composite) in the stack's account and region that start
 * with the stack's guard prefix (its EventBridge rule only forwards those): {@code DescribeAlarms} with the names
 * given (at most 100 a call) tells which exist.
 */
public final class CloudWatchGuardAlarms implements GuardAlarms {
    private static final int NAMES_PER_CALL = 100;

    /** What the stack's guard rule filters on (infra-cdk's {@code ReleaseAutomation.GUARD_PREFIX}). */
    public static final String PREFIX = "vexil-guard-";

    private final CloudWatchClient cloudWatch;

    public CloudWatchGuardAlarms(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Set<String> unknown(Collection<String> names) {
        Set<String> unknown = new LinkedHashSet<>(names);
        List<String> all = names.stream().filter(name -> name.startsWith(PREFIX)).toList();
        for (int from = 0; from < all.size(); from += NAMES_PER_CALL) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + NAMES_PER_CALL));
            String next = null;
            do {
                String token = next;
                DescribeAlarmsResponse page = cloudWatch.describeAlarms(b -> b.alarmNames(batch)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).nextToken(token));
                page.metricAlarms().forEach(alarm -> unknown.remove(alarm.alarmName()));
                page.compositeAlarms().forEach(alarm -> unknown.remove(alarm.alarmName()));
                next = page.nextToken();
            } while (next != null);
        }
        return unknown;
    }
}
