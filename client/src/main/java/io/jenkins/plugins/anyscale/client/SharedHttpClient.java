package io.jenkins.plugins.anyscale.client;

import okhttp3.OkHttpClient;

/** The one base {@link OkHttpClient} (connection pool and dispatcher) that clients built without their own share. */
final class SharedHttpClient {

    static final OkHttpClient INSTANCE = new OkHttpClient();

    private SharedHttpClient() {}
}
