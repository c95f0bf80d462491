package dev.vexil.functions.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@link KeyValueStoreClient} over the KeyValueStore REST API, with the SDK's HTTP client and a SigV4A signature
 * (the Java SDK's cloudfrontkeyvaluestore module is not used, to keep the Lambda jar to the modules it has).
 */
public final class HttpKeyValueStoreClient implements KeyValueStoreClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KvsRequests requests;
    private final SigV4aRequestSigner signer;
    private final SdkHttpClient http;

    HttpKeyValueStoreClient(KvsRequests requests, SigV4aRequestSigner signer, SdkHttpClient http) {
        this.requests = requests;
        this.signer = signer;
        this.http = http;
    }

    /** The store named by VEXIL_KVS_ARN, with the default credentials chain (the Lambda role's credentials). */
    public static HttpKeyValueStoreClient fromEnvironment() {
        KeyValueStoreArn arn = KeyValueStoreArn.parse(System.getenv("VEXIL_KVS_ARN"));
        return new HttpKeyValueStoreClient(new KvsRequests(arn.endpoint(), arn),
                new SigV4aRequestSigner(DefaultCredentialsProvider.builder().build(), Clock.systemUTC()),
                UrlConnectionHttpClient.create());
    }

    @Override
    public String currentEtag() {
        Response response = execute(requests.describe());
        if (response.status() != 200) {
            throw failure("DescribeKeyValueStore", response);
        }
        return response.requireEtag("DescribeKeyValueStore");
    }

    @Override
    public boolean contains(String key) {
        return get(key).isPresent();
    }

    /** GetKey answers {@code {"Key": ..., "Value": ..., "ItemCount": ..., "TotalSizeInBytes": ...}}. */
    @Override
    public Optional<String> get(String key) {
        Response response = execute(requests.getKey(key));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw failure("GetKey", response);
        }
        try {
            JsonNode value = JSON.readTree(response.body()).get("Value");
            if (value == null || !value.isTextual()) {
                throw new KeyValueStoreException("GetKey answered 200 without a Value");
            }
            return Optional.of(value.textValue());
        } catch (IOException e) {
            throw new KeyValueStoreException("GetKey answered 200 with a body that is not JSON", e);
        }
    }

    @Override
    public String updateKeys(String ifMatch, Map<String, String> puts, Set<String> deletes) {
        Response response = execute(requests.updateKeys(ifMatch, puts, deletes));
        if (response.status() == 409 || response.status() == 412) {
            throw new StaleEtagException("UpdateKeys: the store is no longer at ETag " + ifMatch + ": "
                    + response.body());
        }
        if (response.status() != 200) {
            throw failure("UpdateKeys", response);
        }
        return response.requireEtag("UpdateKeys");
    }

    private Response execute(SdkHttpFullRequest request) {
        SigV4aRequestSigner.Signed signed = signer.sign(request);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload())
                    .build()).call();
            String body = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Response(response.httpResponse().statusCode(),
                    response.httpResponse().firstMatchingHeader("ETag").orElse(null), body);
        } catch (IOException e) {
            throw new KeyValueStoreException("KeyValueStore API unreachable: " + e.getMessage(), e);
        }
    }

    private static KeyValueStoreException failure(String operation, Response response) {
        return new KeyValueStoreException(operation + " failed with HTTP " + response.status() + " "
                + errorMessage(response.body()));
    }

    /** The API's error shape is {"Message": "..."} (some errors use "message"). */
    private static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body.isEmpty() ? "{}" : body);
            JsonNode message = error.has("Message") ? error.get("Message") : error.get("message");
            return message == null ? body : message.asText();
        } catch (IOException e) {
            return body;
        }
    }

    private record Response(int status, String etag, String body) {
        String requireEtag(String operation) {
            if (etag == null || etag.isEmpty()) {
                throw new KeyValueStoreException(operation + " answered 200 without an ETag");
            }
            return etag;
        }
    }
}
