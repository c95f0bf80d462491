package dev.vexil.examples;

import dev.vexil.eval.Context;
import dev.vexil.sdk.VexilClient;
import java.net.URI;
import java.time.Duration;

/** Prints a boolean flag's value for one user, then again each time it changes. Args: sdkKey [flag] [edgeUrl]. */
public final class WatchFlag {
    public static void main(String[] args) throws InterruptedException {
        String flag = args.length > 1 ? args[1] : "new-checkout";
        URI edge = URI.create(args.length > 2 ? args[2] : "http://localhost:8701");
        Context alice = Context.builder("alice").set("email", "alice@example.com").set("plan", "pro").build();
        VexilClient client = VexilClient.builder(edge, args[0]).pollInterval(Duration.ofSeconds(1)).build();
        client.waitForInitialization(Duration.ofSeconds(10));
        System.out.println(flag + " = " + client.boolVariation(flag, alice, false));
        client.onChange(flag, change -> System.out.println(flag + " = " + client.boolVariation(flag, alice, false)));
        Thread.currentThread().join(); // runs until Ctrl-C
    }
}
