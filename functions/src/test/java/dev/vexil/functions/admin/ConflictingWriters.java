package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * Threads doing read-modify-write updates of one flag configuration through the API, all at once. Every update
 * must either succeed with a version nobody else got, or get 412; history must then hold exactly version 1 and
 * the successful versions, with no gaps.
 */
final class ConflictingWriters {
    private ConflictingWriters() {
    }

    static void run(AdminFixture api, String hint, int threads, int attemptsPerThread) throws Exception {
        String p = api.project(hint, "production");
        api.booleanFlag(p, "checkout");
        String config = "/v1/projects/" + p + "/environments/production/flags/checkout";
        api.call("PUT", config).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);

        ConcurrentLinkedQueue<Long> won = new ConcurrentLinkedQueue<>();
        AtomicInteger lost = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        String etag = api.get(config).expect(200).etag();
                        AdminFixture.Reply reply = api.call("PUT", config).ifMatch(etag)
                                .json("{\"on\":true,\"salt\":\"t" + thread + "-" + i + "\",\"fallthrough\":{\"variation\":0}}")
                                .send();
                        if (reply.status() == 200) {
                            won.add(Long.parseLong(reply.etag().replace("\"", "")));
                        } else {
                            assertThat(reply.status()).as(reply.text()).isEqualTo(412);
                            lost.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> versions = new ArrayList<>(won);
        Collections.sort(versions);
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(versions.size() + lost.get()).isEqualTo(threads * attemptsPerThread);
        assertThat(versions).isEqualTo(LongStream.rangeClosed(2, versions.size() + 1).boxed().toList());

        List<Long> history = new ArrayList<>();
        String cursor = null;
        do { // history is paged: follow every page, 7 entries at a time
            AdminFixture.Call call = api.get(config + "/history").query("limit", "7");
            JsonNode page = (cursor == null ? call : call.query("cursor", cursor)).expect(200).json();
            page.path("items").forEach(e -> history.add(e.path("version").asLong()));
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        Collections.reverse(history);
        List<Long> expected = new ArrayList<>(List.of(1L));
        expected.addAll(versions);
        assertThat(history).isEqualTo(expected);
        assertThat(api.get(config).expect(200).etag()).isEqualTo("\"" + (versions.size() + 1) + "\"");
    }
}
