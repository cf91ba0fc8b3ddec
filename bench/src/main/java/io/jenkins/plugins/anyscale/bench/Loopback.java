package io.jenkins.plugins.anyscale.bench;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import okhttp3.OkHttpClient;

/**
 * The emulator on loopback (in a process of its own) with the two ways of talking to it: the client, and the
 * hand-written baseline, each with its own connection pool reused across invocations.
 */
final class Loopback implements AutoCloseable {

    final EmulatorProcess emulator;
    final AnyscaleClient client;
    final HandWritten baseline;
    private final OkHttpClient baselineHttp;

    Loopback() {
        emulator = EmulatorProcess.start();
        client = AnyscaleClient.builder()
                .baseUrl(emulator.baseUrl())
                .token(emulator.ownerToken())
                .build();
        baselineHttp = new OkHttpClient();
        baseline = new HandWritten(baselineHttp, emulator.baseUrl(), emulator.ownerToken());
    }

    @Override
    public void close() {
        baselineHttp.connectionPool().evictAll();
        baselineHttp.dispatcher().executorService().shutdown();
        emulator.close();
    }
}
