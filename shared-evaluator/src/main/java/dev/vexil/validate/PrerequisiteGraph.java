package dev.vexil.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Cycles in the "requires" graph of prerequisites. Both searches are iterative, so a long prerequisite chain in a
 * hostile snapshot cannot overflow the stack.
 */
final class PrerequisiteGraph {
    private PrerequisiteGraph() {
    }

    /**
     * A path {@code self → … → self}, or an empty list. {@code direct} are the prerequisites of {@code self} being
     * validated; {@code edges} gives everyone else's.
     */
    static List<String> cycleThrough(String self, List<String> direct, Function<String, List<String>> edges) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String first : direct) {
            if (!first.equals(self) && parent.putIfAbsent(first, self) == null) {
                pending.push(first);
            }
        }
        while (!pending.isEmpty()) {
            String current = pending.pop();
            for (String next : edges.apply(current)) {
                if (next.equals(self)) {
                    return pathBack(self, current, parent);
                }
                if (parent.putIfAbsent(next, current) == null) {
                    pending.push(next);
                }
            }
        }
        return List.of();
    }

    private static List<String> pathBack(String self, String last, Map<String, String> parent) {
        List<String> path = new ArrayList<>();
        path.add(self);
        for (String at = last; !at.equals(self); at = parent.get(at)) {
            path.add(at);
        }
        Collections.reverse(path); // now: first hop … last, self
        path.add(0, self);
        return path;
    }

    /**
     * Cycles of the whole graph (at least one per strongly connected group that has any), each rotated to start at
     * its smallest key and closed ({@code a → b → a}). Edges to nodes outside the graph are ignored.
     */
    static List<List<String>> cycles(Map<String, List<String>> graph) {
        Set<List<String>> found = new LinkedHashSet<>();
        Map<String, Boolean> onPath = new HashMap<>(); // true: on the current path; false: finished
        for (String start : new TreeSet<>(graph.keySet())) {
            if (onPath.containsKey(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Deque<Iterator<String>> frames = new ArrayDeque<>();
            onPath.put(start, true);
            path.add(start);
            frames.push(graph.get(start).iterator());
            while (!frames.isEmpty()) {
                Iterator<String> edges = frames.peek();
                if (!edges.hasNext()) {
                    onPath.put(path.remove(path.size() - 1), false);
                    frames.pop();
                    continue;
                }
                String next = edges.next();
                if (!graph.containsKey(next)) {
                    continue;
                }
                Boolean state = onPath.get(next);
                if (state == null) {
                    onPath.put(next, true);
                    path.add(next);
                    frames.push(graph.get(next).iterator());
                } else if (state) {
                    found.add(closedFromSmallest(path.subList(path.indexOf(next), path.size())));
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<String> closedFromSmallest(List<String> cycle) {
        int smallest = cycle.indexOf(Collections.min(cycle));
        List<String> rotated = new ArrayList<>(cycle.size() + 1);
        for (int i = 0; i < cycle.size(); i++) {
            rotated.add(cycle.get((smallest + i) % cycle.size()));
        }
        rotated.add(rotated.get(0));
        return List.copyOf(rotated);
    }
}
