package dev.vexil.core.compiler;

import dev.vexil.core.publish.SnapshotObject;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import dev.vexil.wire.ObjectEncoding;
import java.util.Optional;

/**
 * The largest environment snapshot Vexil delivers: {@value #MAX_RAW_BYTES} bytes of canonical JSON and
 * {@value #MAX_GZIP_BYTES} bytes gzipped. SDKs refuse a body that expands beyond
 * {@link ObjectEncoding#MAX_DECODED_BYTES} (64 MiB), so the raw limit keeps a factor of four from that refusal;
 * it is also what the compiler Lambda (1,769 MB) and the admin Lambda (1,024 MB), which sizes the environment on every write,
 * handle well within their timeouts (docs/benchmarks.md: 14 MB builds in about 1.5 s). The admin API refuses a
 * write that would pass either limit (413), the compiler refuses to publish one (metric {@code SnapshotTooLarge}).
 */
public final class SnapshotLimits {
    public static final int MAX_RAW_BYTES = 16 * 1024 * 1024;
    public static final int MAX_GZIP_BYTES = 4 * 1024 * 1024;
    /** The names of the two limits, as problem documents and logs give them. */
    public static final String RAW = "snapshotBytes";
    public static final String GZIP = "snapshotGzipBytes";
    /**
     * Below this raw size the gzip size cannot pass its limit (deflate adds at most 5 bytes per 16 KiB stored block
     * plus an 18-byte frame), so the admin API skips compressing.
     */
    private static final int GZIP_CANNOT_EXCEED_BELOW = MAX_GZIP_BYTES - 64 * 1024;

    /** Which limit a snapshot passes: its name ({@code snapshotBytes} or {@code snapshotGzipBytes}), value, size. */
    public record Excess(String limit, long limitBytes, long sizeBytes) {
        public String describe() {
            return "the environment's snapshot would be " + sizeBytes + (limit.equals(RAW) ? " bytes of JSON"
                    : " bytes gzipped") + "; the limit (" + limit + ") is " + limitBytes + " bytes";
        }
    }

    /** A snapshot's size against the limits; {@code gzipBytes} is null when it was not needed. */
    public record Size(long rawBytes, Long gzipBytes) {

        /** The limit this size passes, or empty. */
        public Optional<Excess> excess() {
            if (rawBytes > MAX_RAW_BYTES) {
                return Optional.of(new Excess(RAW, MAX_RAW_BYTES, rawBytes));
            }
            if (gzipBytes != null && gzipBytes > MAX_GZIP_BYTES) {
                return Optional.of(new Excess(GZIP, MAX_GZIP_BYTES, gzipBytes));
            }
            return Optional.empty();
        }
    }

    private SnapshotLimits() {
    }

    /** The size of an encoded snapshot (what the compiler would store). */
    public static Size of(SnapshotObject object) {
        return new Size(object.json().length, (long) object.gzip().length);
    }

    /** The size {@code snapshot} would have once sealed, compressing only when the gzip limit could be in reach. */
    public static Size size(Snapshot snapshot) {
        byte[] raw = SnapshotCodec.sealTree(SnapshotObject.treeOf(snapshot)).bytes();
        Long gzip = raw.length < GZIP_CANNOT_EXCEED_BELOW ? null : (long) ObjectEncoding.gzip(raw).length;
        return new Size(raw.length, gzip);
    }
}
