package dev.vexil.localstore.files;

import dev.vexil.wire.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What S3 keeps beside an object, kept by the filesystem publisher in {@code <object>.meta.json}: the ETag of the
 * body it describes, the headers the edge serves, and for snapshots the version and contentHash.
 * {@code version} and {@code contentHash} are null for the kill list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record ObjectSidecar(String etag, String contentType, String contentEncoding, String cacheControl,
                     Long version, String contentHash) {
    static final String SUFFIX = ".meta.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path pathFor(Path object) {
        return object.resolveSibling(object.getFileName() + SUFFIX);
    }

    static Optional<ObjectSidecar> read(Path object) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(pathFor(object)), ObjectSidecar.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return Optional.empty(); // a damaged sidecar describes nothing; the object is then served by its key
        }
    }

    void write(Path object) throws IOException {
        AtomicFiles.write(pathFor(object), JSON.writeValueAsBytes(this));
    }
}
