package io.jenkins.plugins.anyscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.AbstractFolderDescriptor;
import com.cloudbees.hudson.plugins.folder.computed.ChildObserver;
import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.model.TopLevelItem;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every branch and pull request of a multibranch project shares the project's credentials store, so a key stored there
 * by {@code main} could be read by any pull request: the steps refuse to store keys in a computed folder's store, and
 * say where to provision instead. A stand-in computed folder plays the multibranch project.
 */
@WithJenkins
@ExtendWith(AnyscaleEmulatorExtension.class)
class MultibranchTest {

    private JenkinsRule r;
    private AnyscaleEmulator emulator;

    @BeforeEach
    void setUp(JenkinsRule rule, AnyscaleEmulator emulator) throws Exception {
        r = rule;
        this.emulator = emulator;
        TestSupport.configure(emulator);
    }

    @Test
    void aBranchNeverStoresAKeyWhereItsPullRequestsCanReadIt() throws Exception {
        BranchesProject app = r.jenkins.createProject(BranchesProject.class, "app");
        app.branches.put("main", "anyscaleServiceAccountCreate name: 'prod-bot', credentialsId: 'prod-key'");
        app.branches.put("PR-1", "echo \"listed=${anyscaleServiceAccountList().collect { it.name }}\"");
        app.scheduleBuild2(0);
        r.waitUntilNoActivity();

        WorkflowRun main = r.buildAndAssertStatus(Result.FAILURE, (WorkflowJob) app.getItem("main"));
        r.assertLogContains(
                "Job 'app/main' belongs to 'app', a multibranch project or organization folder: every branch and pull"
                        + " request of it can read the credentials in its store, so this plugin never stores keys"
                        + " there.",
                main);
        assertEquals(0, emulator.faults().totalRequestCount(), "nothing sent to Anyscale");
        assertTrue(emulator.state().accountNamed("prod-bot").isEmpty());

        // Steps that store nothing still work in branches.
        r.assertLogContains("listed=[]", r.buildAndAssertSuccess((WorkflowJob) app.getItem("PR-1")));
    }

    /** A computed folder whose children are the Pipeline jobs it is told of, as branches of a multibranch project. */
    public static final class BranchesProject extends ComputedFolder<WorkflowJob> {

        final Map<String, String> branches = new TreeMap<>();

        BranchesProject(ItemGroup<?> parent, String name) {
            super(parent, name);
        }

        @Override
        protected void computeChildren(ChildObserver<WorkflowJob> observer, TaskListener listener)
                throws IOException, InterruptedException {
            for (Map.Entry<String, String> branch : branches.entrySet()) {
                String name = branch.getKey();
                try {
                    if (observer.shouldUpdate(name) == null && observer.mayCreate(name)) {
                        WorkflowJob job = new WorkflowJob(this, name);
                        job.setDefinition(definition(branch.getValue()));
                        observer.created(job);
                    }
                } finally {
                    observer.completed(name);
                }
            }
        }

        private static CpsFlowDefinition definition(String script) throws IOException {
            try {
                return new CpsFlowDefinition(script, true);
            } catch (Descriptor.FormException e) {
                throw new IOException(e);
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends AbstractFolderDescriptor {

            @NonNull
            @Override
            public TopLevelItem newInstance(ItemGroup parent, String name) {
                return new BranchesProject(parent, name);
            }
        }
    }
}
