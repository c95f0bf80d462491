package dev.vexil.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file replacement that a reader (another thread, another process) never sees half-done, and that survives
 * a crash once it returns: the SDK's last-known-good cache and the filesystem snapshot store both write this way.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}: writes a hidden temp file ({@code .tmp-<name>…}) in the same
     * directory (created if absent), forces it to disk, renames it over {@code target}, then forces the directory.
     * A reader sees the old content or the new, never a mix. On POSIX systems the file ends up readable and
     * writable by its owner only (the JDK creates temp files so), whatever {@code target} had before.
     *
     * <p>Throws an {@link IOException} if anything fails, including a filesystem that cannot rename atomically
     * (then nothing is written rather than risking a torn file); the temp file is removed and {@code target} is
     * left as it was.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".tmp-" + target.getFileName(), "");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the filesystem under " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /**
     * Makes the rename durable where the platform allows it. Linux does; Windows cannot open a directory as a
     * channel, and some filesystem providers do not support it. The rename is atomic either way.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: see above
        }
    }
}
