package dev.vexil.it.stack;

import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.local.LocalConfig;
import dev.vexil.local.LocalServices;
import dev.vexil.local.edge.EdgeStats;
import dev.vexil.snapshot.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The local stack, exactly as {@code java -jar vexil-local.jar} runs it, on free ports and a temporary data dir. */
public final class LocalWiring implements Stack {
    private static final String TOKEN = "vxl-integration-tests";

    private final LocalServices services;
    private FaultInjectingPublisher faults;

    public LocalWiring(Path dataDir) {
        this(dataDir, LocalConfig.DEFAULT_SCHEDULER_TICK);
    }

    /** With the release scheduler ticking every {@code schedulerTick} (PT1S for the release scenarios). */
    public LocalWiring(Path dataDir, java.time.Duration schedulerTick) {
        // The scenarios write faster than a person does, all as one principal: a write rate limit they never reach.
        this.services = LocalServices.start(new LocalConfig(0, 0, dataDir, TOKEN, null, null, null, "1000000/60s",
                0, schedulerTick),
                new LocalServices.Options().publisherDecorator(publisher -> {
                    faults = new FaultInjectingPublisher(publisher);
                    return faults;
                }));
    }

    /** The running services, for the benchmark. */
    public LocalServices services() {
        return services;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public URI adminBaseUrl() {
        return services.adminBaseUri();
    }

    @Override
    public String adminToken() {
        return services.adminToken();
    }

    @Override
    public URI edgeBaseUrl() {
        return services.edgeBaseUri();
    }

    @Override
    public EdgeStats edgeStats() {
        return services.edge().stats();
    }

    @Override
    public void stopEdge() {
        services.edge().stop();
    }

    @Override
    public void startEdge() {
        services.edge().start();
    }

    @Override
    public void stopAdmin() {
        services.admin().stop();
    }

    @Override
    public void startAdmin() {
        services.admin().start();
    }

    @Override
    public void injectCompilerFaultOnce() {
        faults.failNextPublish();
    }

    @Override
    public int compilerFaultsFired() {
        return faults.faultsFired();
    }

    /** Overwrites the file in the data directory, as a stray copy would (its sidecar no longer matches). */
    @Override
    public void corruptCurrentSnapshot(String project, String environment) {
        Path current = services.publisher().root().resolve(SnapshotLayout.current(project, environment));
        try {
            writeAtomically(current, SnapshotTampering.tamper(Files.readAllBytes(current)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void forgeCurrentSnapshot(String project, String environment) {
        Path current = services.publisher().root().resolve(SnapshotLayout.current(project, environment));
        try {
            writeAtomically(current, SnapshotTampering.forge(Files.readAllBytes(current), SigningKeys.generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Local mode's key: {@code signing-key.pub.pem} in the data directory, printed by the banner. */
    @Override
    public String signingPublicKeyPem() {
        return services.signingPublicKeyPem();
    }

    /** An operator drops a plain JSON file at the kill-list path of the data directory. */
    @Override
    public void writeKillListDirectly(String project, String environment, String killListJson) {
        Path file = services.publisher().root().resolve(SnapshotLayout.killList(project, environment));
        try {
            Files.createDirectories(file.getParent());
            writeAtomically(file, killListJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".it-tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        services.close();
    }
}
