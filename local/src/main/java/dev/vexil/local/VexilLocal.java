package dev.vexil.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/vexil-local.jar}: starts the whole service on this machine, prints how to use it,
 * and shuts down cleanly on Ctrl-C or SIGTERM.
 */
public final class VexilLocal {
    private VexilLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalConfig config;
        try {
            config = LocalConfig.parse(args, System.getenv());
        } catch (LocalConfig.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("vexil-local: " + e.getMessage());
            }
            System.err.println(LocalConfig.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        LocalServices services;
        try {
            services = LocalServices.start(config);
        } catch (RuntimeException e) {
            System.err.println("vexil-local: cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Vexil local...");
            services.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "vexil-shutdown"));
        StartupBanner.print(System.out, services);
        stopped.await();
    }
}
