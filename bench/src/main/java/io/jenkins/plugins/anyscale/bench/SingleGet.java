package io.jenkins.plugins.anyscale.bench;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The floor of a JVM command line that lists service accounts: one GET of the list endpoint with OkHttp and a bearer
 * token, the body printed as it came. No JSON parsing, no argument parsing, no error mapping. {@code bench/cli-startup.sh}
 * times this process next to {@code java -jar cli/target/anyscale-cli.jar service-account list}.
 *
 * <p>Reads {@code ANYSCALE_HOST} and {@code ANYSCALE_CLI_TOKEN}, as the command line does.
 */
public final class SingleGet {

    private SingleGet() {}

    public static void main(String[] args) throws Exception {
        String host = System.getenv("ANYSCALE_HOST");
        String token = System.getenv("ANYSCALE_CLI_TOKEN");
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder()
                .url(host + "/api/v2/organization_collaborators/?is_service_account=true&count=20")
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build();
        try (Response response = http.newCall(request).execute()) {
            System.out.println(response.body().string());
            if (!response.isSuccessful()) {
                System.exit(1);
            }
        }
        // OkHttp's pool and dispatcher threads are daemons; exit at once as the command line does.
        System.exit(0);
    }
}
