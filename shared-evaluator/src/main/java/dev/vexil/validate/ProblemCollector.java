package dev.vexil.validate;

import java.util.ArrayList;
import java.util.List;

/** Accumulates the problems of one validation run, in the order they were found. Not thread-safe. */
public final class ProblemCollector {
    private final List<Problem> problems = new ArrayList<>();

    public void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** An immutable copy of the problems found so far. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
