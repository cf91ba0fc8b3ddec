package io.jenkins.plugins.anyscale.client.provisioning;

import io.jenkins.plugins.anyscale.client.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a provisioning operation did: which account, which target, what had to be retried or resolved on the way.
 * Holds no secret, so steps may log it and return it.
 *
 * @param target where the key went; {@code null} for {@link Operation#DELETE}
 * @param targetDescription the sink's description of the target, or {@code null}
 * @param notes retries and recoveries on the way, e.g. {@code storing the key was retried 1 time}
 * @param removedKeys for {@link Operation#DELETE}: the stored keys removed with the account
 */
public record ProvisioningOutcome(
        Operation operation,
        ServiceAccount account,
        KeyTarget target,
        String targetDescription,
        List<String> notes,
        List<String> removedKeys) {

    public enum Operation {
        CREATE,
        CREATE_API_KEY,
        ROTATE_API_KEYS,
        DELETE
    }

    public ProvisioningOutcome {
        notes = List.copyOf(notes);
        removedKeys = List.copyOf(removedKeys);
    }

    /** One line saying what was done, for a build log. */
    public String summary() {
        String who = "service account " + account.describe();
        String line =
                switch (operation) {
                    case CREATE -> "Created " + who + "; its API key is stored in " + targetDescription + ".";
                    case CREATE_API_KEY ->
                        "Created another API key for " + who + "; it is stored in " + targetDescription
                                + ". The account's older keys still work.";
                    case ROTATE_API_KEYS ->
                        "Rotated the API keys of " + who + ": every older key is revoked; the new key is"
                                + " stored in " + targetDescription + ".";
                    case DELETE ->
                        "Deleted " + who
                                + (removedKeys.isEmpty()
                                        ? "."
                                        : "; removed its stored API keys: " + String.join(", ", removedKeys) + ".");
                };
        return notes.isEmpty() ? line : line + " (" + String.join("; ", notes) + ")";
    }

    /**
     * The account's {@link ServiceAccount#toPipelineMap()}, plus {@code credentialsId} where a key was stored,
     * and {@code removedCredentials} for a delete.
     */
    public Map<String, Object> toPipelineMap() {
        Map<String, Object> map = account.toPipelineMap();
        if (target != null) {
            map.put("credentialsId", target.id());
        }
        if (operation == Operation.DELETE) {
            map.put("removedCredentials", new ArrayList<>(removedKeys));
        }
        return map;
    }
}
