package dev.vexil.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gunzips bodies with a size limit, so that a truncated or hostile body fails cleanly. */
final class Gzip {
    /** Far above any real snapshot (the pipeline targets 1.5 MB gzipped for 10,000 flags). */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    private Gzip() {
    }

    static boolean looksGzipped(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /** Decompresses; a truncated or corrupt stream throws an IOException (e.g. "Unexpected end of ZLIB input"). */
    static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, compressed.length * 4));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_DECOMPRESSED_BYTES) {
                    throw new IOException("gzip body inflates beyond " + MAX_DECOMPRESSED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (java.io.EOFException e) {
            throw new IOException("truncated gzip body", e);
        }
    }
}
