package io.jenkins.plugins.anyscale.client.provisioning;

import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_API_KEY;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_SERVICE_ACCOUNT;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.DELETE_COLLABORATOR;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.LIST_COLLABORATORS;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.ROTATE_API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Access rules: what the patterns match, which patterns are refused, and that a refusal sends nothing. */
class AccessRulesTest {

    static final String WHERE = "Manage Jenkins › System › Anyscale › Access rules";

    @Nested
    class JobPatterns {

        @ParameterizedTest(name = "{0} covers {1}: {2}")
        @CsvSource({
            "team-a/**, team-a/deploy, true",
            "team-a/**, team-a/nightly/main, true",
            "team-a/**, team-a, true",
            "team-a/**, team-ab/deploy, false",
            "team-a/**, other/team-a/deploy, false",
            "team-a/**, Team-A/deploy, false",
            "platform/provision, platform/provision, true",
            "platform/provision, platform/provision-2, false",
            "platform/provision, platform/Provision, false",
            "platform/provision, x/platform/provision, false",
            "*/deploy, team-a/deploy, true",
            "*/deploy, team-a/sub/deploy, false",
            "*/deploy, deploy, false",
            "team-?/deploy, team-a/deploy, true",
            "team-?/deploy, team-ab/deploy, false",
            "team-?/deploy, team-/deploy, false",
            "team-a/deploy-*, team-a/deploy-prod, true",
            "team-a/deploy-*, team-a/deploy-, true",
            "team-a/deploy-*, team-a/deploy-x/y, false",
            "**/deploy, deploy, true",
            "**/deploy, a/b/deploy, true",
            "**/deploy, a/b/deploy-x, false",
            "a/**/deploy, a/deploy, true",
            "a/**/deploy, a/x/y/deploy, true",
            "a/**/deploy, b/x/deploy, false",
            "a/**/**/b, a/b, true",
            "**, anything/at/all, true",
            "*, top, true",
            "*, folder/job, false",
            "a.b/c+d, a.b/c+d, true",
            "a.b/c+d, aXb/ccd, false",
        })
        void match(String pattern, String jobFullName, boolean expected) {
            assertThat(NamePattern.jobs(pattern).matches(jobFullName)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "/team-a", "team-a/", "team-a//x", "team-a**", "a/**b/c", " team-a/**"})
        void badPatternsAreRefusedSayingWhatToFix(String pattern) {
            assertThatThrownBy(() -> NamePattern.jobs(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jobs pattern");
        }

        @Test
        void unsupportedGlobSyntaxIsRefusedNotTakenLiterally() {
            assertThatThrownBy(() -> NamePattern.jobs("team-[ab]/**"))
                    .hasMessage("The jobs pattern 'team-[ab]/**' contains '[': only * and ? are special in these"
                            + " patterns (and ** for jobs).");
            assertThatThrownBy(() -> NamePattern.jobs("team-{a,b}/**")).hasMessageContaining("contains '{'");
            assertThatThrownBy(() -> NamePattern.jobs("team-a\\x")).hasMessageContaining("contains '\\'");
        }

        @Test
        void messagesSayHowToWriteAnyDepth() {
            assertThatThrownBy(() -> NamePattern.jobs("team-a**"))
                    .hasMessage("In the jobs pattern 'team-a**', ** must be a whole path segment, as in team-a/**;"
                            + " use * for any characters within a segment.");
            assertThatThrownBy(() -> NamePattern.jobs("/team-a/**"))
                    .hasMessageContaining("without leading, trailing or double slashes");
        }
    }

    @Nested
    class AccountPatterns {

        @ParameterizedTest(name = "{0} covers {1}: {2}")
        @CsvSource({
            "team-a-*, team-a-bot, true",
            "team-a-*, team-a-, true",
            "team-a-*, team-b-bot, false",
            "team-a-*, TEAM-A-bot, false",
            "team-a-*, x-team-a-bot, false",
            "ci-bot, ci-bot, true",
            "ci-bot, ci-bot2, false",
            "ci-bot, CI-BOT, false",
            "bot-?, bot-1, true",
            "bot-?, bot-12, false",
            "*, anything, true",
            "a/*, a/b/c, true",
            "a.*, a.b, true",
            "a.*, ab, false",
        })
        void match(String pattern, String accountName, boolean expected) {
            assertThat(NamePattern.accounts(pattern).matches(accountName)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", " bot", "bot ", "bot[1]", "bot\\1"})
        void badPatternsAreRefused(String pattern) {
            assertThatThrownBy(() -> NamePattern.accounts(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accounts pattern");
        }
    }

    @Nested
    class Rules {

        final AccessRules rules = new AccessRules(
                List.of(new AccessRule("team-a/**", "team-a-*"), new AccessRule("platform/provision", "*")), WHERE);

        @Test
        void aRuleMustCoverBothTheJobAndTheAccount() {
            assertThat(rules.allows("team-a/deploy", "team-a-bot")).isTrue();
            assertThat(rules.allows("team-a/deploy", "team-b-bot")).isFalse();
            assertThat(rules.allows("team-b/deploy", "team-a-bot")).isFalse();
            assertThat(rules.allows("platform/provision", "team-b-bot")).isTrue();
        }

        @Test
        void aRefusalNamesTheJobTheAccountAndWhereToGrantAccess() {
            assertThatCode(() -> rules.forJob("team-a/deploy").checkMayManage("team-a-bot"))
                    .doesNotThrowAnyException();
            AccountAccessDeniedException refused = (AccountAccessDeniedException)
                    catchDenied(() -> rules.forJob("team-a/deploy").checkMayManage("team-b-bot"));
            assertThat(refused)
                    .hasMessage("Job 'team-a/deploy' may not manage Anyscale service account 'team-b-bot': no access"
                            + " rule covers both this job and this account. Nothing was sent to Anyscale for it. An"
                            + " administrator grants access in " + WHERE + ".");
            assertThat(refused.accountName()).isEqualTo("team-b-bot");
        }

        @Test
        void aRefusalAfterALookupByEmailSaysThatOnlyTheLookupWasSent() {
            AccountAccessDeniedException refused = (AccountAccessDeniedException)
                    catchDenied(() -> rules.forJob("team-a/deploy").checkMayManageLookedUp("team-b-bot"));

            assertThat(refused)
                    .hasMessage("Job 'team-a/deploy' may not manage Anyscale service account 'team-b-bot': no access"
                            + " rule covers both this job and this account. Only its lookup was sent to Anyscale;"
                            + " nothing was changed. An administrator grants access in " + WHERE + ".");
            assertThat(refused.accountName()).isEqualTo("team-b-bot");
        }

        @Test
        void lookingAccountsUpNeedsARuleAboutTheJobWhateverItsAccounts() {
            assertThatCode(() -> rules.forJob("team-a/nightly").checkMayLookUp())
                    .doesNotThrowAnyException();
            assertThatCode(() -> rules.forJob("platform/provision").checkMayLookUp())
                    .doesNotThrowAnyException();
            AccountAccessDeniedException refused = (AccountAccessDeniedException)
                    catchDenied(() -> rules.forJob("team-b/nightly").checkMayLookUp());

            assertThat(refused)
                    .hasMessage("Job 'team-b/nightly' may not manage Anyscale service accounts: no access rule covers"
                            + " this job. Nothing was sent to Anyscale. An administrator grants access in " + WHERE
                            + ".");
            assertThat(refused.accountName()).isNull();
        }

        @Test
        void unrestrictedAccessMayLookAccountsUp() {
            assertThatCode(AccountAccess.UNRESTRICTED::checkMayLookUp).doesNotThrowAnyException();
            assertThatCode(() -> AccountAccess.UNRESTRICTED.checkMayManageLookedUp("any"))
                    .doesNotThrowAnyException();
        }

        @Test
        void aRefusalShowsAnAccountNameFromTheServerPrintably() {
            assertThat(catchDenied(() -> rules.forJob("team-a/deploy")
                            .checkMayManageLookedUp("evil\u001b[2J\r\nJob" + " 'x' may manage \u202eit")))
                    .hasMessageStartingWith("Job 'team-a/deploy' may not manage Anyscale service account"
                            + " 'evil?[2J??Job 'x' may manage ?it': ");
        }

        @Test
        void noRulesMeansNoJobMayManageOrListAnything() {
            AccessRules none = new AccessRules(List.of(), WHERE);
            assertThat(none.isEmpty()).isTrue();
            assertThatThrownBy(() -> none.forJob("platform/provision").checkMayManage("x"))
                    .isInstanceOf(AccountAccessDeniedException.class)
                    .hasMessageContaining("no access rules are configured, so no job may manage service accounts.");
            assertThatThrownBy(() -> none.forJob("platform/provision").checkMayLookUp())
                    .isInstanceOf(AccountAccessDeniedException.class)
                    .hasMessageContaining("no access rules are configured. Nothing was sent to Anyscale.");
            assertThatThrownBy(() -> none.checkMayList("platform/provision"))
                    .isInstanceOf(AccountAccessDeniedException.class)
                    .hasMessage("Job 'platform/provision' may not list Anyscale service accounts: no access rules are"
                            + " configured. An administrator grants access in " + WHERE + ".");
        }

        @Test
        void listingNeedsARuleAboutTheJobWhateverItsAccounts() {
            assertThatCode(() -> rules.checkMayList("team-a/nightly")).doesNotThrowAnyException();
            assertThatCode(() -> rules.checkMayList("platform/provision")).doesNotThrowAnyException();
            assertThatThrownBy(() -> rules.checkMayList("team-b/nightly"))
                    .hasMessageContaining("no access rule covers this job.");
        }

        @Test
        void rulesCompareByTheirPatterns() {
            assertThat(new AccessRule("a/**", "x-*")).isEqualTo(new AccessRule("a/**", "x-*"));
            assertThat(new AccessRule("a/**", "x-*")).isNotEqualTo(new AccessRule("a/**", "y-*"));
            assertThat(new AccessRule("a/**", "x-*").toString()).isEqualTo("jobs 'a/**' may manage accounts 'x-*'");
        }

        private Throwable catchDenied(Runnable r) {
            try {
                r.run();
            } catch (AccountAccessDeniedException e) {
                return e;
            }
            throw new AssertionError("expected a refusal");
        }
    }

    /** The provisioner asks the rules before it sends anything that changes an account. */
    @Nested
    @ExtendWith(AnyscaleEmulatorExtension.class)
    class Provisioning {

        static final KeyTarget TARGET = new KeyTarget("key");

        AnyscaleEmulator anyscale;
        AccessRules rules;
        ServiceAccountProvisioner teamA;
        InMemoryKeySink sink;
        EmulatedAccount foreign;

        @BeforeEach
        void setUp(AnyscaleEmulator emulator) {
            anyscale = emulator;
            rules = new AccessRules(List.of(new AccessRule("team-a/**", "team-a-*")), WHERE);
            teamA = new ServiceAccountProvisioner(
                    client(), ServiceAccountProvisioner.DEFAULT_RECOVERY, rules.forJob("team-a/deploy"));
            sink = new InMemoryKeySink();
            foreign = emulator.state().createServiceAccount("team-b-bot");
            emulator.faults().resetCounts();
        }

        @Test
        void aCoveredAccountIsManaged() {
            teamA.create("team-a-bot", TARGET, sink);
            teamA.rotateApiKeys(ServiceAccountRef.byName("team-a-bot"), TARGET, sink);
            teamA.delete(ServiceAccountRef.byName("team-a-bot"), sink, true);
            assertThat(anyscale.state().accountNamed("team-a-bot")).isEmpty();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isEqualTo(1);
        }

        @Test
        void byNameNothingIsSentAtAll() {
            ServiceAccountRef other = ServiceAccountRef.byName("team-b-bot");
            assertDenied(() -> teamA.create("team-b-new", TARGET, sink));
            assertDenied(() -> teamA.createApiKey(other, TARGET, sink));
            assertDenied(() -> teamA.rotateApiKeys(other, TARGET, sink));
            assertDenied(() -> teamA.delete(other, sink, true));
            assertDenied(() -> teamA.delete(other, sink, false));

            assertThat(anyscale.faults().totalRequestCount()).isZero();
            assertThat(sink.storeCalls()).isZero();
            assertThat(anyscale.state().accountNamed("team-b-new")).isEmpty();
        }

        @Test
        void byEmailOnlyTheLookupIsSentBeforeTheRefusal() {
            ServiceAccountRef other = ServiceAccountRef.byEmail(foreign.email());
            for (Runnable operation : List.<Runnable>of(
                    () -> teamA.createApiKey(other, TARGET, sink),
                    () -> teamA.rotateApiKeys(other, TARGET, sink),
                    () -> teamA.delete(other, sink, true))) {
                assertThat(catchThrowableOfType(AccountAccessDeniedException.class, operation::run))
                        .hasMessage("Job 'team-a/deploy' may not manage Anyscale service account 'team-b-bot': no"
                                + " access rule covers both this job and this account. Only its lookup was sent to"
                                + " Anyscale; nothing was changed. An administrator grants access in " + WHERE + ".");
            }

            assertThat(anyscale.faults().requestCount(LIST_COLLABORATORS)).isEqualTo(3);
            assertThat(anyscale.faults().totalRequestCount()).isEqualTo(3);
            assertThat(anyscale.faults().requestCount(CREATE_API_KEY)).isZero();
            assertThat(anyscale.faults().requestCount(ROTATE_API_KEYS)).isZero();
            assertThat(anyscale.faults().requestCount(DELETE_COLLABORATOR)).isZero();
            assertThat(anyscale.faults().requestCount(CREATE_SERVICE_ACCOUNT)).isZero();
            assertThat(anyscale.state().accountNamed("team-b-bot")).isPresent();
            assertThat(sink.storeCalls()).isZero();
        }

        /**
         * A Jenkinsfile author whose job no rule covers could otherwise learn, from the refusal that follows a lookup,
         * which emails exist and the names behind them.
         */
        @Test
        void byEmailAJobThatNoRuleCoversSendsNothingAndLearnsNothing() {
            ServiceAccountProvisioner uncovered = new ServiceAccountProvisioner(
                    client(), ServiceAccountProvisioner.DEFAULT_RECOVERY, rules.forJob("other/deploy"));
            ServiceAccountRef existing = ServiceAccountRef.byEmail(foreign.email());
            ServiceAccountRef missing =
                    ServiceAccountRef.byEmail("nobody@" + foreign.email().split("@")[1]);
            List<String> refusals = new ArrayList<>();
            for (ServiceAccountRef ref : List.of(existing, missing)) {
                for (Runnable operation : List.<Runnable>of(
                        () -> uncovered.createApiKey(ref, TARGET, sink),
                        () -> uncovered.rotateApiKeys(ref, TARGET, sink),
                        () -> uncovered.delete(ref, sink, true),
                        () -> uncovered.delete(ref, sink, false))) {
                    AccountAccessDeniedException refused =
                            catchThrowableOfType(AccountAccessDeniedException.class, operation::run);
                    assertThat(refused.accountName()).isNull();
                    refusals.add(refused.getMessage());
                }
            }

            assertThat(anyscale.faults().totalRequestCount()).isZero();
            assertThat(refusals)
                    .allSatisfy(message -> assertThat(message)
                            .isEqualTo("Job 'other/deploy' may not manage Anyscale service accounts: no access rule"
                                    + " covers this job. Nothing was sent to Anyscale. An administrator grants access"
                                    + " in " + WHERE + ".")
                            .doesNotContain(foreign.name()));
            assertThat(sink.storeCalls()).isZero();
        }

        @Test
        void byEmailAJobThatARuleCoversMayManageWhatTheRuleAllows() {
            teamA.create("team-a-bot", TARGET, sink);
            String email =
                    anyscale.state().accountNamed("team-a-bot").orElseThrow().email();

            teamA.rotateApiKeys(ServiceAccountRef.byEmail(email), TARGET, sink);

            assertThat(anyscale.state().liveKeys("team-a-bot"))
                    .containsExactly(sink.at(TARGET.id()).orElseThrow().secret());
        }

        private AnyscaleClient client() {
            return AnyscaleClient.builder()
                    .baseUrl(anyscale.baseUrl())
                    .token(anyscale.ownerToken())
                    .build();
        }

        private void assertDenied(Runnable operation) {
            assertThatThrownBy(operation::run)
                    .isInstanceOf(AccountAccessDeniedException.class)
                    .hasMessageContaining("Job 'team-a/deploy' may not manage Anyscale service account 'team-b-");
        }
    }
}
