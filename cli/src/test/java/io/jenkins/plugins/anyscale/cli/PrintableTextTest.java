package io.jenkins.plugins.anyscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTextTest {

    @ParameterizedTest
    @ValueSource(
            chars = {
                '\u0000',
                '\u0007',
                '\n',
                '\r',
                '\u001b',
                '\u001f', // C0
                '\u007f', // DEL
                '\u0080',
                '\u009b',
                '\u009f', // C1 (U+009B is the one-byte CSI)
                '\u202a',
                '\u202b',
                '\u202c',
                '\u202d',
                '\u202e', // embeddings and overrides
                '\u2066',
                '\u2067',
                '\u2068',
                '\u2069', // isolates
                '\u2028',
                '\u2029' // line and paragraph separators
            })
    void replacesEveryCharacterThatCouldMoveTheCursorOrReorderTheText(char unsafe) {
        assertThat(PrintableText.of("ci" + unsafe + "bot")).isEqualTo("ci?bot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci-bot", "Zoë's bot", "ci_bot@org-org_1.serviceaccount.com", "日本語", "a\u200db"})
    void keepsOrdinaryText(String text) {
        assertThat(PrintableText.of(text)).isEqualTo(text);
    }
}
