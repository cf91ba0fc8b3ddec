package io.jenkins.plugins.anyscale.emulator;

import java.util.Map;

/** An error answer of the API: an HTTP status, the {@code detail} of {@code {"error":{"detail":...}}}, extra headers. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiError(int status, String detail) {
        this(status, detail, Map.of());
    }

    ApiError(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String detail() {
        return getMessage();
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiError unauthorized(String detail) {
        return new ApiError(401, detail);
    }

    static ApiError permissionDenied() {
        return new ApiError(403, "Permission denied");
    }

    static ApiError notFound(String detail) {
        return new ApiError(404, detail);
    }

    static ApiError methodNotAllowed(String allowed) {
        return new ApiError(405, "Method Not Allowed", Map.of("Allow", allowed));
    }

    static ApiError conflict(String detail) {
        return new ApiError(409, detail);
    }

    static ApiError unprocessable(String detail) {
        return new ApiError(422, detail);
    }
}
