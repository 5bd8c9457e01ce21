package io.daemoncontroller.boot.health;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds a health group {@code daemons-<tag>} for each daemon tag, as Spring Boot adds its probes' groups: its
 * members are the {@code daemons/<name>} indicators of exactly the daemons {@link Daemons#withTag} selects, so
 * {@code GET /actuator/health/daemons-<tag>} answers for the same daemons as {@code /actuator/daemons/@<tag>}. It
 * shows components and details as the health endpoint does. A group of that name configured by the application
 * wins.
 */
final class DaemonTagHealthGroups implements HealthEndpointGroupsPostProcessor {

    /** The prefix of the groups' names: the group of tag {@code search} is {@code daemons-search}. */
    static final String PREFIX = "daemons-";

    private final Daemons daemons;
    private final String contributorName;

    /** Groups for the tags of {@code daemons}, whose indicators are under the contributor {@code contributorName}. */
    DaemonTagHealthGroups(Daemons daemons, String contributorName) {
        this.daemons = daemons;
        this.contributorName = contributorName;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
        for (String name : groups.getNames()) {
            all.put(name, groups.get(name));
        }
        for (ManagedDaemon daemon : daemons.all()) {
            for (String tag : daemon.tags()) {
                if (!all.containsKey(PREFIX + tag)) {
                    all.put(PREFIX + tag, new TagGroup(groups.getPrimary(), members(tag)));
                }
            }
        }
        return HealthEndpointGroups.of(groups.getPrimary(), all);
    }

    private Set<String> members(String tag) {
        Set<String> members = new HashSet<>();
        for (ManagedDaemon daemon : daemons.withTag(tag)) {
            members.add(contributorName + "/" + daemon.name());
        }
        return Set.copyOf(members);
    }

    /** The daemons with one tag, shown as the primary group shows its components. */
    private record TagGroup(HealthEndpointGroup primary, Set<String> members) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return members.contains(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return primary.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return primary.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return primary.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return primary.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return null;
        }
    }
}
