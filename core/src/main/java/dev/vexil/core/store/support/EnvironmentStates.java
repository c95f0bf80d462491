package dev.vexil.core.store.support;

import dev.vexil.core.store.ChangeRef;
import dev.vexil.core.store.EnvironmentState;
import dev.vexil.core.store.ResourceType;
import dev.vexil.model.Flag;
import dev.vexil.model.FlagConfig;
import dev.vexil.model.FlagDefinition;
import dev.vexil.model.Segment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link EnvironmentState} from the newest stored version of each resource of one environment, and
 * computes its change counter (the sum of those versions, see {@link EnvironmentState}).
 */
public final class EnvironmentStates {

    private EnvironmentStates() {
    }

    /**
     * @param environment the newest version of the environment item
     * @param definitions the newest version of each flag definition of the project
     * @param configs the newest version of each flag configuration of the environment
     * @param segments the newest version of each segment of the environment, tombstones included
     * @param mustInclude changes the result must reflect; a change of this environment (or of the project's
     *                    definitions) newer than what was read means the store served stale data
     */
    public static EnvironmentState assemble(String project, String environmentKey, StoredVersion environment,
                                            Collection<StoredVersion> definitions,
                                            Collection<StoredVersion> configs,
                                            Collection<StoredVersion> segments,
                                            Collection<ChangeRef> mustInclude) {
        long counter = environment.version();
        Map<String, StoredVersion> configByFlag = new HashMap<>();
        for (StoredVersion config : configs) {
            configByFlag.put(config.key(), config);
            counter += config.version();
        }
        List<Flag> flags = new ArrayList<>();
        for (StoredVersion definitionVersion : definitions) {
            counter += definitionVersion.version();
            FlagDefinition definition = definitionVersion.content(FlagDefinition.class);
            StoredVersion config = configByFlag.get(definitionVersion.key());
            flags.add(config == null
                    ? Flag.of(definition, FlagConfig.notConfigured(), null)
                    : Flag.of(definition, config.content(FlagConfig.class), config.version()));
        }
        List<Segment> live = new ArrayList<>();
        for (StoredVersion segmentVersion : segments) {
            counter += segmentVersion.version();
            if (segmentVersion.live()) {
                Segment s = segmentVersion.content(Segment.class);
                live.add(new Segment(segmentVersion.key(), s.name(), s.description(), s.included(), s.excluded(),
                        s.rules(), s.salt(), segmentVersion.version()));
            }
        }
        flags.sort(Comparator.comparing(Flag::key));
        live.sort(Comparator.comparing(Segment::key));
        requireIncluded(project, environmentKey, environment, definitions, configs, segments, mustInclude);
        return new EnvironmentState(project, environmentKey, counter, List.copyOf(flags), List.copyOf(live));
    }

    private static void requireIncluded(String project, String environmentKey, StoredVersion environment,
                                        Collection<StoredVersion> definitions, Collection<StoredVersion> configs,
                                        Collection<StoredVersion> segments, Collection<ChangeRef> mustInclude) {
        if (mustInclude == null || mustInclude.isEmpty()) {
            return;
        }
        Map<ResourceType, Map<String, Long>> read = new HashMap<>();
        read.put(ResourceType.ENVIRONMENT, Map.of(environmentKey, environment.version()));
        read.put(ResourceType.FLAG_DEFINITION, versions(definitions));
        read.put(ResourceType.FLAG_CONFIG, versions(configs));
        read.put(ResourceType.SEGMENT, versions(segments));
        for (ChangeRef ref : mustInclude) {
            boolean ours = project.equals(ref.project())
                    && (ref.environment() == null || ref.environment().equals(environmentKey));
            Map<String, Long> ofType = read.get(ref.type());
            if (!ours || ofType == null) {
                continue; // another environment, or a type the snapshot does not depend on
            }
            long seen = ofType.getOrDefault(ref.key(), 0L);
            if (seen < ref.version()) {
                throw new IllegalStateException("store returned " + ref.type() + " " + ref.key() + " at version "
                        + seen + ", older than the triggering version " + ref.version());
            }
        }
    }

    private static Map<String, Long> versions(Collection<StoredVersion> newest) {
        Map<String, Long> versions = new HashMap<>();
        newest.forEach(v -> versions.put(v.key(), v.version()));
        return versions;
    }
}
