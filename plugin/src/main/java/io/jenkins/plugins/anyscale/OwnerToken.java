package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The organization owner's token of the global configuration: a Secret text in the Jenkins root context with
 * <em>System</em> scope, looked up there as SYSTEM. System scope is what keeps it out of jobs' reach: item contexts
 * never see System-scoped credentials, so no {@code withCredentials} and no step argument can bind it; only this
 * plugin uses it, on a job's behalf and under the access rules.
 */
final class OwnerToken {

    private OwnerToken() {}

    /**
     * The credential with this ID, if it is fit to be the owner token.
     *
     * @throws UnusableTokenException saying what to fix: missing, not System scope, or empty
     */
    @NonNull
    static StringCredentials resolve(@NonNull String id) throws UnusableTokenException {
        StringCredentials credentials = CredentialsProvider.findCredentialByIdInItemGroup(
                id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
        if (credentials == null) {
            throw new UnusableTokenException(Messages.OwnerToken_NotFound(id));
        }
        if (credentials.getScope() != CredentialsScope.SYSTEM) {
            throw new UnusableTokenException(Messages.OwnerToken_NotSystemScope(id));
        }
        if (credentials.getSecret().getPlainText().isBlank()) {
            throw new UnusableTokenException(Messages.OwnerToken_Empty(id));
        }
        return credentials;
    }

    /** The configured owner token cannot be used; the message says what to fix, and never holds the token. */
    static final class UnusableTokenException extends Exception {

        private static final long serialVersionUID = 1L;

        UnusableTokenException(String message) {
            super(message);
        }
    }
}
