package io.jenkins.plugins.anyscale.emulator;

import java.util.Locale;

/**
 * A member of the organization as the state keeps it: the account, its position in list order and the
 * lower-cased name and email the case-insensitive filters search.
 */
record Member(long sequence, EmulatedAccount account, boolean serviceAccount, String lowerName, String lowerEmail) {

    static Member of(long sequence, EmulatedAccount account, boolean serviceAccount) {
        return new Member(
                sequence,
                account,
                serviceAccount,
                account.name().toLowerCase(Locale.ROOT),
                account.email().toLowerCase(Locale.ROOT));
    }
}
