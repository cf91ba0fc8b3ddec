package io.jenkins.plugins.anyscale.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;

/**
 * A connection that could not be made (refused, no route, unknown host): the request was never sent. Says why in
 * the words of the system, without OkHttp's {@code Failed to connect to /127.0.0.1:8090} (an {@code
 * InetSocketAddress}, stray slash included), which would repeat the origin of the message; the address it tried is
 * named only when it is not the origin's, as a proxy's is.
 */
final class ConnectionFailure {

    private static final String OKHTTP_PREFIX = "Failed to connect to ";

    private ConnectionFailure() {}

    static boolean is(Throwable failure) {
        return failure instanceof ConnectException
                || failure instanceof NoRouteToHostException
                || failure instanceof UnknownHostException;
    }

    /** {@code Connection refused}, {@code Connection refused at proxy:3128}, {@code unknown host}. */
    static String why(Throwable failure, HttpUrl origin) {
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        String why = Printable.of(innermost(failure).getMessage());
        if (why.isEmpty() || why.startsWith(OKHTTP_PREFIX)) {
            why = "connection failed";
        }
        String tried = addressTried(failure.getMessage());
        return tried == null || isAddressOf(tried, origin) ? why : why + " at " + tried;
    }

    /**
     * The address in OkHttp's {@code Failed to connect to host/1.2.3.4:443}, as {@code host:443}, or {@code
     * 1.2.3.4:443} when it has no name; {@code null} when the message is not of that form.
     */
    private static String addressTried(String message) {
        if (message == null || !message.startsWith(OKHTTP_PREFIX)) {
            return null;
        }
        String address = Printable.of(message.substring(OKHTTP_PREFIX.length()));
        int slash = address.indexOf('/');
        int colon = address.lastIndexOf(':');
        if (slash < 0 || colon < slash) {
            return address;
        }
        String name = address.substring(0, slash);
        return (name.isEmpty() ? address.substring(slash + 1, colon) : name) + address.substring(colon);
    }

    private static boolean isAddressOf(String address, HttpUrl origin) {
        return address.equalsIgnoreCase(origin.host() + ":" + origin.port())
                || address.equalsIgnoreCase("[" + origin.host() + "]:" + origin.port());
    }

    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
