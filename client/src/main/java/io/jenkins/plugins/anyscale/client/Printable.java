package io.jenkins.plugins.anyscale.client;

/**
 * Text that came from elsewhere (names, emails, error details and trace ids sent by the server), made safe to put in
 * a message, a log line or a terminal: every character that could forge a line, move the cursor, start a terminal
 * escape sequence or reorder what is shown is replaced by {@code ?}. Those are the control characters (C0, with tab,
 * line feed, carriage return and escape; DEL; C1), the line and paragraph separators U+2028 and U+2029, and Unicode's
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), with which a name can show as
 * another. Every other character, letters of any script included, is kept.
 */
public final class Printable {

    /** What replaces each character that is not printable. */
    public static final char REPLACEMENT = '?';

    private Printable() {}

    /** The text with every character that is not printable replaced by {@link #REPLACEMENT}; {@code ""} for null. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        int first = firstUnprintable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder printable = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            printable.append(isPrintable(c) ? c : REPLACEMENT);
        }
        return printable.toString();
    }

    /** Whether the character may be shown as it is. */
    public static boolean isPrintable(char c) {
        return !Character.isISOControl(c) && !isLineOrParagraphSeparator(c) && !isBidiControl(c);
    }

    private static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPrintable(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLineOrParagraphSeparator(char c) {
        return c == '\u2028' || c == '\u2029';
    }

    /** Unicode's Bidi_Control characters: the marks, embeddings, overrides and isolates of "Trojan Source". */
    private static boolean isBidiControl(char c) {
        return c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
