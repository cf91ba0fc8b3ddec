package io.jenkins.plugins.anyscale.cli;

/**
 * Text from the server (names, emails, error details, trace ids) made safe to print on a terminal: a control character
 * could move the cursor, recolour or clear the screen, or forge a line of output, and a bidirectional override could
 * make a name read as another. Each such character is shown as {@code ?}. JSON and YAML output does not use this: their
 * libraries escape what they must and keep the value intact.
 */
final class PrintableText {

    static final char REPLACEMENT = '?';

    private PrintableText() {}

    /** The text with every control, bidirectional-control and line- or paragraph-separator character replaced. */
    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(isUnsafe(c) ? REPLACEMENT : c);
        }
        return s.toString();
    }

    /**
     * C0 controls, DEL and C1 controls ({@link Character#isISOControl}), the bidirectional embeddings and overrides
     * U+202A to U+202E, the isolates U+2066 to U+2069, and the line and paragraph separators U+2028 and U+2029.
     */
    static boolean isUnsafe(char c) {
        return Character.isISOControl(c)
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028'
                || c == '\u2029';
    }
}
