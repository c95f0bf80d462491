package dev.vexil.wire;

/**
 * A summary sent with a {@code Content-Encoding} the ingest cannot decode. The answer is 415 Unsupported Media Type
 * with {@code Accept-Encoding:} {@value #ACCEPTED} (RFC 7694, §3), so that a client can resend in a coding it knows
 * is understood.
 */
public final class UnsupportedContentEncodingException extends Exception {
    /** The codings an ingest decodes, as the {@code Accept-Encoding} value of a 415 (identity is always accepted). */
    public static final String ACCEPTED = "gzip";

    public UnsupportedContentEncodingException(String contentEncoding) {
        super("Content-Encoding " + contentEncoding + " is not supported; send gzip, or no Content-Encoding");
    }
}
