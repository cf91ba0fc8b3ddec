package io.jenkins.plugins.anyscale.client;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Validation of the Anyscale host: an https origin and nothing more, so the token goes where it is meant to and
 * nobody on the way can read it. Plain http is accepted for loopback only (a local emulator), where the token never
 * leaves the machine.
 */
public final class Hosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Hosts() {}

    /**
     * Checks that {@code url} is an https origin, or an http origin on loopback, and returns it without a trailing
     * slash.
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
        if (!parsed.isHttps() && !isLoopback(parsed.host())) {
            throw new IllegalArgumentException("The Anyscale host '" + parsed.scheme() + "://" + parsed.host()
                    + "' uses plain http, which would send the API token unencrypted. Use https://; http:// is"
                    + " accepted only for a local emulator on loopback (localhost, 127.0.0.1, [::1]).");
        }
        return parsed;
    }

    /**
     * Whether a valid origin is on loopback, where plain http is accepted. A caller that routes calls through a proxy
     * should call such an origin directly: through a proxy, the token would leave the machine after all.
     *
     * @throws IllegalArgumentException if {@code origin} is not a valid origin
     */
    public static boolean isLoopbackOrigin(String origin) {
        return isLoopback(parseOrigin(origin).host());
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code ::1}, as written: nothing is resolved. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("::1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    static String toOrigin(HttpUrl url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
