package dev.vexil.functions.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.release.GuardNotifier;
import dev.vexil.core.release.GuardRestore;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes each guard restore to the stack's SNS topic (the one its alarms notify): a subject and the JSON. */
public final class SnsGuardNotifier implements GuardNotifier {
    /** SNS refuses longer subjects. */
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;
    private final ObjectMapper mapper;

    public SnsGuardNotifier(SnsClient sns, String topicArn, ObjectMapper mapper) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.mapper = mapper;
    }

    @Override
    public void notify(GuardRestore restore) {
        String subject = subject(restore);
        String message;
        try {
            message = restore.summary() + "\n\n" + mapper.writerWithDefaultPrettyPrinter().writeValueAsString(restore);
        } catch (Exception e) {
            message = restore.summary();
        }
        String body = message;
        sns.publish(b -> b.topicArn(topicArn).subject(subject).message(body));
    }

    /** ASCII only and at most {@value #MAX_SUBJECT} characters, as SNS requires. */
    static String subject(GuardRestore restore) {
        String subject = ("Vexil guard " + restore.alarm() + " restored " + restore.flag())
                .replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
