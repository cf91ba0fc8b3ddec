package io.jenkins.plugins.anyscale.client;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Anyscale API for one host and one token: immutable, thread-safe, and cheap to share. Every client built
 * without {@link Builder#httpClient} shares one connection pool; one built with it shares that client's pool.
 *
 * <pre>{@code
 * AnyscaleClient client = AnyscaleClient.builder().token(apiToken).build();
 * ApiKey key = client.serviceAccounts().create("ci-bot");
 * }</pre>
 */
public final class AnyscaleClient {

    public static final String DEFAULT_BASE_URL = "https://console.anyscale.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final ApiCaller api;
    private final ServiceAccounts serviceAccounts;

    private AnyscaleClient(Builder b) {
        HttpUrl url = Hosts.parseOrigin(b.baseUrl);
        this.baseUrl = Hosts.toOrigin(url);
        OkHttpClient base = b.httpClient != null ? b.httpClient : SharedHttpClient.INSTANCE;
        OkHttpClient http = base.newBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                // Writes must reach Anyscale at most once per attempt that this client decides on, and the token
                // must never follow a redirect: OkHttp's own silent retries and redirects are off.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .addNetworkInterceptor(new RetryAfterGuard())
                .build();
        this.api = new ApiCaller(http, url, b.authScheme, b.token, b.userAgent, b.retryPolicy);
        this.serviceAccounts = new ServiceAccounts(api);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service-account operations. */
    public ServiceAccounts serviceAccounts() {
        return serviceAccounts;
    }

    /** Who the token authenticates as ({@code GET /api/v2/userinfo/}); the SDK's token check. */
    public UserInfo userInfo() {
        String action = "Checking the Anyscale API token";
        return Wire.userInfo(
                api.get(
                        action,
                        api.url("api/v2/userinfo/").build(),
                        ApiCaller.Retry.SAFE,
                        ApiCaller.json(Wire.USER_INFO)),
                action);
    }

    /** The origin calls go to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String toString() {
        return "AnyscaleClient[" + baseUrl + "]";
    }

    /** Builds an {@link AnyscaleClient}; only {@link #token} is required. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String token;
        private OkHttpClient httpClient;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private AuthScheme authScheme = AuthScheme.BEARER;
        private String userAgent = "anyscale-client-java/" + Version.CURRENT;

        private Builder() {}

        /** An https origin such as {@code https://console.anyscale.com} (plain http on loopback only); no path, query or user info. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The Anyscale API token (an organization owner's key to manage service accounts). Required. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** A client whose connection pool, dispatcher, proxy and interceptors to reuse. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Also the write timeout: the longest silence on an open connection. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** The longest one HTTP call may take, connecting and reading included. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder authScheme(AuthScheme authScheme) {
            this.authScheme = Objects.requireNonNull(authScheme, "authScheme");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the token is missing or not a single header-safe word, or the base
         *     URL is not an http(s) origin; the message says what to fix and never repeats the token
         */
        public AnyscaleClient build() {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("An Anyscale API token is required.");
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c <= ' ' || c >= 0x7f) {
                    throw new IllegalArgumentException(
                            "The Anyscale API token contains whitespace or non-ASCII characters; copy it again.");
                }
            }
            return new AnyscaleClient(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
