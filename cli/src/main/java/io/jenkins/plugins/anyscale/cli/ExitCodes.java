package io.jenkins.plugins.anyscale.cli;

/** The command line's exit codes. Anyscale's own CLI exits 0 after a handled error; this one never does. */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;

    /** Anyscale or the network failed, or the key could not be delivered: the message says what state is left. */
    static final int FAILED = 1;

    /** The command line or the configuration is wrong (picocli's convention): nothing was changed. */
    static final int USAGE = 2;

    private ExitCodes() {}
}
