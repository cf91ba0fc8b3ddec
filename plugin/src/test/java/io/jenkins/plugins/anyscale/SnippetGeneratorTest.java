package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What the Snippet Generator writes for each step (the same code path as its "Generate Pipeline Script" button), and
 * that what it writes builds the same step again.
 */
@WithJenkins
class SnippetGeneratorTest {

    @Test
    void everyStepRendersAsPipelineSyntaxAndRoundTrips(JenkinsRule r) throws Exception {
        ServiceAccountCreateStep create = new ServiceAccountCreateStep("ci-bot", "ci-bot-key");
        create.setDescription("Key of ci-bot");
        create.setTokenCredentialsId("team-owner-token");
        assertSnippet(
                r,
                create,
                "anyscaleServiceAccountCreate ",
                "name: 'ci-bot'",
                "credentialsId: 'ci-bot-key'",
                "description: 'Key of ci-bot'",
                "tokenCredentialsId: 'team-owner-token'");

        ServiceAccountCreateApiKeyStep createApiKey = new ServiceAccountCreateApiKeyStep("ci-bot-key-2");
        createApiKey.setEmail("ci-bot@org-1.serviceaccount.com");
        assertSnippet(
                r,
                createApiKey,
                "anyscaleServiceAccountCreateApiKey ",
                "email: 'ci-bot@org-1.serviceaccount.com'",
                "credentialsId: 'ci-bot-key-2'");

        ServiceAccountListStep list = new ServiceAccountListStep();
        assertEquals("anyscaleServiceAccountList()", Snippetizer.object2Groovy(list));
        list.setMaxItems(100);
        assertSnippet(r, list, "anyscaleServiceAccountList ", "maxItems: 100");

        ServiceAccountDeleteStep delete = new ServiceAccountDeleteStep();
        delete.setName("ci-bot");
        delete.setRemoveCredentials(true);
        assertSnippet(r, delete, "anyscaleServiceAccountDelete ", "name: 'ci-bot'", "removeCredentials: true");

        RotateApiKeysStep rotate = new RotateApiKeysStep("ci-bot-key");
        rotate.setName("ci-bot");
        assertSnippet(r, rotate, "anyscaleRotateApiKeys ", "name: 'ci-bot'", "credentialsId: 'ci-bot-key'");

        assertEquals(
                "withAnyscale('ci-bot-key') {\n    // some block\n}",
                Snippetizer.object2Groovy(new WithAnyscaleStep("ci-bot-key")));
    }

    private static void assertSnippet(JenkinsRule r, Step step, String start, String... expected) throws Exception {
        String snippet = Snippetizer.object2Groovy(step);
        assertTrue(snippet.startsWith(start), snippet);
        for (String argument : expected) {
            assertTrue(snippet.contains(argument), snippet + " lacks " + argument);
        }
        StepDescriptor descriptor = step.getDescriptor();
        Map<String, Object> arguments =
                new HashMap<>(descriptor.uninstantiate(step).getArguments());
        Step rebuilt = descriptor.newInstance(arguments);
        r.assertEqualDataBoundBeans(step, rebuilt);
    }
}
