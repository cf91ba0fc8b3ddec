package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.ServiceAccountList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code anyscaleServiceAccountList maxItems: 100}: the organization's service accounts (name, email, permission
 * level, creation time), up to {@code maxItems}, following the API's pages as far as needed.
 */
public class ServiceAccountListStep extends AnyscaleStep {

    public static final int DEFAULT_MAX_ITEMS = 20;

    /** The most a step may ask for: a list that long is better walked outside a Pipeline script. */
    public static final int MAX_ITEMS = 10_000;

    private int maxItems = DEFAULT_MAX_ITEMS;

    @DataBoundConstructor
    public ServiceAccountListStep() {}

    public int getMaxItems() {
        return maxItems;
    }

    @DataBoundSetter
    public void setMaxItems(int maxItems) {
        this.maxItems = maxItems;
    }

    @Override
    Object perform(Invocation invocation) throws Exception {
        if (maxItems < 1 || maxItems > MAX_ITEMS) {
            throw new AbortException("maxItems must be between 1 and " + MAX_ITEMS + ", not " + maxItems + ".");
        }
        invocation.checkMayList();
        AnyscaleClient client = invocation.client();
        ServiceAccountList accounts = client.serviceAccounts().list(maxItems);
        List<Map<String, Object>> result = new ArrayList<>(accounts.size());
        for (ServiceAccount account : accounts) {
            result.add(pipelineMap(account.toPipelineMap()));
        }
        String listed = result.size() + " Anyscale service account" + (result.size() == 1 ? "" : "s") + " of "
                + client.baseUrl();
        invocation.log(
                accounts.hasMore()
                        ? "Listed the first " + listed + "; there are more: raise maxItems (" + maxItems
                                + ") to see them."
                        : "Listed " + listed + ": all there are.");
        return result;
    }

    @Override
    Change change() {
        return null; // listing changes nothing
    }

    @Override
    String attentionIfCutOff() {
        return null; // listing changes nothing
    }

    @Extension
    public static final class DescriptorImpl extends AnyscaleStepDescriptor {

        @Override
        public String getFunctionName() {
            return "anyscaleServiceAccountList";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ServiceAccountListStep_DisplayName();
        }
    }
}
