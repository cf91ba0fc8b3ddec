package io.jenkins.plugins.anyscale.cli;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import io.jenkins.plugins.anyscale.client.provisioning.KeySink;
import io.jenkins.plugins.anyscale.client.provisioning.KeyTarget;
import java.util.List;

/**
 * Where the command line delivers a new key: standard output or a key file. It holds one key of one command run, so
 * it keeps none to remove.
 */
interface KeyDestination extends KeySink {

    /** The only target of the command line's sinks: the sink itself says where the key goes. */
    KeyTarget TARGET = new KeyTarget("anyscale-cli-key");

    /**
     * Once the operation is done: prints what is left to print of the command's report, never the key (which, on
     * standard output, went out with the store itself).
     */
    void reportDelivery(ServiceAccount account);

    /** Whether the key goes to a file, which a halt in the middle of the command could leave partly written. */
    default boolean writesFile() {
        return false;
    }

    @Override
    default void checkRemovesKeys() {
        // Nothing to check: a command run keeps no keys.
    }

    @Override
    default List<String> removeKeysOf(ServiceAccount account) {
        return List.of();
    }
}
