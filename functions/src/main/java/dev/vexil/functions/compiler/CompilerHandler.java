package dev.vexil.functions.compiler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.vexil.core.compiler.CompilerTelemetry;
import dev.vexil.core.compiler.SnapshotCompiler;
import dev.vexil.core.publish.SnapshotPublisher;
import dev.vexil.core.push.ChangeNotifier;
import dev.vexil.core.sign.SnapshotSigner;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crac.Core;
import org.crac.Resource;

/**
 * The compiler Lambda, fed by the table's DynamoDB stream. It groups a batch's records by the environments they
 * affect, compiles each environment once ({@link SnapshotCompiler}) and reports partial failure: the records of
 * an environment whose compile threw come back as {@code batchItemFailures} (every record that touched it), so
 * Lambda retries just those; the other environments are published. An invalid state is not a failure (a retry
 * cannot fix it; the next valid change will publish).
 */
public final class CompilerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final FlagRepository repository;
    private final SnapshotPublisher publisher;
    private final SnapshotCompiler compiler;
    private final CompilerTelemetry telemetry;

    /** The Lambda entry point: clients and adapters from {@link LambdaWiring}; registers the SnapStart hook. */
    public CompilerHandler() {
        this(LambdaWiring.repository(), LambdaWiring.publisher(), Clock.systemUTC(),
                CompilerTelemetry.stdout(Clock.systemUTC()), LambdaWiring.signer(), LambdaWiring.notifier());
        Core.getGlobalContext().register(this);
    }

    public CompilerHandler(FlagRepository repository, SnapshotPublisher publisher, Clock clock) {
        this(repository, publisher, clock, CompilerTelemetry.stdout(clock));
    }

    /** Unsigned snapshots (tests). */
    public CompilerHandler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                           CompilerTelemetry telemetry) {
        this(repository, publisher, clock, telemetry, null);
    }

    /** Every snapshot signed by {@code signer} (null: unsigned). */
    public CompilerHandler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                           CompilerTelemetry telemetry, SnapshotSigner signer) {
        this(repository, publisher, clock, telemetry, signer, null);
    }

    /** Signed (null: unsigned), with deltas and push notifications through {@code notifier} (null: push off). */
    public CompilerHandler(FlagRepository repository, SnapshotPublisher publisher, Clock clock,
                           CompilerTelemetry telemetry, SnapshotSigner signer, ChangeNotifier notifier) {
        this.repository = repository;
        this.publisher = publisher;
        this.telemetry = telemetry;
        this.compiler = new SnapshotCompiler(repository, publisher, clock, telemetry, signer, notifier);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        ChangeBatch batch = ChangeBatch.group(records, this::environmentKeys,
                (record, reason) -> telemetry.ignoredRecord(record.getEventID(), reason));

        Set<String> failed = new HashSet<>();
        for (ChangeBatch.UnresolvedProject project : batch.unresolvedProjects()) {
            telemetry.failed(project.project(), null, project.error(), 0);
            failed.addAll(project.sequenceNumbers());
        }
        for (ChangeBatch.EnvironmentChanges changes : batch.environments()) {
            try {
                compiler.compile(changes.project(), changes.environment(), changes.changes(), changes.newestChangeAt());
            } catch (RuntimeException e) {
                failed.addAll(changes.sequenceNumbers()); // already logged with CompileFailures by the compiler
            }
        }
        // In batch order, each once: Lambda resumes from the lowest failed sequence number.
        List<StreamsEventResponse.BatchItemFailure> failures = records.stream()
                .filter(r -> r.getDynamodb() != null && failed.contains(r.getDynamodb().getSequenceNumber()))
                .map(r -> r.getDynamodb().getSequenceNumber())
                .distinct()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        return new StreamsEventResponse(failures);
    }

    private List<String> environmentKeys(String project) {
        return repository.listEnvironments(project).stream().map(Versioned::value).map(Environment::key).toList();
    }

    /** SnapStart: warm the code paths of a compile before the snapshot is taken, writing nothing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        CompilerPriming.prime(repository, publisher);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the SDK clients resolve credentials lazily after restore.
    }
}
