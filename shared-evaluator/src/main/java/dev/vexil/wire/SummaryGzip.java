package dev.vexil.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip coding of a summary body: written by the SDKs, read by every ingest with a cap on the inflated size, so
 * that a small body that inflates to gigabytes (a "zip bomb") costs at most the cap.
 */
final class SummaryGzip {
    private SummaryGzip() {
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] body, int maxBytes) throws EvaluationSummaryException {
        return gunzip(new ByteArrayInputStream(body), maxBytes);
    }

    /**
     * Inflates at most {@code maxBytes + 1} bytes: one more than the cap tells a body over it from one exactly at it,
     * and nothing past that is ever inflated. Reading to the end of a body within the cap also checks gzip's CRC and
     * length trailer.
     */
    static byte[] gunzip(InputStream compressed, int maxBytes) throws EvaluationSummaryException {
        byte[] inflated;
        try (InputStream in = new GZIPInputStream(compressed)) {
            inflated = in.readNBytes(maxBytes + 1);
        } catch (IOException e) { // ZipException (bad header, data or trailer) and EOFException (truncated)
            throw new EvaluationSummaryException("", "the body is not valid gzip (Content-Encoding: gzip): "
                    + e.getMessage());
        }
        if (inflated.length > maxBytes) {
            throw new EvaluationSummaryException("", "the body inflates to more than " + maxBytes
                    + " bytes; at most " + maxBytes + " are accepted");
        }
        return inflated;
    }
}
