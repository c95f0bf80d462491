package dev.vexil.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How every object under {@code snapshots/} (snapshots and kill lists) is stored and served: gzip, with
 * {@code Content-Encoding: gzip}. The publisher compresses with {@link #gzip}; readers (the SDK, the compiler's
 * priming, tests) recognise it with {@link #isGzip} and expand it with {@link #gunzip}, which refuses a body that is
 * truncated, corrupt, or expands beyond {@link #MAX_DECODED_BYTES}.
 */
public final class ObjectEncoding {
    /** The {@code Content-Encoding} every stored object carries. */
    public static final String CONTENT_ENCODING = "gzip";
    /** Far above any real snapshot (the pipeline targets 1.5 MB gzipped for 10,000 flags); stops a gzip bomb. */
    public static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER_BYTES = 64 * 1024;

    private ObjectEncoding() {
    }

    /**
     * Deterministic gzip: the JDK's {@link GZIPOutputStream} writes no file name and a zero modification time, so
     * the same JSON always gives the same bytes, and so the same ETag (no churn when a version is published again).
     */
    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 6));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER_BYTES)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }

    /** True if the bytes start with the gzip magic number ({@code 1f 8b}). */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_0 && (bytes[1] & 0xff) == GZIP_MAGIC_1;
    }

    /**
     * Expands a gzip body. Throws an {@link IOException} that says why for a body that is not gzip, is truncated
     * ("truncated gzip body"), is corrupt, or expands beyond {@link #MAX_DECODED_BYTES}.
     */
    public static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), BUFFER_BYTES)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, compressed.length * 4));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_DECODED_BYTES) {
                    throw new IOException("gzip body inflates beyond " + MAX_DECODED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (EOFException e) {
            throw new IOException("truncated gzip body", e);
        }
    }
}
