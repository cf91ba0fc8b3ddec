package io.jenkins.plugins.anyscale.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer: a status and a JSON body. */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }
}
