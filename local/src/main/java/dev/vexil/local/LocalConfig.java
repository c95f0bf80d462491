package dev.vexil.local;

import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.ratelimit.InProcessWriteRateLimiter;
import dev.vexil.core.ratelimit.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.Clock;
import java.util.Map;

/**
 * Where local mode listens and keeps its data. Command-line flags win over environment variables, which win over
 * the defaults: admin API on 8700, edge on 8701, data in {@code ./.vexil}, both bound to the loopback address.
 *
 * @param fixedAdminToken the admin token from {@code VEXIL_ADMIN_TOKEN}, or null to use the stored one
 * @param projectCreators comma-separated principals or {@code *} patterns who may create projects, or null for
 *                        the default: the admin token's own principal (its name, {@code local-admin})
 * @param breakGlass comma-separated break-glass operator principals (admin in every project), or null for none
 * @param quotas per-project quota overrides ({@link Quotas#parse}, e.g. {@code flags=10000}), or null for the defaults
 * @param writeRateLimit writes per principal and window ({@link RateLimit#parse}, e.g. {@code 60/60s}), or null for
 *                       the default
 * @param pushPort the push channel's WebSocket port (docs/push.md)
 * @param schedulerTick how often the in-process scheduler looks for due schedules and rollout steps (at least
 *                      {@link #MIN_SCHEDULER_TICK}; default {@link #DEFAULT_SCHEDULER_TICK})
 */
