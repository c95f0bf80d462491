package dev.vexil.cdk;

import java.nio.file.Path;
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
 */
public record VexilServiceProps(String stageName, boolean production, AdminAuth adminAuth,
                                Optional<CustomDomain> cdnDomain, RetentionDays logRetention,
                                Path functionsJar, Path edgeFunction) {

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

        public VexilServiceProps build() {
            return new VexilServiceProps(stageName, production, adminAuth, Optional.ofNullable(cdnDomain),
                    logRetention, functionsJar, edgeFunction);
        }
    }
}
