package io.jenkins.plugins.anyscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Functions;
import hudson.Util;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withAnyscale(credentialsId: 'ci-bot-key') { sh 'anyscale job submit …' }}: runs the block with the stored
 * key in {@code ANYSCALE_CLI_TOKEN} and the configured host in {@code ANYSCALE_HOST}, so that the Anyscale CLI and
 * SDK act as the service account. The key is masked in the block's console output and in the failures of the block and
 * of its steps (which are printed, and kept in the build's flow graph, outside the console filter): the fix of
 * credentials-binding's SECURITY-3499, done the same way.
 */
public class WithAnyscaleStep extends Step {

    public static final String TOKEN_VARIABLE = "ANYSCALE_CLI_TOKEN";
    public static final String HOST_VARIABLE = "ANYSCALE_HOST";

    private final String credentialsId;

    @DataBoundConstructor
    public WithAnyscaleStep(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(credentialsId, context);
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final String credentialsId;

        Execution(String credentialsId, StepContext context) {
            super(context);
            this.credentialsId = credentialsId;
        }

        @Override
        public boolean start() {
            run(this::doStart);
            return false;
        }

        private void doStart() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            if (credentialsId.isEmpty()) {
                throw new AbortException("withAnyscale needs the credentialsId of a stored Anyscale API key.");
            }
            StringCredentials credentials =
                    CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
            if (credentials == null) {
                throw new AbortException(
                        "No Secret text credential with ID '" + credentialsId + "' is available to this build.");
            }
            CredentialsProvider.track(run, credentials);
            String token = credentials.getSecret().getPlainText();
            if (token.isBlank()) {
                throw new AbortException("The credential '" + credentialsId + "' is empty.");
            }
            refuseHidingAnEnclosingSecret(token);
            String host = AnyscaleSettings.current().host();
            String account = credentials instanceof AnyscaleServiceAccountKey key
                    ? " (service account " + key.describeAccount() + ")"
                    : "";
            listener.getLogger()
                    .println("Binding the Anyscale API key of credential '" + credentialsId + "'" + account + " to "
                            + TOKEN_VARIABLE + " (masked) and " + HOST_VARIABLE + "=" + host + ".");
            // The pattern of the key and its encodings, as credentials-binding builds it, for the console filter and
            // the failure handler alike; a Secret, so the build's program state never holds it in clear.
            Secret masked = Secret.fromString(
                    SecretPatterns.getAggregateSecretPattern(List.of(token)).pattern());
            getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class), new Expander(token, host)))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(
                            getContext().get(ConsoleLogFilter.class),
                            new MaskingFilter(masked, run.getCharset().name())))
                    .withContext(FailureHandler.merge(
                            getContext().get(FailureHandler.class), new MaskingFailureHandler(masked)))
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
        }

        /**
         * Refuses to run inside a block that binds another secret to {@code ANYSCALE_CLI_TOKEN}. Jenkins keeps the
         * arguments of every step in the build's records, and masks in them the current values of the sensitive variables
         * only: rebinding the variable would leave the outer secret, copied into a Groovy variable and passed to a step, in
         * clear on disk. The same key bound twice hides nothing.
         */
        private void refuseHidingAnEnclosingSecret(String token) throws Exception {
            EnvVars env = getContext().get(EnvVars.class);
            EnvironmentExpander enclosing = getContext().get(EnvironmentExpander.class);
            String bound = env == null ? null : env.get(TOKEN_VARIABLE);
            if (bound != null
                    && !bound.isEmpty()
                    && !bound.equals(token)
                    && enclosing != null
                    && enclosing.getSensitiveVariables().contains(TOKEN_VARIABLE)) {
                throw new AbortException("withAnyscale cannot run inside a block that already binds another secret to "
                        + TOKEN_VARIABLE + " (an enclosing withAnyscale, withCredentials or credentials()): inside it,"
                        + " Jenkins would no longer recognise the outer secret, and could keep it in clear in the"
                        + " build's record of step arguments. Use the two keys one after the other, not one inside the"
                        + " other.");
            }
        }
    }

    /** Sets the two variables; reports the token's as sensitive (Groovy interpolation warnings). */
    private static final class Expander extends EnvironmentExpander {

        private static final long serialVersionUID = 1L;

        private final Secret token;
        private final String host;

        Expander(String token, String host) {
            this.token = Secret.fromString(token);
            this.host = host;
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            env.override(TOKEN_VARIABLE, token.getPlainText());
            env.override(HOST_VARIABLE, host);
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of(TOKEN_VARIABLE);
        }
    }

    /**
     * Masks the key (and its encodings known to credentials-binding) in the block's console output. The pattern is
     * kept as a {@link Secret}, so it is not written in clear text to the build's program state.
     */
    private static final class MaskingFilter extends ConsoleLogFilter implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Secret pattern;
        private final String charsetName;

        MaskingFilter(Secret pattern, String charsetName) {
            this.pattern = pattern;
            this.charsetName = charsetName;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutputStream decorateLogger(AbstractBuild build, OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(
                    logger, () -> Pattern.compile(pattern.getPlainText()), charsetName);
        }
    }

    /**
     * Rewrites a failure raised in the block, if its text holds the key, into one whose messages (its own, its causes'
     * and its suppressed exceptions') show {@code ****} instead. Keeps the pattern as a {@link Secret}, as the filter
     * does.
     */
    private static final class MaskingFailureHandler implements FailureHandler {

        private static final long serialVersionUID = 1L;

        private final Secret pattern;

        MaskingFailureHandler(Secret pattern) {
            this.pattern = pattern;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            return MaskedFailure.of(failure, Pattern.compile(pattern.getPlainText()), new HashSet<>());
        }
    }

    /** A failure whose text held a secret, re-told with the secret masked; its stack trace is the original's. */
    static final class MaskedFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private MaskedFailure(String message) {
            super(message);
        }

        static Throwable of(Throwable failure, Pattern secret, Set<Throwable> seen) {
            if (!seen.add(failure)) {
                return new MaskedFailure("(a failure that is its own cause)");
            }
            if (!secret.matcher(Functions.printThrowable(failure)).find()) {
                return failure;
            }
            String message = secret.matcher(Objects.requireNonNullElse(failure.getMessage(), ""))
                    .replaceAll("****");
            // A plain step failure stays one (printed without a stack trace); anything else says what it was.
            Throwable masked = failure instanceof AbortException
                    ? new AbortException(message)
                    : new MaskedFailure(failure.getClass().getName() + ": " + message);
            masked.setStackTrace(failure.getStackTrace());
            Throwable cause = failure.getCause();
            if (cause != null) {
                masked.initCause(of(cause, secret, seen));
            }
            for (Throwable suppressed : failure.getSuppressed()) {
                masked.addSuppressed(of(suppressed, secret, seen));
            }
            return masked;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withAnyscale";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithAnyscaleStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        @Restricted(NoExternalUse.class)
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String credentialsId) {
            return CredentialChoices.keys(item, credentialsId);
        }

        /** A key must be chosen: the step cannot run without one. */
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckCredentialsId(
                @AncestorInPath @CheckForNull Item item, @QueryParameter String value) {
            if (!CredentialChoices.maySee(item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.WithAnyscaleStep_NoKeyChosen());
            }
            return FormValidation.ok();
        }
    }
}
