package io.jenkins.plugins.anyscale.client;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A lazy walk over the pages of {@code organization_collaborators}: fetches a page only when the previous one
 * is used up, follows {@code next_paging_token} until it is null or empty, and holds one page at a time. It yields
 * the wire records, so that a lookup converts only the entries that match.
 */
final class ServiceAccountPages implements Iterator<Wire.Collaborator> {

    /** The server's maximum page size. */
    static final int MAX_PAGE_SIZE = 50;

    /**
     * The most pages one walk reads: 500,000 accounts at 50 a page, far more than an organization has. A server that
     * keeps sending new paging tokens (empty pages, say) would otherwise be followed forever.
     */
    static final int MAX_PAGES = 10_000;

    @FunctionalInterface
    interface PageFetcher {
        Page fetch(String pagingToken, int count);
    }

    record Page(List<Wire.Collaborator> collaborators, String nextPagingToken) {}

    private final PageFetcher fetcher;
    private final String action;
    private final Set<String> seenTokens = new HashSet<>();
    private final int maxPages;
    private int remaining;
    private Iterator<Wire.Collaborator> current = List.<Wire.Collaborator>of().iterator();
    private String nextToken;
    private boolean started;
    private int pagesRead;

    /** @param limit the most accounts to return; pages ask for no more than what is still wanted */
    ServiceAccountPages(PageFetcher fetcher, String action, int limit) {
        this(fetcher, action, limit, MAX_PAGES);
    }

    ServiceAccountPages(PageFetcher fetcher, String action, int limit, int maxPages) {
        this.fetcher = fetcher;
        this.action = action;
        this.remaining = limit;
        this.maxPages = maxPages;
    }

    @Override
    public boolean hasNext() {
        while (remaining > 0 && !current.hasNext()) {
            if (started && nextToken == null) {
                return false;
            }
            fetchNextPage();
        }
        return remaining > 0 && current.hasNext();
    }

    @Override
    public Wire.Collaborator next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        remaining--;
        return current.next();
    }

    /**
     * After the walk: whether it stopped at the limit while the server still offered accounts (entries left on the
     * current page, or a next paging token).
     */
    boolean stoppedAtLimitWithMore() {
        return remaining == 0 && started && (current.hasNext() || nextToken != null);
    }

    private void fetchNextPage() {
        if (started && !seenTokens.add(nextToken)) {
            throw Wire.malformed(action, "the server returned the same paging token twice");
        }
        if (pagesRead == maxPages) {
            throw Wire.malformed(action, "the server still offered more after " + maxPages + " pages");
        }
        pagesRead++;
        Page page = fetcher.fetch(nextToken, Math.min(MAX_PAGE_SIZE, remaining));
        started = true;
        current = page.collaborators().iterator();
        nextToken = page.nextPagingToken();
    }
}
