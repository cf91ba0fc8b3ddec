package io.jenkins.plugins.anyscale.client;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The first service accounts of an organization, in the server's order, up to the limit asked for, and whether the
 * server has more past that limit: a capped listing says so instead of passing for the whole organization.
 */
public final class ServiceAccountList extends AbstractList<ServiceAccount> implements RandomAccess {

    private final List<ServiceAccount> accounts;
    private final boolean more;

    /** @param accounts a list that nobody else holds (it is not copied); this class exposes no way to change it */
    ServiceAccountList(List<ServiceAccount> accounts, boolean more) {
        this.accounts = accounts;
        this.more = more;
    }

    @Override
    public ServiceAccount get(int index) {
        return accounts.get(index);
    }

    @Override
    public int size() {
        return accounts.size();
    }

    /**
     * Whether the listing stopped at the limit while the server still offered accounts (a further page, or more
     * entries on the last page read). Always {@code false} for a limit of 0, which reads nothing.
     */
    public boolean hasMore() {
        return more;
    }
}
