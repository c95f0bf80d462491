package dev.vexil.it.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.vexil.core.publish.SnapshotLayout;
import dev.vexil.functions.admin.AdminApiHandler;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.sign.KeyPairSnapshotSigner;
import dev.vexil.functions.compiler.CompilerHandler;
import dev.vexil.snapshot.SigningKeys;
import dev.vexil.functions.publish.S3Clients;
import dev.vexil.functions.publish.S3SnapshotPublisher;
import dev.vexil.functions.store.DynamoDbFlagRepository;
import dev.vexil.functions.store.dynamo.VexilTable;
import dev.vexil.it.stack.lambda.ApiGatewayBackend;
import dev.vexil.it.stack.lambda.PrincipalClaim;
import dev.vexil.local.edge.EdgeServer;
import dev.vexil.local.edge.EdgeStats;
import dev.vexil.local.edge.SdkKeyLookup;
import dev.vexil.local.http.AdminHttpAdapter;
import dev.vexil.local.http.BearerTokenAuthenticator;
import dev.vexil.local.http.RestartableHttpServer;
import dev.vexil.testsupport.DynaliteServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The AWS code path without AWS: {@link AdminApiHandler} and {@link CompilerHandler} over
 * {@link DynamoDbFlagRepository} and {@link S3SnapshotPublisher}, with
 * <ul>
 *   <li>DynamoDB from dynalite (or LocalStack), the table created as the CDK stack creates it;</li>
 *   <li>S3 from S3Proxy embedded (or LocalStack);</li>
 *   <li>the {@link StreamHarness} in place of DynamoDB Streams + Lambda's event source mapping;</li>
 *   <li>the admin handler behind the local gateway, as an API Gateway event with the principal as an IAM user ARN
 *       (as with SigV4);</li>
 *   <li>the local edge in place of CloudFront + its function, reading S3 and looking keys up in DynamoDB.</li>
 * </ul>
 */
public final class AwsWiring implements Stack {
    static final String TABLE = "vexil";
    static final String BUCKET = "vexil-snapshots";
    private static final String TOKEN = "vxl-integration-tests";
    private static final String PRINCIPAL = "arn:aws:iam::000000000000:user/integration-tests";

    private final String name;
    private final List<AutoCloseable> resources;
    private final S3Client s3;
    private final FaultInjectingPublisher faults;
    private final StreamHarness harness;
    private final EdgeServer edge;
    private final RestartableHttpServer admin;
    private final DynamoDbFlagRepository repository;
    private final KeyPairSnapshotSigner signer;

    /** The backing services of one wiring and how to read its change feed. */
    record Backends(String name, DynamoDbClient dynamo, S3Client s3, Function<String, ChangeSource> changeFeed,
                    boolean tableWithStream, long pollMillis, List<AutoCloseable> resources) {
    }

