package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The credential lists of this plugin's forms. Each lists what may be picked only to those who may see it (at the
 * root, administrators; at an item, those who may read its configuration, Item/Extended Read, or use its credentials,
 * Credentials/UseItem), and only the current value to everybody else, as the credentials plugin's own lists do.
 */
final class CredentialChoices {

    /** A service-account key can never manage accounts: it is never offered as an owner token. */
    private static final CredentialsMatcher NOT_A_SERVICE_ACCOUNT_KEY =
            CredentialsMatchers.not(CredentialsMatchers.instanceOf(AnyscaleServiceAccountKey.class));

    private CredentialChoices() {}

    /**
     * The global configuration's owner token: a System-scoped Secret text of the root store, the only kind it accepts.
     */
    @NonNull
    static ListBoxModel globalOwnerTokens(@CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(Util.fixNull(current));
        }
        result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        Jenkins.get(),
                        StringCredentials.class,
                        List.of(),
                        CredentialsMatchers.allOf(
                                CredentialsMatchers.withScope(CredentialsScope.SYSTEM), NOT_A_SERVICE_ACCOUNT_KEY))
                .includeCurrentValue(Util.fixNull(current));
        return result;
    }

    /**
     * A step's own owner token ({@code tokenCredentialsId}): the Secret texts the item can use, service-account keys
     * left out; the empty choice means the owner token of the global configuration.
     */
    @NonNull
    static ListBoxModel ownerTokens(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        result.add(new ListBoxModel.Option(Messages.CredentialChoices_GlobalOwnerToken(), ""));
        if (!maySee(item)) {
            result.includeCurrentValue(Util.fixNull(current));
            return result;
        }
        if (item == null) {
            // The global Snippet Generator: what a step of a job in no folder could use.
            result.includeMatchingAs(
                    ACL.SYSTEM2,
                    Jenkins.get(),
                    StringCredentials.class,
                    List.of(),
                    CredentialsMatchers.allOf(
                            CredentialsMatchers.withScope(CredentialsScope.GLOBAL), NOT_A_SERVICE_ACCOUNT_KEY));
        } else {
            result.includeMatchingAs(
                    authenticationOf(item), item, StringCredentials.class, List.of(), NOT_A_SERVICE_ACCOUNT_KEY);
        }
        result.includeCurrentValue(Util.fixNull(current));
        return result;
    }

    /**
     * The keys {@code withAnyscale} may bind: the Secret texts the item can use (a key may also be held in a plain
     * Secret text). With nothing chosen yet and exactly one service-account key in reach, that key is preselected.
     */
    @NonNull
    static ListBoxModel keys(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = Util.fixNull(current);
        if (!maySee(item)) {
            result.includeCurrentValue(value);
            return result;
        }
        Authentication auth = item == null ? ACL.SYSTEM2 : authenticationOf(item);
        CredentialsMatcher matcher =
                item == null ? CredentialsMatchers.withScope(CredentialsScope.GLOBAL) : CredentialsMatchers.always();
        if (item == null) {
            result.includeMatchingAs(auth, Jenkins.get(), StringCredentials.class, List.of(), matcher);
        } else {
            result.includeMatchingAs(auth, item, StringCredentials.class, List.of(), matcher);
        }
        result.includeCurrentValue(value);
        if (value.isEmpty()) {
            ListBoxModel serviceAccountKeys = item == null
                    ? CredentialsProvider.listCredentialsInItemGroup(
                            AnyscaleServiceAccountKey.class, Jenkins.get(), auth, List.of(), matcher)
                    : CredentialsProvider.listCredentialsInItem(
                            AnyscaleServiceAccountKey.class, item, auth, List.of(), matcher);
            if (serviceAccountKeys.size() == 1) {
                String only = serviceAccountKeys.get(0).value;
                for (ListBoxModel.Option option : result) {
                    option.selected = only.equals(option.value);
                }
            }
        }
        return result;
    }

    /** Whether the user may see what an item (or, with none, the root) can use. */
    static boolean maySee(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static Authentication authenticationOf(@NonNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
