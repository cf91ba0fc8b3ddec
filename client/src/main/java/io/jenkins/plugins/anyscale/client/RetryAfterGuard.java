package io.jenkins.plugins.anyscale.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Stops OkHttp from silently re-sending a request that was answered {@code 503} with {@code Retry-After: 0}.
 *
 * <p>OkHttp's own follow-up logic repeats such a request once, POSTs included, before our code sees the answer;
 * a write must reach Anyscale at most once per attempt that we decide on. As a network interceptor this runs
 * before that logic, and moves the header to a private name that {@link ApiCaller} reads instead.
 */
final class RetryAfterGuard implements Interceptor {

    static final String MOVED_HEADER = "X-Anyscale-Client-Retry-After";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header("Retry-After");
        if (response.code() != 503 || retryAfter == null) {
            return response;
        }
        return response.newBuilder()
                .removeHeader("Retry-After")
                .header(MOVED_HEADER, retryAfter)
                .build();
    }

    static String retryAfterOf(Response response) {
        String moved = response.header(MOVED_HEADER);
        return moved != null ? moved : response.header("Retry-After");
    }
}
