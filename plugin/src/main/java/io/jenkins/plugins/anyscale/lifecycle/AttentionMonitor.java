package io.jenkins.plugins.anyscale.lifecycle;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import java.time.Instant;

/**
 * "N Anyscale operations need attention", and keys older than the rotation policy, on every page an administrator
 * sees, with a link to the inventory page. Cheap to ask: it counts the {@link AttentionLog} and the mint times in the
 * {@link KeyIndex}, and never calls Anyscale or reads a credentials store. Administrators only (the default of
 * {@link AdministrativeMonitor}).
 */
@Extension
public final class AttentionMonitor extends AdministrativeMonitor {

    @Override
    public String getDisplayName() {
        return Messages.AttentionMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return getOperationsNeedingAttention() > 0 || getKeysOverPolicy() > 0;
    }

    public int getOperationsNeedingAttention() {
        return AttentionLog.get().size();
    }

    public int getKeysOverPolicy() {
        return KeyIndex.get().countOverPolicy(KeyAgePolicies.current(), Instant.now());
    }

    public int getMaxKeyAgeDays() {
        return KeyAgePolicies.current().maxKeyAgeDays();
    }

    /** The inventory page, relative to the root URL. */
    public String getPageUrl() {
        return InventoryPage.URL_NAME;
    }
}
