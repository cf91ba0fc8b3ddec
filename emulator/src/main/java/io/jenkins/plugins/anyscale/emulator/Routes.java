package io.jenkins.plugins.anyscale.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Maps a method and a path to an endpoint; a trailing slash is optional on every path. */
final class Routes {

    private static final String USERINFO = "/api/v2/userinfo";
    private static final String SERVICE_ACCOUNTS = "/api/v2/users/service_accounts";
    private static final String CREATE_API_KEY = "/api/v2/users/create_api_key";
    private static final String COLLABORATORS = "/api/v2/organization_collaborators";
    private static final String ROTATE = COLLABORATORS + "/rotate_api_key_for_user/";

    private Routes() {}

    /**
     * The route of a request.
     *
     * @param method  the HTTP method
     * @param rawPath the path, still percent-encoded
     * @throws ApiError 404 for an unknown path, 405 for a known path with another method
     */
    static Route resolve(String method, String rawPath) {
        String path =
                rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        switch (path) {
            case USERINFO:
                return only("GET", method, new Route(Endpoint.USERINFO, null));
            case SERVICE_ACCOUNTS:
                return only("POST", method, new Route(Endpoint.CREATE_SERVICE_ACCOUNT, null));
            case CREATE_API_KEY:
                return only("POST", method, new Route(Endpoint.CREATE_API_KEY, null));
            case COLLABORATORS:
                return only("GET", method, new Route(Endpoint.LIST_COLLABORATORS, null));
            default:
                break;
        }
        if (path.startsWith(ROTATE)) {
            String userId = singleSegment(path.substring(ROTATE.length()));
            if (userId != null) {
                return only("POST", method, new Route(Endpoint.ROTATE_API_KEYS, userId));
            }
        } else if (path.startsWith(COLLABORATORS + "/")) {
            String id = singleSegment(path.substring(COLLABORATORS.length() + 1));
            if (id != null) {
                return only("DELETE", method, new Route(Endpoint.DELETE_COLLABORATOR, id));
            }
        }
        throw ApiError.notFound("Not Found");
    }

    private static Route only(String allowed, String method, Route route) {
        if (!allowed.equals(method)) {
            throw ApiError.methodNotAllowed(allowed);
        }
        return route;
    }

    /** The decoded segment, or {@code null} if the rest of the path is empty or has more than one segment. */
    private static String singleSegment(String rest) {
        if (rest.isEmpty() || rest.indexOf('/') >= 0) {
            return null;
        }
        try {
            // Percent-decoding only: in a path '+' is a plus sign.
            return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
