package dev.vexil.core.release;

import java.util.Collection;
import java.util.Set;

/**
 * Which alarm names a plan or a schedule may name as guards. On AWS: CloudWatch {@code DescribeAlarms}; in local
 * mode every name is allowed (an alarm is whatever {@code POST /v1/_local/alarms/{name}} plays).
 */
public interface GuardAlarms {
    /** Accepts every name: local mode, where alarms are played by hand. */
    GuardAlarms ANY_NAME = names -> Set.of();

    /** The names among {@code names} that name no alarm. */
    Set<String> unknown(Collection<String> names);
}
