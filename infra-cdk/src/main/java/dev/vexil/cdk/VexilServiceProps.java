package dev.vexil.cdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What a team chooses when it deploys Vexil. Build with {@link #builder(String)}; everything but the stage name
 * has a safe default.
 *
 * @param stageName      short name of the stage (dev, prod, ...), used in resource names and descriptions
 * @param production     true retains the table, buckets and logs on stack deletion and turns on deletion protection
 * @param adminAuth      IAM (default) or JWT for the admin API
 * @param cdnDomain      optional custom domain and certificate for the snapshot CDN
 * @param logRetention   retention of every log group of the service
 * @param functionsJar   the shaded Lambda jar (functions/target/functions.jar)
 * @param edgeFunction   the CloudFront Function source (infra-cdk/edge/sdk-gate.js)
 * @param projectCreators who may create projects (principals or {@code *} patterns); empty for the default,
 *                       everyone the admin API's authorizer admits: every IAM principal of the deploying account
 *                       ({@code arn:<partition>:iam::<account>:*}), or every subject of the JWT issuer
 *                       ({@code <issuer>#*})
 * @param breakGlass     operator principals with admin rights in every project (every use is audited); default none
 * @param compilerConcurrency reserved concurrency of the compiler (default 5; 0 reserves none)
 * @param keySyncConcurrency  reserved concurrency of the SDK-key sync (default 2; 0 reserves none)
 * @param insightsIngestConcurrency reserved concurrency of the insights ingest (default 30, which also caps its
 *                       function URL at 300 requests a second; 0 reserves none and caps nothing)
 * @param cdnRateLimit   optional WAF rate-based rule on the CDN: requests per client IP per 5 minutes (off by
 *                       default; CloudFront-scope WAF exists only in us-east-1, see docs/deploy.md)
 * @param cdnLogging     CloudFront standard logging of every SDK request to a log bucket (default off)
 * @param quotas         per-project quota overrides for the admin Lambda's {@code VEXIL_QUOTAS}, e.g.
 *                       {@code flags=10000,sdkKeys=5} (names: environments, flags, segments, sdkKeys); empty for the
 *                       defaults 50, 5,000, 1,000 and 20
 * @param adminWriteRateLimit admin writes per principal and window for {@code VEXIL_WRITE_RATE_LIMIT}, e.g.
 *                       {@code 60/60s}; empty for that default
 */
public record VexilServiceProps(String stageName, boolean production, AdminAuth adminAuth,
                                Optional<CustomDomain> cdnDomain, RetentionDays logRetention,
                                Path functionsJar, Path edgeFunction, List<String> projectCreators,
                                List<String> breakGlass, int compilerConcurrency, int keySyncConcurrency,
                                int insightsIngestConcurrency, Optional<Integer> cdnRateLimit, boolean cdnLogging, Optional<String> quotas,
                                Optional<String> adminWriteRateLimit) {
    /** AWS WAF's lowest and highest limit of a rate-based rule (requests per evaluation window). */
    static final int MIN_RATE_LIMIT = 10;
    static final int MAX_RATE_LIMIT = 2_000_000_000;
    /** The shapes the admin Lambda parses (Quotas.parse, RateLimit.parse), checked here so a typo fails the synth. */
    static final java.util.regex.Pattern QUOTAS = java.util.regex.Pattern.compile(
            "(environments|flags|segments|sdkKeys)=[1-9][0-9]{0,8}(,(environments|flags|segments|sdkKeys)=[1-9][0-9]{0,8})*");
    static final java.util.regex.Pattern WRITE_RATE_LIMIT = java.util.regex.Pattern.compile("[1-9][0-9]{0,8}/[1-9][0-9]{0,8}s");

    public VexilServiceProps {
        Objects.requireNonNull(stageName, "stageName");
        if (!stageName.matches("[a-z][a-z0-9-]{0,15}")) {
            throw new IllegalArgumentException(
                    "stage name must be 1-16 lowercase letters, digits or '-', starting with a letter: " + stageName);
        }
        Objects.requireNonNull(adminAuth, "adminAuth");
        Objects.requireNonNull(cdnDomain, "cdnDomain");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(edgeFunction, "edgeFunction");
        projectCreators = List.copyOf(projectCreators);
        breakGlass = List.copyOf(breakGlass);
        if (compilerConcurrency < 0 || keySyncConcurrency < 0 || insightsIngestConcurrency < 0) {
            throw new IllegalArgumentException("reserved concurrency must be 0 (none) or more");
        }
        Objects.requireNonNull(cdnRateLimit, "cdnRateLimit");
        quotas.filter(q -> !QUOTAS.matcher(q).matches()).ifPresent(q -> {
            throw new IllegalArgumentException("quotas must be <name>=<number>, comma-separated, with names among"
                    + " environments, flags, segments, sdkKeys; got " + q);
        });
        adminWriteRateLimit.filter(r -> !WRITE_RATE_LIMIT.matcher(r).matches()).ifPresent(r -> {
            throw new IllegalArgumentException("adminWriteRateLimit must be <writes>/<seconds>s, e.g. 60/60s; got " + r);
        });
        cdnRateLimit.ifPresent(limit -> {
            if (limit < MIN_RATE_LIMIT || limit > MAX_RATE_LIMIT) {
                throw new IllegalArgumentException("cdnRateLimit must be between " + MIN_RATE_LIMIT + " and "
                        + MAX_RATE_LIMIT + " requests per 5 minutes, got " + limit);
            }
        });
    }

    /** Retain for production stages (data outlives the stack), destroy for the others. */
    public RemovalPolicy removalPolicy() {
        return production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    public static Builder builder(String stageName) {
        return new Builder(stageName);
    }

    public static final class Builder {
        private final String stageName;
        private boolean production;
        private AdminAuth adminAuth = AdminAuth.iam();
        private CustomDomain cdnDomain;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private Path functionsJar = Path.of("..", "functions", "target", "functions.jar");
        private Path edgeFunction = Path.of("edge", "sdk-gate.js");
        private List<String> projectCreators = List.of();
        private List<String> breakGlass = List.of();
        private int compilerConcurrency = 5;
        private int keySyncConcurrency = 2;
        private int insightsIngestConcurrency = InsightsIngestion.DEFAULT_RESERVED_CONCURRENCY;
        private Integer cdnRateLimit;
        private boolean cdnLogging;
        private String quotas;
        private String adminWriteRateLimit;

        private Builder(String stageName) {
            this.stageName = stageName;
        }

        public Builder production(boolean production) {
            this.production = production;
            return this;
        }

        public Builder adminAuth(AdminAuth adminAuth) {
            this.adminAuth = adminAuth;
            return this;
        }

        public Builder cdnDomain(CustomDomain cdnDomain) {
            this.cdnDomain = cdnDomain;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public Builder functionsJar(Path functionsJar) {
            this.functionsJar = functionsJar;
            return this;
        }

        public Builder edgeFunction(Path edgeFunction) {
            this.edgeFunction = edgeFunction;
            return this;
        }

        public Builder projectCreators(List<String> projectCreators) {
            this.projectCreators = projectCreators;
            return this;
        }

        public Builder breakGlass(List<String> breakGlass) {
            this.breakGlass = breakGlass;
            return this;
        }

        public Builder reservedConcurrency(int compiler, int keySync) {
            this.compilerConcurrency = compiler;
            this.keySyncConcurrency = keySync;
            return this;
        }

        public Builder insightsIngestConcurrency(int insightsIngest) {
            this.insightsIngestConcurrency = insightsIngest;
            return this;
        }

        public Builder cdnRateLimit(Integer requestsPerFiveMinutes) {
            this.cdnRateLimit = requestsPerFiveMinutes;
            return this;
        }

        public Builder cdnLogging(boolean cdnLogging) {
            this.cdnLogging = cdnLogging;
            return this;
        }

        public Builder quotas(String quotas) {
            this.quotas = quotas;
            return this;
        }

        public Builder adminWriteRateLimit(String writesPerWindow) {
            this.adminWriteRateLimit = writesPerWindow;
            return this;
        }

        public VexilServiceProps build() {
            return new VexilServiceProps(stageName, production, adminAuth, Optional.ofNullable(cdnDomain),
                    logRetention, functionsJar, edgeFunction, projectCreators, breakGlass, compilerConcurrency,
                    keySyncConcurrency, insightsIngestConcurrency, Optional.ofNullable(cdnRateLimit), cdnLogging, Optional.ofNullable(quotas),
                    Optional.ofNullable(adminWriteRateLimit));
        }
    }
}
