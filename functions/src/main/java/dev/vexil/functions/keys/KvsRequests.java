package dev.vexil.functions.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Builds the (unsigned) REST requests of the KeyValueStore API (API reference: DescribeKeyValueStore, GetKey,
 * UpdateKeys). Path labels are percent-encoded, so the ARN's ':' and '/' travel as %3A and %2F.
 */
final class KvsRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String storePath;

    KvsRequests(URI endpoint, KeyValueStoreArn arn) {
        this.endpoint = endpoint;
        this.storePath = "/key-value-stores/" + SdkHttpUtils.urlEncode(arn.arn());
    }

    /** DescribeKeyValueStore: {@code GET /key-value-stores/{KvsARN}}; the ETag comes back as a header. */
    SdkHttpFullRequest describe() {
        return base(SdkHttpMethod.GET, storePath).build();
    }

    /** GetKey: {@code GET /key-value-stores/{KvsARN}/keys/{Key}}; 404 when absent. */
    SdkHttpFullRequest getKey(String key) {
        return base(SdkHttpMethod.GET, storePath + "/keys/" + SdkHttpUtils.urlEncode(key)).build();
    }

    /** UpdateKeys: {@code POST /key-value-stores/{KvsARN}/keys} with If-Match and {Puts, Deletes}. */
    SdkHttpFullRequest updateKeys(String ifMatch, Map<String, String> puts, Set<String> deletes) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode putList = body.putArray("Puts");
        puts.forEach((key, value) -> putList.addObject().put("Key", key).put("Value", value));
        ArrayNode deleteList = body.putArray("Deletes");
        deletes.forEach(key -> deleteList.addObject().put("Key", key));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return base(SdkHttpMethod.POST, storePath + "/keys")
                .putHeader("If-Match", ifMatch)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .contentStreamProvider(ContentStreamProvider.fromByteArray(bytes))
                .build();
    }

    private SdkHttpFullRequest.Builder base(SdkHttpMethod method, String encodedPath) {
        return SdkHttpFullRequest.builder()
                .method(method)
                .uri(endpoint)
                .encodedPath(encodedPath)
                .putHeader("Accept", "application/json");
    }
}