    /** dynalite (started here, stopped by PID on close) and S3Proxy embedded in this JVM. */
    public static AwsWiring onDynaliteAndS3Proxy() {
        List<AutoCloseable> resources = new ArrayList<>();
        DynaliteServer dynalite = DynaliteServer.start();
        resources.add(dynalite);
        EmbeddedS3 s3Proxy = EmbeddedS3.start();
        resources.add(s3Proxy);
        DynamoDbClient dynamo = dynalite.newClient();
        S3Client s3 = S3Clients.forEndpoint(s3Proxy.endpoint(), Region.US_EAST_1, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)));
        Clock clock = Clock.systemUTC();
        return new AwsWiring(new Backends("aws(dynalite+s3proxy)", dynamo, s3,
                streamArn -> new ScanChangeSource(dynamo, TABLE, clock), false, 1000, resources));
    }

    /** LocalStack (already started): its DynamoDB with a real stream on the table, and its S3. */
    public static AwsWiring onLocalStack(URI endpoint, String region, String accessKey, String secretKey) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                .region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = S3Clients.forEndpoint(endpoint, Region.of(region), credentials);
        return new AwsWiring(new Backends("aws(localstack)", dynamo, s3,
                streamArn -> new StreamsChangeSource(streams, streamArn, region), true, 250, List.of(streams)));
    }

    AwsWiring(Backends backends) {
        this.name = backends.name();
        this.resources = new ArrayList<>(backends.resources());
        this.s3 = backends.s3();
        DynamoDbClient dynamo = backends.dynamo();
        Clock clock = Clock.systemUTC();
        VexilTable.create(dynamo, TABLE, backends.tableWithStream());
        String streamArn = dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        s3.createBucket(b -> b.bucket(BUCKET));

        this.repository = new DynamoDbFlagRepository(dynamo, TABLE);
        // Stands in for the stack's KMS key (the KMS adapter itself is tested in functions).
        this.signer = new KeyPairSnapshotSigner(SigningKeys.generate());
        S3SnapshotPublisher publisher = new S3SnapshotPublisher(s3, BUCKET);
        this.faults = new FaultInjectingPublisher(publisher);
        this.harness = new StreamHarness(backends.changeFeed().apply(streamArn),
                new CompilerHandler(repository, faults, clock, CompilerTelemetry.stdout(clock), signer), 5,
                backends.pollMillis()).start();

        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.edge = new EdgeServer(new InetSocketAddress(loopback, 0), publisher, SdkKeyLookup.activeKeysOf(repository))
                .start();
        AdminApiHandler handler = new AdminApiHandler(repository, clock);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handlerThenStream = (event, context) -> {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            if (!"GET".equals(event.getRequestContext().getHttp().getMethod())) {
                harness.nudge(); // a write may have happened: the "stream" picks it up now
            }
            return response;
        };
        AdminHttpAdapter adapter = new AdminHttpAdapter(
                new ApiGatewayBackend(handlerThenStream, PrincipalClaim.IAM_USER_ARN, "vexil-admin-api"),
                new BearerTokenAuthenticator(PRINCIPAL, TOKEN), clock);
        this.admin = new RestartableHttpServer("it-admin", new InetSocketAddress(loopback, 0), adapter, 8).start();
        resources.add(0, dynamo);
        resources.add(0, s3);
    }

    /**
     * The table behind the admin API, for writes that stand for the losing side of a race: a change validated
     * against a state that another request changed before this one was stored.
     */
    public DynamoDbFlagRepository repository() {
        return repository;
    }

    /** The stream harness nudged, as after a write through the admin API. */
    public void nudgeStream() {
        harness.nudge();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI adminBaseUrl() {
        return URI.create("http://127.0.0.1:" + admin.port());
    }

    @Override
    public String adminToken() {
        return TOKEN;
    }

    @Override
    public URI edgeBaseUrl() {
        return URI.create("http://127.0.0.1:" + edge.port());
    }

    @Override
    public EdgeStats edgeStats() {
        return edge.stats();
    }

    @Override
    public void stopEdge() {
        edge.stop();
    }

    @Override
    public void startEdge() {
        edge.start();
    }

    @Override
    public void stopAdmin() {
        admin.stop();
    }

    @Override
    public void startAdmin() {
        admin.start();
    }

    @Override
    public void injectCompilerFaultOnce() {
        faults.failNextPublish();
    }

    @Override
    public int compilerFaultsFired() {
        return faults.faultsFired();
    }

    /** Overwrites the object in the bucket with the same headers (an {@code aws s3 cp} of a damaged file). */
    @Override
    public void corruptCurrentSnapshot(String project, String environment) {
        String key = SnapshotLayout.current(project, environment);
        ResponseBytes<GetObjectResponse> current = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        GetObjectResponse headers = current.response();
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType(headers.contentType())
                        .contentEncoding(headers.contentEncoding()).cacheControl(headers.cacheControl()),
                RequestBody.fromBytes(SnapshotTampering.tamper(current.asByteArray())));
    }

    /** The forgery, stored like {@link #corruptCurrentSnapshot}'s copy. */
    @Override
    public void forgeCurrentSnapshot(String project, String environment) {
        String key = SnapshotLayout.current(project, environment);
        ResponseBytes<GetObjectResponse> current = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        GetObjectResponse headers = current.response();
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType(headers.contentType())
                        .contentEncoding(headers.contentEncoding()).cacheControl(headers.cacheControl()),
                RequestBody.fromBytes(SnapshotTampering.forge(current.asByteArray(), SigningKeys.generate())));
    }

    @Override
    public String signingPublicKeyPem() {
        return SigningKeys.toPem(signer.publicKey());
    }

    /** {@code aws s3 cp kill.json s3://<bucket>/snapshots/<p>/<e>/killswitch.json --content-type application/json}. */
    @Override
    public void writeKillListDirectly(String project, String environment, String killListJson) {
        s3.putObject(b -> b.bucket(BUCKET).key(SnapshotLayout.killList(project, environment))
                        .contentType("application/json"),
                RequestBody.fromBytes(killListJson.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        admin.stop();
        edge.stop();
        harness.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("closing " + resource + " failed: " + e);
            }
        }
    }
}
