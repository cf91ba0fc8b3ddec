package io.jenkins.plugins.anyscale.client;

import okhttp3.Request;

/**
 * Where the API token goes. The server accepts both; {@link #BEARER} is the default (see the README for why).
 */
public enum AuthScheme {
    /** {@code Authorization: Bearer <token>}, as Anyscale's Terraform provider sends it. */
    BEARER {
        @Override
        Request.Builder apply(Request.Builder request, String token) {
            return request.header("Authorization", "Bearer " + token);
        }
    },
    /** {@code Cookie: cli_token=<token>}, as the Python SDK and CLI send it. */
    COOKIE {
        @Override
        Request.Builder apply(Request.Builder request, String token) {
            return request.header("Cookie", "cli_token=" + token);
        }
    };

    abstract Request.Builder apply(Request.Builder request, String token);
}
