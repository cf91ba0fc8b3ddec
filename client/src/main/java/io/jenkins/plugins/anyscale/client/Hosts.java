package io.jenkins.plugins.anyscale.client;

import okhttp3.HttpUrl;

/** Validation of the Anyscale host: an http(s) origin and nothing more, so the token goes where it is meant to. */
public final class Hosts {

    private Hosts() {}

    /**
     * Checks that {@code url} is an http(s) origin and returns it without a trailing slash.
     *
     * @throws IllegalArgumentException saying what to fix
     */
    public static String normalize(String url) {
        return toOrigin(parseOrigin(url));
    }

    static HttpUrl parseOrigin(String url) {
        String example = " Use an origin such as " + AnyscaleClient.DEFAULT_BASE_URL + ".";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The Anyscale host is empty." + example);
        }
        HttpUrl parsed = HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException("The Anyscale host is not an http:// or https:// URL." + example);
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new IllegalArgumentException("The Anyscale host must not contain a user name or password." + example);
        }
        if (!"/".equals(parsed.encodedPath()) || parsed.query() != null || parsed.fragment() != null) {
            throw new IllegalArgumentException("The Anyscale host '" + parsed.scheme() + "://" + parsed.host()
                    + "' must have no path, query or fragment: calls go to its /api/v2/." + example);
        }
        return parsed;
    }

    static String toOrigin(HttpUrl url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
