package io.jenkins.plugins.anyscale.emulator;

import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the caller of a request from its token, sent as {@code Authorization: Bearer <token>} (as the
 * Terraform provider does) or as {@code Cookie: cli_token=<token>} (as the SDK does).
 */
final class Authenticator {

    private static final String BEARER = "bearer ";
    private static final String COOKIE_NAME = "cli_token";

    private final EmulatorState state;

    Authenticator(EmulatorState state) {
        this.state = state;
    }

    /**
     * The caller.
     *
     * @throws ApiError 401 when no token is sent or none authenticates
     */
    Caller authenticate(Headers headers) {
        List<String> tokens = tokensOf(headers);
        if (tokens.isEmpty()) {
            throw ApiError.unauthorized(
                    "Not authenticated: send Authorization: Bearer <token> or Cookie: cli_token=<token>.");
        }
        for (String token : tokens) {
            Optional<Caller> caller = state.callerOf(token);
            if (caller.isPresent()) {
                return caller.get();
            }
        }
        throw ApiError.unauthorized("Invalid or expired token.");
    }

    /** The organization owner. @throws ApiError 401 or 403 */
    Caller authenticateOwner(Headers headers) {
        Caller caller = authenticate(headers);
        if (!caller.owner()) {
            throw ApiError.permissionDenied();
        }
        return caller;
    }

    static List<String> tokensOf(Headers headers) {
        List<String> tokens = new ArrayList<>(2);
        for (String value : headers.getOrDefault("Authorization", List.of())) {
            String trimmed = value.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
                String token = trimmed.substring(BEARER.length()).trim();
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        for (String value : headers.getOrDefault("Cookie", List.of())) {
            for (String cookie : value.split(";")) {
                int eq = cookie.indexOf('=');
                if (eq > 0 && cookie.substring(0, eq).trim().equals(COOKIE_NAME)) {
                    String token = unquote(cookie.substring(eq + 1).trim());
                    if (!token.isEmpty()) {
                        tokens.add(token);
                    }
                }
            }
        }
        return tokens;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
