package dev.vexil.eval.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds reference cycles (prerequisites between flags, segmentMatch between segments) with Tarjan's strongly
 * connected components. Edges to unknown nodes are ignored. A node is on a cycle when its component has more than
 * one node or it refers to itself.
 */
public final class ReferenceCycles {
    private final Map<String, List<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Map<String, Boolean> onStack = new HashMap<>();
    private final Map<String, List<String>> cycleOf = new LinkedHashMap<>();
    private int counter;

    private ReferenceCycles(Map<String, List<String>> edges) {
        this.edges = edges;
    }

    /**
     * Maps every node on a cycle to the members of its cycle (its strongly connected component, in discovery
     * order). Nodes not on a cycle are absent.
     */
    public static Map<String, List<String>> find(Map<String, List<String>> edges) {
        ReferenceCycles finder = new ReferenceCycles(edges);
        for (String node : edges.keySet()) {
            if (!finder.index.containsKey(node)) {
                finder.visit(node);
            }
        }
        return finder.cycleOf;
    }

    private void visit(String node) {
        index.put(node, counter);
        lowLink.put(node, counter);
        counter++;
        stack.push(node);
        onStack.put(node, true);
        for (String next : edges.getOrDefault(node, List.of())) {
            if (!edges.containsKey(next)) {
                continue;
            }
            if (!index.containsKey(next)) {
                visit(next);
                lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
            } else if (onStack.getOrDefault(next, false)) {
                lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
            }
        }
        if (lowLink.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.put(member, false);
                component.add(0, member);
            } while (!member.equals(node));
            boolean selfLoop = edges.getOrDefault(node, List.of()).contains(node);
            if (component.size() > 1 || selfLoop) {
                List<String> members = List.copyOf(component);
                for (String m : members) {
                    cycleOf.put(m, members);
                }
            }
        }
    }
}
