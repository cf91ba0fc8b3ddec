package io.jenkins.plugins.anyscale.emulator;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A member of the emulated organization, as the API shows it.
 *
 * @param id              the identity id ({@code idn_...}), used to delete the account
 * @param userId          the user id ({@code usr_...}), used to mint and revoke keys
 * @param name            the account name
 * @param email           the account email
 * @param createdAt       when it was created, in UTC with microsecond precision
 * @param permissionLevel {@code collaborator} for service accounts, {@code owner} for the owner
 */
public record EmulatedAccount(
        String id, String userId, String name, String email, OffsetDateTime createdAt, String permissionLevel) {

    public EmulatedAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(permissionLevel, "permissionLevel");
    }
}
