package dev.vexil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConfigTest {

    @Test
    void defaultsThenEnvironmentThenFlags() throws Exception {
        LocalConfig defaults = LocalConfig.parse(new String[0], Map.of());
        assertThat(defaults).isEqualTo(new LocalConfig(8700, 8701, Path.of(".vexil"), null));

        Map<String, String> env = Map.of("VEXIL_ADMIN_PORT", "9000", "VEXIL_EDGE_PORT", "9001",
                "VEXIL_DATA_DIR", "/tmp/x", "VEXIL_ADMIN_TOKEN", "fixed");
        assertThat(LocalConfig.parse(new String[0], env)).isEqualTo(new LocalConfig(9000, 9001, Path.of("/tmp/x"), "fixed"));
        assertThat(LocalConfig.parse(new String[] {"--admin-port", "7000", "--edge-port=7001", "--data-dir", "d"}, env))
                .isEqualTo(new LocalConfig(7000, 7001, Path.of("d"), "fixed"));
    }

    @Test
    void quotasAndTheWriteRateLimitComeFromTheEnvironmentOrFlagsAndAreCheckedAtStart() throws Exception {
        Map<String, String> env = Map.of("VEXIL_QUOTAS", "flags=100", "VEXIL_WRITE_RATE_LIMIT", "10/60s");
        LocalConfig fromEnv = LocalConfig.parse(new String[0], env);
        assertThat(fromEnv.quotas()).isEqualTo("flags=100");
        assertThat(fromEnv.writeRateLimit()).isEqualTo("10/60s");
        LocalConfig fromFlags = LocalConfig.parse(new String[] {"--quotas", "sdkKeys=3", "--write-rate-limit=5/1s"}, env);
        assertThat(fromFlags.quotas()).isEqualTo("sdkKeys=3");
        assertThat(fromFlags.writeRateLimit()).isEqualTo("5/1s");
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--quotas", "flagz=1"}, Map.of()))
                .isInstanceOf(LocalConfig.UsageException.class).hasMessageContaining("flagz=1");
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--write-rate-limit", "fast"}, Map.of()))
                .isInstanceOf(LocalConfig.UsageException.class).hasMessageContaining("60/60s");
    }

    @Test
    void theSchedulerTickComesFromTheEnvironmentOrFlagsAndIsAtLeastOneSecond() throws Exception {
        assertThat(LocalConfig.parse(new String[0], Map.of()).schedulerTick()).isEqualTo(java.time.Duration.ofSeconds(15));
        Map<String, String> env = Map.of("VEXIL_SCHEDULER_TICK", "PT5S");
        assertThat(LocalConfig.parse(new String[0], env).schedulerTick()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(LocalConfig.parse(new String[] {"--scheduler-tick=PT1S"}, env).schedulerTick())
                .isEqualTo(java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--scheduler-tick", "PT0.5S"}, Map.of()))
                .isInstanceOf(LocalConfig.UsageException.class).hasMessageContaining("PT1S").hasMessageContaining("PT0.5S");
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--scheduler-tick", "15s"}, Map.of()))
                .isInstanceOf(LocalConfig.UsageException.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void projectCreatorsAndBreakGlassComeFromTheEnvironmentOrFlags() throws Exception {
        Map<String, String> env = Map.of("VEXIL_PROJECT_CREATORS", "alice", "VEXIL_BREAK_GLASS", "ops");
        LocalConfig fromEnv = LocalConfig.parse(new String[0], env);
        assertThat(fromEnv.projectCreators()).isEqualTo("alice");
        assertThat(fromEnv.breakGlass()).isEqualTo("ops");
        LocalConfig fromFlags = LocalConfig.parse(new String[] {"--project-creators", "*", "--break-glass=root"}, env);
        assertThat(fromFlags.projectCreators()).isEqualTo("*");
        assertThat(fromFlags.breakGlass()).isEqualTo("root");
        assertThat(LocalConfig.parse(new String[0], Map.of()).projectCreators()).as("default: the token's principal")
                .isNull();
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatIsWrong() {
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--admin-port", "http"}, Map.of()))
                .isInstanceOf(LocalConfig.UsageException.class).hasMessageContaining("--admin-port").hasMessageContaining("http");
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--edge-port"}, Map.of()))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalConfig.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("unknown option: --verbose");
        assertThatThrownBy(() -> LocalConfig.parse(new String[0], Map.of("VEXIL_EDGE_PORT", "8700")))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> LocalConfig.parse(new String[0], Map.of("VEXIL_ADMIN_PORT", "70000")))
                .hasMessageContaining("VEXIL_ADMIN_PORT");
    }

    @Test
    void credentialsAreCreatedOnceOwnerReadableOnlyAndKeptAcrossLoads(@TempDir Path dir) throws Exception {
        LocalCredentials first = LocalCredentials.loadOrCreate(dir);
        assertThat(first.adminTokenName()).isEqualTo("local-admin");
        assertThat(first.adminToken()).startsWith("vxl-").hasSize(4 + 43);
        Path file = dir.resolve(LocalCredentials.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        first.withDemoSdkKey("development", "sdk-abc").save(dir);
        LocalCredentials again = LocalCredentials.loadOrCreate(dir);
        assertThat(again.adminToken()).isEqualTo(first.adminToken());
        assertThat(again.demoSdkKeys()).containsExactly(Map.entry("development", "sdk-abc"));
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
