package io.jenkins.plugins.anyscale.client.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a jobs pattern reaches beyond the folders it names: what the form's check warns administrators about. */
class NamePatternReachTest {

    @ParameterizedTest(name = "{0}: top level {1}")
    @CsvSource({
        "*, true",
        "**, true",
        "deploy-*, true",
        "team-a/**, true", // ** matches no segment: a top-level job named team-a
        "**/deploy, true",
        "team-a/*, false",
        "team-a/deploy, false",
        "*/deploy, false",
        "team-a/**/deploy, false",
        "team-a/**/**, true",
    })
    void topLevelJobs(String pattern, boolean topLevel) {
        assertThat(NamePattern.jobs(pattern).canMatchTopLevelJobs()).isEqualTo(topLevel);
        // The claim agrees with the matching itself, for a top-level job named after the pattern's parts.
        if (!topLevel) {
            assertThat(NamePattern.jobs(pattern).matches("team-a")).isFalse();
            assertThat(NamePattern.jobs(pattern).matches("deploy")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}: folder {1}")
    @CsvSource({
        "team-a/**, team-a",
        "team-a/deploy-*, team-a",
        "team-a/nightly/main, team-a",
        "team-?/**, ''",
        "*/deploy, ''",
        "**/deploy, ''",
        "deploy, ''",
        "**, ''",
    })
    void leadingFolder(String pattern, String folder) {
        assertThat(NamePattern.jobs(pattern).leadingFolder().orElse("")).isEqualTo(folder);
    }

    @ParameterizedTest
    @CsvSource({"*", "team-a-*", "ci-bot"})
    void accountPatternsReachNoJobs(String pattern) {
        assertThat(NamePattern.accounts(pattern).canMatchTopLevelJobs()).isFalse();
        assertThat(NamePattern.accounts(pattern).leadingFolder()).isEmpty();
    }
}
