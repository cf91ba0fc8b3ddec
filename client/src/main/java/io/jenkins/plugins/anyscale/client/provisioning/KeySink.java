package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.ApiKey;
import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.List;

/**
 * Where minted keys go, the moment they exist. The Jenkins plugin implements it with credential stores; tests
 * implement it in memory. {@link ServiceAccountProvisioner} calls {@link #checkAccepts} before anything that mints
 * or revokes a key, so a target that cannot take the key stops the operation before Anyscale is touched.
 */
public interface KeySink {

    /**
     * Confirms that a key of {@code owner} may be stored at {@code target}: the store exists, writing to it is
     * allowed, and the target is free or holds a key of this same account.
     *
     * @throws KeyTargetRefusedException saying what to fix, if not
     */
    void checkAccepts(KeyTarget target, KeyOwner owner);

    /**
     * Stores the key at the target, replacing what is there in one step so that consumers switch at once.
     *
     * @throws KeySinkException if it could not; the message must not contain the key
     */
    void store(KeyTarget target, ApiKey key);

    /**
     * Confirms that {@link #removeKeysOf} could do its work: the store exists and removing from it is allowed.
     * {@link ServiceAccountProvisioner#delete} calls it before anything is sent, so that an account is never
     * deleted while its stored keys cannot be.
     *
     * @throws KeyTargetRefusedException saying what to fix, if not
     */
    void checkRemovesKeys();

    /**
     * Removes every key this sink holds for the account.
     *
     * @return a description of each removed key, for the outcome
     */
    List<String> removeKeysOf(ServiceAccount account);

    /** Where the target lives, for messages, e.g. {@code credential 'ci-key' in folder 'team-a'}. */
    String describe(KeyTarget target);

    /**
     * What identifies the target across every sink of this process that writes the same place, e.g. the store and
     * the credential ID: {@link ServiceAccountProvisioner} serializes operations on equal lock keys, so that two
     * operations never interleave on one stored key, whichever accounts they are about. The default, the sink's class
     * and the ID, suits a sink that has one store.
     */
    default String lockKey(KeyTarget target) {
        return getClass().getName() + "\n" + target.id();
    }
}
