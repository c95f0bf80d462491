package dev.vexil.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** Alarms (all to one SNS topic) and a dashboard for the service's moving parts. */
public final class Monitoring extends Construct {
    public static final String METRICS_NAMESPACE = "Vexil";
    /**
     * Newest change to publish, in ms, above which the snapshot is considered stale: the pipeline normally takes
     * a few seconds (1 s batching window + compile + put), so a minute means retries or a stuck shard.
     */
    static final int PUBLISH_LAG_THRESHOLD_MS = 60_000;

    private static final Duration PERIOD = Duration.minutes(5);

    private final Topic alarms;
    private final List<Alarm> all = new ArrayList<>();

    public Monitoring(Construct scope, String id, VexilServiceProps props, Compute compute, AdminApi adminApi,
                      SnapshotCdn cdn) {
        super(scope, id);
        this.alarms = Topic.Builder.create(this, "Alarms")
                .displayName("Vexil " + props.stageName() + " alarms")
                .enforceSsl(true)
                .build();
        Nag.suppress(alarms, "AwsSolutions-SNS2",
                "CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and alarm "
                        + "notifications carry no secrets.");

        var compiler = compute.compiler().function();
        alarm("CompilerErrors", "The snapshot compiler failed invocations (stream batches are being retried).",
                compiler.metricErrors(sum()), 1);
        alarm("CompileFailures", "The compiler could not build or publish an environment (CompileFailures).",
                vexilMetric("CompileFailures", "SUM"), 1);
        alarm("InvalidEnvironment", "An environment failed validation and was not published (InvalidEnvironment).",
                vexilMetric("InvalidEnvironment", "SUM"), 1);
        // A race between valid writes left a flag broken: it is published marked malformed and SDKs serve its
        // callers' defaults until someone fixes it. MAX, not SUM: the compiler reports the count on every publish.
        alarm("MalformedFlags", "An environment publishes flags marked malformed; SDKs serve their defaults "
                + "(MalformedFlags; the compiler's log line names the flags and problems).",
                vexilMetric("MalformedFlags", "MAX"), 1);
        alarm("SnapshotTooLarge", "An environment's snapshot exceeds the size limit and was not published "
                + "(SnapshotTooLarge).", vexilMetric("SnapshotTooLarge", "SUM"), 1);
        alarm("SnapshotLag", "The newest snapshot lags the newest change by more than a minute (PublishLagMs).",
                vexilMetric("PublishLagMs", "MAX"), PUBLISH_LAG_THRESHOLD_MS);
        alarm("CompilerIteratorAge", "The compiler is more than a minute behind the table's stream.",
                compiler.metric("IteratorAge", MetricOptions.builder().statistic("Maximum").period(PERIOD).build()),
                PUBLISH_LAG_THRESHOLD_MS);
        alarm("SdkKeySyncErrors", "The SDK-key sync failed invocations (new keys may not work at the edge yet).",
                compute.keySync().function().metricErrors(sum()), 1);
        for (Queue dlq : compute.deadLetterQueues()) {
            alarm(dlq.getNode().getId() + "NotEmpty", "Stream records gave up after retries and wait in a DLQ.",
                    dlq.metricApproximateNumberOfMessagesVisible(
                            MetricOptions.builder().statistic("Maximum").period(PERIOD).build()), 1);
        }
        alarm("AdminApi5xx", "The admin API answered 5xx.", adminApi.api().metricServerError(sum()), 1);
        for (JavaFunction fn : List.of(compute.admin(), compute.compiler(), compute.keySync())) {
            alarm(fn.getNode().getId() + "Throttles", "Lambda throttled " + fn.getNode().getId() + ".",
                    fn.function().metricThrottles(sum()), 1);
        }

        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("vexil-" + props.stageName())
                .widgets(List.of(
                        List.of(graph("Admin API requests / 4xx / 5xx", List.of(
                                        adminApi.api().metricCount(sum()), adminApi.api().metricClientError(sum()),
                                        adminApi.api().metricServerError(sum()))),
                                graph("Admin API latency p99 (ms)", List.of(adminApi.api().metricLatency(
                                        MetricOptions.builder().statistic("p99").period(PERIOD).build())))),
                        List.of(graph("Lambda errors", List.of(compute.admin().function().metricErrors(sum()),
                                        compiler.metricErrors(sum()), compute.keySync().function().metricErrors(sum()))),
                                graph("Lambda throttles", List.of(compute.admin().function().metricThrottles(sum()),
                                        compiler.metricThrottles(sum()),
                                        compute.keySync().function().metricThrottles(sum())))),
                        List.of(graph("Snapshot lag (ms): newest change to publish, per environment",
                                        List.of(vexilMetricPerEnvironment("PublishLagMs", "MAX"),
                                                compiler.metric("IteratorAge", MetricOptions.builder()
                                                        .statistic("Maximum").period(PERIOD).build()))),
                                graph("Compile failures / invalid environments / snapshot bytes", List.of(
                                        vexilMetric("CompileFailures", "SUM"),
                                        vexilMetric("InvalidEnvironment", "SUM"),
                                        vexilMetric("MalformedFlags", "MAX"),
                                        vexilMetric("SnapshotTooLarge", "SUM"),
                                        vexilMetricPerEnvironment("SnapshotBytes", "MAX")))),
                        List.of(graph("Dead-letter queues (messages)", compute.deadLetterQueues().stream()
                                        .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible(
                                                MetricOptions.builder().statistic("Maximum").period(PERIOD).build()))
                                        .toList()),
                                graph("CDN requests and error rates", List.of(
                                        cdnMetric(cdn, "Requests", "Sum"), cdnMetric(cdn, "4xxErrorRate", "Average"),
                                        cdnMetric(cdn, "5xxErrorRate", "Average"))))))
                .build();
    }

    private void alarm(String id, String description, IMetric metric, int threshold) {
        all.add(TopicAlarm.create(this, id, description, metric, threshold, alarms));
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    /**
     * One of the compiler's embedded-metric-format metrics across all environments. The compiler publishes them with
     * the dimensions project and environment only (CompilerTelemetry), so a plain metric without dimensions would
     * never have data; a Metrics Insights query aggregates every project/environment series into one, and
     * CloudWatch alarms accept such a query. {@code aggregate} is MAX, SUM, AVG, ...
     */
    static MathExpression vexilMetric(String name, String aggregate) {
        return vexilQuery(name, aggregate, "");
    }

    /** The same, one line per environment (for the dashboard). */
    private static MathExpression vexilMetricPerEnvironment(String name, String aggregate) {
        return vexilQuery(name, aggregate, " GROUP BY project, environment");
    }

    private static MathExpression vexilQuery(String name, String aggregate, String groupBy) {
        return MathExpression.Builder.create()
                .expression("SELECT " + aggregate + "(" + name + ") FROM SCHEMA(\"" + METRICS_NAMESPACE
                        + "\", environment, project)" + groupBy)
                .usingMetrics(Map.of())
                .label(name)
                .period(PERIOD)
                .build();
    }

    /** CloudFront publishes its metrics in us-east-1 only, with Region=Global. */
    private static Metric cdnMetric(SnapshotCdn cdn, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/CloudFront").metricName(name).statistic(statistic)
                .period(PERIOD).region("us-east-1")
                .dimensionsMap(Map.of("DistributionId", cdn.distribution().getDistributionId(), "Region", "Global"))
                .build();
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
    }

    public Topic alarmTopic() {
        return alarms;
    }

    public List<Alarm> alarms() {
        return List.copyOf(all);
    }
}
