package dev.vexil.core.release;

/** Tells people that a guard restored a flag: the stack's SNS topic on AWS, a log line and a record locally. */
public interface GuardNotifier {
    void notify(GuardRestore restore);
}
