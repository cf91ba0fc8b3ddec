package io.jenkins.plugins.anyscale.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging tokens. A token names the position of the last member of the page it ends, so paging stays
 * stable when accounts are created or deleted between pages.
 */
final class PagingTokens {

    private static final String PREFIX = "after:";

    private PagingTokens() {}

    static String after(long sequence) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token names.
     *
     * @throws ApiError 422 if it is not a token of ours
     */
    static long position(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                long sequence = Long.parseLong(decoded.substring(PREFIX.length()));
                if (sequence >= 0) {
                    return sequence;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours (NumberFormatException is an IllegalArgumentException)
        }
        throw ApiError.unprocessable("Invalid paging_token.");
    }
}
