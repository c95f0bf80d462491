package dev.vexil.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small lookups over a synthesized template's JSON (resources by type, by property, IAM statements of a role). */
final class TemplateQueries {
    private final Map<String, Object> template;

    TemplateQueries(Map<String, Object> template) {
        this.template = template;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) template.get("Resources");
    }

    /** Logical id → properties of every resource of {@code type}. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, (Map<String, Object>) resource.getOrDefault("Properties", Map.of()));
            }
        });
        return found;
    }

    /** The logical id of the Vexil table (the stack also has the release table). */
    String vexilTable() {
        return logicalIdStartingWith("AWS::DynamoDB::GlobalTable", "VexilDataTable");
    }

    /** The one resource of {@code type} whose logical id starts with {@code prefix}. */
    String logicalIdStartingWith(String type, String prefix) {
        var found = ofType(type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + found);
        }
        return found.get(0);
    }

    String onlyLogicalId(String type) {
        var found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    /** The logical id of the Lambda function whose handler is {@code handlerClass}::handleRequest. */
    String functionFor(String handlerClass) {
        return ofType("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> (handlerClass + "::handleRequest").equals(e.getValue().get("Handler")))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no function with handler " + handlerClass));
    }

    /** Every IAM statement attached (through AWS::IAM::Policy) to the role of the given function. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statementsOfFunction(String functionLogicalId) {
        Map<String, Object> function = ofType("AWS::Lambda::Function").get(functionLogicalId);
        String role = ((List<String>) ((Map<String, Object>) function.get("Role")).get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = new ArrayList<>();
        ofType("AWS::IAM::Policy").values().forEach(policy -> {
            if (((List<Object>) policy.get("Roles")).contains(Map.of("Ref", role))) {
                statements.addAll((List<Map<String, Object>>)
                        ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement"));
            }
        });
        return statements;
    }

    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> join(Object... parts) {
        return Map.of("Fn::Join", List.of("", List.of(parts)));
    }
}
