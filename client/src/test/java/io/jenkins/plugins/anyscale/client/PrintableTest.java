package io.jenkins.plugins.anyscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(
            ints = {
                0x00, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x061c,
                0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069
            })
    void replacesEachCharacterThatCouldForgeALineOrReorderText(int codePoint) {
        String text = "a" + (char) codePoint + "b";

        assertThat(Printable.of(text)).isEqualTo("a?b");
        assertThat(Printable.isPrintable((char) codePoint)).isFalse();
    }

    @Test
    void replacesEveryOneOfThemNotOnlyTheFirst() {
        assertThat(Printable.of("\u001b[31mred\u001b[0m\r\nJob 'x' succeeded\u202e"))
                .isEqualTo("?[31mred?[0m??Job 'x' succeeded?");
    }

    @Test
    void keepsLettersOfEveryScriptSymbolsAndSurrogatePairs() {
        String text = "Zoë ci-bot 名前 مرحبا Ωmega 🙂 a.b+c@d-e_f ~!#$%^&*()[]{}|\\/<>,;:'\" ";

        assertThat(Printable.of(text)).isSameAs(text);
    }

    @Test
    void nullIsShownAsNothing() {
        assertThat(Printable.of(null)).isEmpty();
    }
}
