package io.jenkins.plugins.anyscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Turns a non-2xx response into the typed exception that says what happened. A body that is not JSON (a proxy's
 * HTML page, an empty body) never hides the status code; a plain-text body is quoted, shortened, an HTML one is not.
 */
final class ErrorMapper {

    private static final int MAX_QUOTED = 300;

    private ErrorMapper() {}

    static AnyscaleException fromResponse(
            String action, int status, String contentType, String body, String traceId, String retryAfterHeader) {
        return fromResponse(action, status, contentType, body, traceId, retryAfterHeader, null);
    }

    /** @param note what the client adds, after the server's detail and before the trace id; or {@code null} */
    static AnyscaleException fromResponse(
            String action,
            int status,
            String contentType,
            String body,
            String traceId,
            String retryAfterHeader,
            String note) {
        String detail = detailOf(contentType, body);
        ErrorContext context =
                ErrorContext.failed(action, reason(status, detail, note, traceId), status, detail, traceId, null);
        if (status == 401) {
            return new UnauthorizedException(context);
        }
        if (status == 403) {
            return new ForbiddenException(context);
        }
        if (status == 404) {
            return new NotFoundException(context);
        }
        if (status == 409 || (status >= 400 && status < 500 && mentionsExisting(detail))) {
            return new ConflictException(context);
        }
        if (status == 429) {
            return new RateLimitedException(context, retryAfter(retryAfterHeader));
        }
        if (status >= 400 && status < 500) {
            return new BadRequestException(context);
        }
        return new ServerErrorException(context);
    }

    static TransportException transport(String action, HttpUrl baseUrl, IOException cause) {
        return new TransportException(ErrorContext.failed(
                action, transportReason(baseUrl, cause), AnyscaleException.NO_STATUS, null, null, cause));
    }

    /**
     * {@code could not connect to <origin> (<why>).} when no connection could be made, otherwise {@code no usable
     * response from <origin> (<what OkHttp said>).}
     */
    private static String transportReason(HttpUrl baseUrl, IOException cause) {
        String origin = Hosts.toOrigin(baseUrl);
        if (ConnectionFailure.is(cause)) {
            return "could not connect to " + origin + " (" + ConnectionFailure.why(cause, baseUrl) + ").";
        }
        // OkHttp may quote what the server sent (an unexpected status line, say).
        String reason =
                cause.getMessage() == null ? cause.getClass().getSimpleName() : Printable.of(cause.getMessage());
        return "no usable response from " + origin + " (" + reason + ").";
    }

    /** Why a call that the server asked to wait ends instead. */
    static String waitTooLong(String retryAfterHeader) {
        return "Anyscale asked to wait before a retry (Retry-After: " + shorten(retryAfterHeader)
                + "), longer than this call may take; try again later.";
    }

    /** {@code HTTP <status> <meaning>: <detail>. <note> (Anyscale trace id: <id>)}, without what is not there. */
    static String reason(int status, String detail, String note, String traceId) {
        StringBuilder m = new StringBuilder("HTTP ").append(status);
        String meaning = meaning(status);
        if (meaning != null) {
            m.append(' ').append(meaning);
        }
        if (detail != null && !detail.isBlank()) {
            m.append(": ").append(detail);
        }
        if (m.charAt(m.length() - 1) != '.') {
            m.append('.');
        }
        if (note != null) {
            m.append(' ').append(note);
        }
        if (traceId != null) {
            m.append(" (Anyscale trace id: ").append(traceId).append(')');
        }
        return m.toString();
    }

    /**
     * Parses {@code Retry-After} as delta-seconds or an HTTP date; {@code null} when absent or unreadable (a negative
     * number, garbage). A number too large for a {@code long} is the longest {@link Duration} there is. Any result
     * may be far beyond what a {@code long} of nanoseconds holds: compare it, never convert it.
     */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException tooLarge) {
                return ChronoUnit.FOREVER.getDuration();
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException notADate) {
            return null; // a negative number too
        }
    }

    private static String detailOf(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode json = Wire.TREE.readTree(trimmed);
                String detail = Wire.errorDetail(json);
                if (detail != null) {
                    return shorten(detail);
                }
            } catch (IOException notJson) {
                // fall through: report it as the non-JSON body it is
            }
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("html") || trimmed.startsWith("<")) {
            return "the response is an HTML page, not Anyscale's JSON (a proxy or gateway may have answered)";
        }
        if (type.contains("json")) {
            return "the response is not the JSON error Anyscale sends";
        }
        return shorten(trimmed);
    }

    private static boolean mentionsExisting(String detail) {
        return detail != null && detail.toLowerCase(Locale.ROOT).contains("already exists");
    }

    /**
     * The server's text as one printable line of at most {@value #MAX_QUOTED} characters: line breaks and other
     * whitespace become single spaces, and control characters cannot reach a log or a terminal.
     */
    private static String shorten(String text) {
        String line = Printable.of(text.strip().replaceAll("\\s+", " "));
        return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "…";
    }

    private static String meaning(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized (the API token is missing, invalid, expired or revoked)";
            case 403 -> "Forbidden (only organization owners may manage service accounts)";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
    }
}
