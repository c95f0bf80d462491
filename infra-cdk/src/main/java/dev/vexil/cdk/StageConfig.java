package dev.vexil.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Reads one stage's settings from the CDK context key {@code vexil:stages} (cdk.json), e.g.
 * <pre>{"prod": {"production": true, "logRetentionDays": 365, "jwtIssuer": "https://...", "jwtAudience": ["id"],
 *            "cdnDomain": "flags.example.com", "cdnCertificateArn": "arn:aws:acm:us-east-1:...",
 *            "projectCreators": ["arn:aws:iam::123456789012:role/Platform*"],
 *            "breakGlass": ["arn:aws:iam::123456789012:role/VexilBreakGlass"],
 *            "compilerReservedConcurrency": 5, "keySyncReservedConcurrency": 2,
 *            "insightsIngestReservedConcurrency": 30,
 *            "cdnRateLimit": 3000, "cdnLogging": true,
 *            "quotas": {"flags": 10000, "sdkKeys": 5}, "adminWriteRateLimit": "120/60s",
 *            "consoleClientId": "id", "consoleScope": "openid email",
 *            "consoleConnectOrigins": ["https://auth.example.com"]}}</pre>
 * Unknown keys are refused, so that a typo does not silently deploy a default.
 */
final class StageConfig {
    static final String STAGES_KEY = "vexil:stages";
    private static final Set<String> KEYS = Set.of("production", "logRetentionDays", "jwtIssuer", "jwtAudience",
            "cdnDomain", "cdnCertificateArn", "projectCreators", "breakGlass", "compilerReservedConcurrency",
            "keySyncReservedConcurrency", "insightsIngestReservedConcurrency", "cdnRateLimit", "cdnLogging", "quotas", "adminWriteRateLimit",
            "consoleClientId", "consoleScope", "consoleConnectOrigins");
    private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1827, RetentionDays.FIVE_YEARS),
            Map.entry(3653, RetentionDays.TEN_YEARS));

    private StageConfig() {
    }

    /** The stage names to synthesize: the comma-separated {@code stage} context, else every configured stage. */
    static List<String> selectedStages(Map<String, ?> stages, Object stageContext) {
        if (stageContext == null || stageContext.toString().isBlank()) {
            return List.copyOf(new TreeSet<>(stages.keySet()));
        }
        List<String> selected = new ArrayList<>();
        for (String name : stageContext.toString().split(",")) {
            String stage = name.trim();
            if (!stages.containsKey(stage)) {
                throw new IllegalArgumentException("Unknown stage '" + stage + "' in -c stage=...; " + STAGES_KEY
                        + " in cdk.json defines: " + new TreeSet<>(stages.keySet()));
            }
            selected.add(stage);
        }
        return selected;
    }

    static VexilServiceProps props(String stage, Map<?, ?> settings, Path functionsJar, Path edgeFunction) {
        for (Object key : settings.keySet()) {
            if (!KEYS.contains(key.toString())) {
                throw new IllegalArgumentException("Unknown setting '" + key + "' for stage '" + stage + "' in "
                        + STAGES_KEY + "; known settings: " + new TreeSet<>(KEYS));
            }
        }
        var builder = VexilServiceProps.builder(stage)
                .production(Boolean.TRUE.equals(settings.get("production")))
                .functionsJar(functionsJar)
                .edgeFunction(edgeFunction);
        Object days = settings.get("logRetentionDays");
        if (days != null) {
            RetentionDays retention = RETENTION.get(((Number) days).intValue());
            if (retention == null) {
                throw new IllegalArgumentException("logRetentionDays of stage '" + stage + "' must be one of "
                        + new TreeSet<>(RETENTION.keySet()) + ", got " + days);
            }
            builder.logRetention(retention);
        }
        Object issuer = settings.get("jwtIssuer");
        if (issuer != null) {
            builder.adminAuth(AdminAuth.jwt(issuer.toString(), audience(settings.get("jwtAudience"))));
        }
        Object domain = settings.get("cdnDomain");
        if (domain != null) {
            Object certificate = settings.get("cdnCertificateArn");
            if (certificate == null) {
                throw new IllegalArgumentException("Stage '" + stage + "' sets cdnDomain but not cdnCertificateArn");
            }
            builder.cdnDomain(new CustomDomain(domain.toString(), certificate.toString()));
        }
        builder.projectCreators(list(settings.get("projectCreators")));
        builder.breakGlass(list(settings.get("breakGlass")));
        Object compiler = settings.get("compilerReservedConcurrency");
        Object keySync = settings.get("keySyncReservedConcurrency");
        builder.reservedConcurrency(compiler == null ? 5 : ((Number) compiler).intValue(),
                keySync == null ? 2 : ((Number) keySync).intValue());
        Object ingest = settings.get("insightsIngestReservedConcurrency");
        if (ingest != null) {
            builder.insightsIngestConcurrency(((Number) ingest).intValue());
        }
        Object rateLimit = settings.get("cdnRateLimit");
        if (rateLimit != null) {
            builder.cdnRateLimit(((Number) rateLimit).intValue());
        }
        builder.cdnLogging(Boolean.TRUE.equals(settings.get("cdnLogging")));
        if (settings.get("quotas") instanceof Map<?, ?> quotas) { // {"flags": 10000} → flags=10000
            builder.quotas(String.join(",", quotas.entrySet().stream()
                    .map(e -> e.getKey() + "=" + (e.getValue() instanceof Number n ? n.longValue() : e.getValue()))
                    .sorted().toList()));
        } else if (settings.get("quotas") != null) {
            throw new IllegalArgumentException("quotas of stage '" + stage + "' must be an object such as"
                    + " {\"flags\": 10000}");
        }
        Object writeRateLimit = settings.get("adminWriteRateLimit");
        if (writeRateLimit != null) {
            builder.adminWriteRateLimit(writeRateLimit.toString());
        }
        return builder.build();
    }

    /** The admin console's settings when the stage names a console client (docs/console.md), else empty. */
    static java.util.Optional<AdminConsole.Settings> console(Map<?, ?> settings, Path assets) {
        Object clientId = settings.get("consoleClientId");
        if (clientId == null) {
            return java.util.Optional.empty();
        }
        Object scope = settings.get("consoleScope");
        return java.util.Optional.of(new AdminConsole.Settings(assets, clientId.toString(),
                scope == null ? null : scope.toString(), list(settings.get("consoleConnectOrigins"))));
    }

    private static List<String> audience(Object value) {
        return list(value);
    }

    /** A JSON array of strings, or one comma-separated string; absent is empty. */
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
