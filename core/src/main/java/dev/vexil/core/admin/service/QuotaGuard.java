package dev.vexil.core.admin.service;

import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.store.FlagRepository;
import dev.vexil.core.store.SdkKeyRecord;
import java.util.Map;

/**
 * Checks a quota before a resource is created, by counting the current resources with the repository's list
 * methods (heads only, so the cost follows the current resources, never their history). The check and the
 * create are separate calls, so concurrent creates can each pass it: a quota is soft by at most the number of
 * creates racing in the same scope (docs/architecture.md "Quotas and write rate limit").
 */
public final class QuotaGuard {
    /** Flag definitions are read in pages of this size until the quota is reached or the listing ends. */
    private static final int FLAG_PAGE = 500;

    private final FlagRepository repository;
    private final Quotas quotas;

    public QuotaGuard(FlagRepository repository, Quotas quotas) {
        this.repository = repository;
        this.quotas = quotas;
    }

    public void environments(String projectKey) {
        check(Quotas.ENVIRONMENTS, "project \"" + projectKey + "\"", quotas.environmentsPerProject(),
                repository.listEnvironments(projectKey).size());
    }

    public void flags(String projectKey) {
        int limit = quotas.flagsPerProject();
        int count = 0;
        String cursor = null;
        do { // stops as soon as the quota is reached: a full project costs at most limit / FLAG_PAGE pages
            var page = repository.listFlagDefinitions(projectKey, null, cursor, FLAG_PAGE);
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null && count < limit);
        check(Quotas.FLAGS, "project \"" + projectKey + "\"", limit, count);
    }

    public void segments(String projectKey, String envKey) {
        check(Quotas.SEGMENTS, "environment \"" + projectKey + "/" + envKey + "\"",
                quotas.segmentsPerEnvironment(), repository.listSegments(projectKey, envKey).size());
    }

    /** Revoked keys do not count: only active keys work at the edge. */
    public void activeSdkKeys(String projectKey, String envKey) {
        check(Quotas.SDK_KEYS, "environment \"" + projectKey + "/" + envKey + "\"",
                quotas.activeSdkKeysPerEnvironment(),
                (int) repository.listSdkKeys(projectKey, envKey).stream().filter(SdkKeyRecord::active).count());
    }

    private static void check(String quota, String scope, int limit, int current) {
        if (current >= limit) {
            throw new AdminException(AdminException.Kind.QUOTA_EXCEEDED, "quota \"" + quota + "\" of " + scope
                    + " reached: " + current + " of " + limit + "; nothing was created", java.util.List.of(),
                    Map.of("quota", quota, "limit", limit, "current", current));
        }
    }
}
