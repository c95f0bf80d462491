package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.Versioned;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Prerequisite;
import dev.vexil.validate.Problem;
import dev.vexil.validate.ValidationScope;
import dev.vexil.validate.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a flag definition change that would make some environment invalid: e.g. removing a variation that a
 * configuration serves, or one that another flag's prerequisite requires. Every environment's configuration of
 * the flag, and every configuration with a prerequisite on it, is re-validated against the new definition.
 */
final class DefinitionCompatibility {
    private final FlagRepository repository;
    private final ObjectMapper mapper;

    DefinitionCompatibility(FlagRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /** Throws a 409 naming the environments (and, in {@code errors}, the configurations) that would break. */
    void check(String projectKey, FlagDefinition current, FlagDefinition proposed) {
        List<String> broken = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Versioned<Environment> environment : repository.listEnvironments(projectKey)) {
            EnvironmentState state = repository.loadEnvironmentState(projectKey, environment.value().key(), List.of());
            // Only what the new definition breaks counts: a flag never configured here, or a configuration that
            // was already invalid for other reasons, must not block the change.
            Set<Problem> before = new HashSet<>(problemsIn(state, current));
            List<Problem> introduced = problemsIn(state, proposed).stream().filter(p -> !before.contains(p)).toList();
            if (!introduced.isEmpty()) {
                broken.add(environment.value().key());
                problems.addAll(introduced);
            }
        }
        if (!broken.isEmpty()) {
            throw new AdminException(AdminException.Kind.CONFLICT, "this definition of flag \"" + proposed.key()
                    + "\" would make its configuration invalid in environment(s) " + broken
                    + "; change those configurations first", problems, Map.of("environments", broken));
        }
    }

    /** The problems of every configuration in {@code state} that the definition of its flag could affect. */
    private List<Problem> problemsIn(EnvironmentState state, FlagDefinition definitionOfFlag) {
        String flagKey = definitionOfFlag.key();
        List<Flag> replaced = state.flags().stream().filter(f -> f.key().equals(flagKey))
                .map(f -> Flag.of(definitionOfFlag, f.config(), f.version())).toList();
        ValidationScope scope = state.validationScope().withFlags(replaced);
        List<Problem> problems = new ArrayList<>();
        for (Flag flag : state.flags()) {
            boolean isThisFlag = flag.key().equals(flagKey);
            boolean dependsOnIt = flag.prerequisites().stream().map(Prerequisite::flag).anyMatch(flagKey::equals);
            if (!isThisFlag && !dependsOnIt) {
                continue;
            }
            FlagDefinition definition = isThisFlag ? definitionOfFlag : definitionOf(flag);
            String prefix = "environments." + state.environment() + ".flags." + flag.key();
            problems.addAll(ModelBodies.under(prefix,
                    Validator.validateFlagConfig(mapper.valueToTree(flag.config()), definition, scope)));
        }
        return problems;
    }

    /** The evaluation-relevant part of a flag's definition, as carried by the merged flag. */
    private static FlagDefinition definitionOf(Flag flag) {
        return new FlagDefinition(flag.key(), flag.key(), null, flag.type(), flag.variations(), List.of(), null, null);
    }
}
