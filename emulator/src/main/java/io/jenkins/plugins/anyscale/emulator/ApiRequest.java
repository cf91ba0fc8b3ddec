package io.jenkins.plugins.anyscale.emulator;

import com.sun.net.httpserver.Headers;

/** What an endpoint reads of a request: its headers, query parameters and body. */
record ApiRequest(Headers headers, QueryParameters query, byte[] body) {}
