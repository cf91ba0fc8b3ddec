package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step about one existing service account, identified by exactly one of {@code name} and {@code email} (as the
 * SDK's own operations are).
 */
public abstract class AccountStep extends AnyscaleStep {

    @CheckForNull
    private String name;

    @CheckForNull
    private String email;

    @CheckForNull
    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(@CheckForNull String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    @CheckForNull
    public String getEmail() {
        return email;
    }

    @DataBoundSetter
    public void setEmail(@CheckForNull String email) {
        this.email = Util.fixEmptyAndTrim(email);
    }

    /**
     * @throws IllegalArgumentException with the SDK's wording unless exactly one of name and email is given
     */
    ServiceAccountRef ref() {
        return ServiceAccountRef.of(name, email);
    }

    /** The account's name, or else its email, as given; {@code null} when neither is. */
    @CheckForNull
    String accountGiven() {
        return name != null ? name : email;
    }

    /** {@code service account named 'x'} or {@code with email 'x'}, for messages, whatever was given. */
    String describeAccount() {
        return "service account " + (name != null ? "named '" + name + "'" : "with email '" + email + "'");
    }
}