public record LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken, String projectCreators,
                          String breakGlass, String quotas, String writeRateLimit, int pushPort,
                          Duration schedulerTick) {
    public static final int DEFAULT_ADMIN_PORT = 8700;
    public static final Duration DEFAULT_SCHEDULER_TICK = Duration.ofSeconds(15);
    public static final Duration MIN_SCHEDULER_TICK = Duration.ofSeconds(1);
    public static final int DEFAULT_EDGE_PORT = 8701;
    public static final int DEFAULT_PUSH_PORT = 8702;
    public static final String USAGE = """
            Usage: java -jar vexil-local.jar [--admin-port N] [--edge-port N] [--data-dir DIR]
              --admin-port N   admin API port (default 8700, env VEXIL_ADMIN_PORT)
              --edge-port N    edge (SDK snapshot) port (default 8701, env VEXIL_EDGE_PORT)
              --push-port N    push channel (WebSocket) port (default 8702, env VEXIL_PUSH_PORT)
              --data-dir DIR   SQLite store, snapshots and credentials (default ./.vexil, env VEXIL_DATA_DIR)
              --project-creators LIST  who may create projects: principals or * patterns, comma-separated
                               (default: the admin token's principal, local-admin; env VEXIL_PROJECT_CREATORS)
              --break-glass LIST       operator principals with admin rights in every project, comma-separated
                               (default: none; env VEXIL_BREAK_GLASS)
              --quotas LIST            per-project quotas, e.g. environments=50,flags=5000,segments=1000,sdkKeys=20
                               (those are the defaults; segments and sdkKeys are per environment; env VEXIL_QUOTAS)
              --write-rate-limit N/Ss  admin writes per principal per window (default 60/60s; env VEXIL_WRITE_RATE_LIMIT)
              --scheduler-tick D       how often due schedules and rollout steps are applied, an ISO-8601
                               duration of at least PT1S (default PT15S; env VEXIL_SCHEDULER_TICK)
              env VEXIL_ADMIN_TOKEN fixes the admin token (for scripts and CI)""";

    public LocalConfig {
        schedulerTick = schedulerTick == null ? DEFAULT_SCHEDULER_TICK : schedulerTick;
        if (schedulerTick.compareTo(MIN_SCHEDULER_TICK) < 0) {
            throw new IllegalArgumentException("the scheduler tick must be at least " + MIN_SCHEDULER_TICK
                    + ", got " + schedulerTick);
        }
    }

    /** The push port is a free one when the edge's is (tests), else the default. */
    public LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken) {
        this(adminPort, edgePort, dataDir, fixedAdminToken, null, null, null, null);
    }

    public LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken, String projectCreators,
                       String breakGlass) {
        this(adminPort, edgePort, dataDir, fixedAdminToken, projectCreators, breakGlass, null, null);
    }

    public LocalConfig(int adminPort, int edgePort, Path dataDir, String fixedAdminToken, String projectCreators,
                       String breakGlass, String quotas, String writeRateLimit) {
        this(adminPort, edgePort, dataDir, fixedAdminToken, projectCreators, breakGlass, quotas, writeRateLimit,
                edgePort == 0 ? 0 : DEFAULT_PUSH_PORT, DEFAULT_SCHEDULER_TICK);
    }

    /** The admin API's limits: the quotas and an in-process write rate limiter (one JVM serves every write). */
    public AdminLimits adminLimits(Clock clock) {
        return new AdminLimits(Quotas.parse(quotas), new InProcessWriteRateLimiter(RateLimit.parse(writeRateLimit),
                clock));
    }

    /** Thrown for a bad command line; its message is meant for the user, followed by {@link #USAGE}. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LocalConfig parse(String[] args, Map<String, String> env) throws UsageException {
        int adminPort = port(env.get("VEXIL_ADMIN_PORT"), "VEXIL_ADMIN_PORT", DEFAULT_ADMIN_PORT);
        int edgePort = port(env.get("VEXIL_EDGE_PORT"), "VEXIL_EDGE_PORT", DEFAULT_EDGE_PORT);
        int pushPort = port(env.get("VEXIL_PUSH_PORT"), "VEXIL_PUSH_PORT", DEFAULT_PUSH_PORT);
        String dataDir = env.getOrDefault("VEXIL_DATA_DIR", ".vexil");
        String projectCreators = env.get("VEXIL_PROJECT_CREATORS");
        String breakGlass = env.get("VEXIL_BREAK_GLASS");
        String quotas = env.get("VEXIL_QUOTAS");
        String writeRateLimit = env.get("VEXIL_WRITE_RATE_LIMIT");
        String schedulerTick = env.get("VEXIL_SCHEDULER_TICK");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--admin-port" -> {
                    value = value != null ? value : next(args, ++i, name);
                    adminPort = port(value, name, adminPort);
                }
                case "--edge-port" -> {
                    value = value != null ? value : next(args, ++i, name);
                    edgePort = port(value, name, edgePort);
                }
                case "--push-port" -> {
                    value = value != null ? value : next(args, ++i, name);
                    pushPort = port(value, name, pushPort);
                }
                case "--data-dir" -> dataDir = value != null ? value : next(args, ++i, name);
                case "--project-creators" -> projectCreators = value != null ? value : next(args, ++i, name);
                case "--break-glass" -> breakGlass = value != null ? value : next(args, ++i, name);
                case "--quotas" -> quotas = value != null ? value : next(args, ++i, name);
                case "--write-rate-limit" -> writeRateLimit = value != null ? value : next(args, ++i, name);
                case "--scheduler-tick" -> schedulerTick = value != null ? value : next(args, ++i, name);
                case "--help", "-h" -> throw new UsageException("");
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        if (adminPort == edgePort && adminPort != 0) {
            throw new UsageException("the admin port and the edge port must differ (both are " + adminPort + ")");
        }
        if (pushPort != 0 && (pushPort == adminPort || pushPort == edgePort)) {
            throw new UsageException("the push port must differ from the admin and edge ports (" + pushPort + ")");
        }
        try { // refused at start-up, not at the first write
            Quotas.parse(quotas);
            RateLimit.parse(writeRateLimit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String token = env.get("VEXIL_ADMIN_TOKEN");
        return new LocalConfig(adminPort, edgePort, Path.of(dataDir), token == null || token.isBlank() ? null : token,
                projectCreators, breakGlass, quotas, writeRateLimit, pushPort,
                schedulerTick(schedulerTick));
    }

    private static Duration schedulerTick(String value) throws UsageException {
        if (value == null || value.isBlank()) {
            return DEFAULT_SCHEDULER_TICK;
        }
        try {
            Duration tick = Duration.parse(value.strip());
            if (tick.compareTo(MIN_SCHEDULER_TICK) >= 0) {
                return tick;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new UsageException("--scheduler-tick (VEXIL_SCHEDULER_TICK) must be an ISO-8601 duration of at least"
                + " PT1S, e.g. PT15S; got '" + value + "'");
    }

    private static String next(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(name + " needs a value");
        }
        return args[i];
    }

    private static int port(String value, String name, int fallback) throws UsageException {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }
}
