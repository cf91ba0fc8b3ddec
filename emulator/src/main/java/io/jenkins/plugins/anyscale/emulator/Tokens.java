package io.jenkins.plugins.anyscale.emulator;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Generates secrets (API keys) and non-secret identifiers (ids, trace ids). */
final class Tokens {

    private static final char[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private Tokens() {}

    /** A new API key: {@code aph0_} and 40 random URL-safe characters from a {@link SecureRandom}. */
    static String apiKey() {
        char[] chars = new char[40];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = URL_SAFE[SECURE_RANDOM.nextInt(URL_SAFE.length)];
        }
        return "aph0_" + new String(chars);
    }

    /** A random identifier: the prefix and {@code length} lower-case letters and digits. Not a secret. */
    static String identifier(String prefix, int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            sb.append(LOWER_ALNUM[random.nextInt(LOWER_ALNUM.length)]);
        }
        return sb.toString();
    }

    /** A trace id for the {@code x-trace-id} header: 32 hex digits. */
    static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = HEX[random.nextInt(16)];
        }
        return new String(chars);
    }
}
