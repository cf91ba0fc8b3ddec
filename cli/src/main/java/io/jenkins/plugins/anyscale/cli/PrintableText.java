package io.jenkins.plugins.anyscale.cli;

/**
 * Names and emails from the server made safe to print on a terminal: a control character could move the cursor,
 * recolour or clear the screen, or forge a line of output. Each is shown as {@code ?}. JSON and YAML output does not
 * use this: their libraries escape what they must and keep the value intact.
 */
final class PrintableText {

    static final char REPLACEMENT = '?';

    private PrintableText() {}

    /** The text with every control character replaced. */
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

    /** C0 controls, DEL and C1 controls. */
    static boolean isUnsafe(char c) {
        return Character.isISOControl(c);
    }
}
