package io.jenkins.plugins.anyscale.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/**
 * The five service-account operations of the Anyscale SDK, plus the single calls they are made of (for the
 * provisioning layer) and a lazy iteration over all accounts. Thread-safe.
 */
public final class ServiceAccounts {

    private static final String COLLABORATORS = "api/v2/organization_collaborators/";

    /** The most accounts {@link #list} returns in one call; {@link #all()} has no limit. */
    public static final int MAX_LIST_ITEMS = 10_000;

    private final ApiCaller api;

    ServiceAccounts(ApiCaller api) {
        this.api = api;
    }

    // ---- the SDK's five operations ----

    /**
     * Creates a service account and mints its first API key (two calls). This plain operation does not clean
     * up when the second call fails; {@code ServiceAccountProvisioner} does. A failed mint that may have made a key
     * says so.
     */
    public ApiKey create(String name) {
        return mintWarningOfAnUnheldKey(createAccount(name));
    }

    /**
     * Finds the account, then mints another key; its older keys stay valid. A failed mint that may have made a key
     * says so.
     */
    public ApiKey createApiKey(ServiceAccountRef ref) {
        return mintWarningOfAnUnheldKey(find(ref));
    }

    /**
     * The first {@code maxItems} service accounts, in server order, fetching only as many pages as needed; the
     * result tells whether the server has more.
     *
     * @throws IllegalArgumentException if {@code maxItems} is negative or above {@link #MAX_LIST_ITEMS}, before any
     *     request
     */
    public ServiceAccountList list(int maxItems) {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must be 0 or more, got " + maxItems + ".");
        }
        if (maxItems > MAX_LIST_ITEMS) {
            throw new IllegalArgumentException("maxItems must be at most " + MAX_LIST_ITEMS + ", got " + maxItems
                    + ". To go through every account, iterate over all() instead.");
        }
        String action = "Listing service accounts";
        List<ServiceAccount> accounts = new ArrayList<>(Math.min(maxItems, 1024));
        ServiceAccountPages pages = pages(null, null, maxItems, action);
        pages.forEachRemaining(c -> accounts.add(Wire.listed(c, action)));
        return new ServiceAccountList(accounts, pages.stoppedAtLimitWithMore());
    }

    /** Finds the account, then deletes it; its keys stop working. */
    public void delete(ServiceAccountRef ref) {
        deleteAccount(find(ref));
    }

    /**
     * Finds the account, revokes all its keys, then mints a new one. Every older key stops working. A failed mint that
     * may have made a key says so.
     */
    public ApiKey rotateApiKeys(ServiceAccountRef ref) {
        ServiceAccount account = find(ref);
        revokeApiKeys(account);
        return mintWarningOfAnUnheldKey(account);
    }

    // ---- lookups and iteration ----

    /** Every service account, page by page as the iteration advances. Each {@code iterator()} starts over. */
    public Iterable<ServiceAccount> all() {
        String action = "Listing service accounts";
        return () -> new Iterator<>() {
            private final ServiceAccountPages pages = pages(null, null, Integer.MAX_VALUE, action);

            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public ServiceAccount next() {
                return Wire.listed(pages.next(), action);
            }
        };
    }

    /** {@link #all()} as a sequential stream. */
    public Stream<ServiceAccount> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(all().iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /**
     * The one account whose name or email equals the ref's exactly. The server's filter matches parts of names,
     * so every page of its matches is read and filtered here.
     *
     * @throws ServiceAccountNotFoundException if none matches
     * @throws AmbiguousServiceAccountException if several do
     */
    public ServiceAccount find(ServiceAccountRef ref) {
        return findIfExists(ref)
                .orElseThrow(() -> new ServiceAccountNotFoundException(
                        ErrorContext.of("No service account " + ref.describe() + " found.")));
    }

    /** Like {@link #find} but empty when no account matches. */
    public Optional<ServiceAccount> findIfExists(ServiceAccountRef ref) {
        String action = "Looking up service account " + ref.describe();
        List<ServiceAccount> matches = new ArrayList<>(1);
        // Only exact matches are converted (and validated): the server's partial matches may be thousands.
        pages(ref.name(), ref.email(), Integer.MAX_VALUE, action).forEachRemaining(c -> {
            if (c != null && ref.matches(c.name(), c.email())) {
                matches.add(Wire.listed(c, action));
            }
        });
        if (matches.size() > 1) {
            throw new AmbiguousServiceAccountException(ErrorContext.of("More than one service account "
                    + ref.describe() + " exists: "
                    + matches.stream().map(ServiceAccount::describe).collect(Collectors.joining(", "))
                    + ". Identify it by "
                    + (ref.name() != null ? "email" : "name") + " instead."));
        }
        return matches.stream().findFirst();
    }

    // ---- single calls ----

    /**
     * Creates the account only ({@code POST users/service_accounts}). The result has no identity {@code id}
     * (the endpoint does not return one); {@link #deleteAccount} looks it up when needed.
     *
     * <p>When the connection fails once made, the request may or may not have been applied: the account is looked up and
     * the error says which. The request is never repeated here. An interrupted call is not looked into: the {@link
     * InterruptedOperationException} says the account may or may not exist. A {@link ConflictException} on a retry
     * (the first attempt was answered 503) says that the first attempt may have created the account.
     */
    public ServiceAccount createAccount(String name) {
        ServiceAccountRef.requireName(name);
        String action = "Creating service account '" + Printable.of(name) + "'";
        HttpUrl url = api.url("api/v2/users/service_accounts")
                .addQueryParameter("name", name)
                .build();
        try {
            return Wire.created(
                    api.postEmpty(action, url, ApiCaller.Retry.WRITE, ApiCaller.json(Wire.CREATED_ACCOUNT)), action);
        } catch (InterruptedOperationException e) {
            throw e;
        } catch (TransportException e) {
            if (e.isConnectionFailure()) {
                throw e; // never sent
            }
            throw explainUncertainCreate(name, e);
        } catch (ConflictException e) {
            if (e.attempts() == 1) {
                throw e;
            }
            ConflictException explained = new ConflictException(ErrorContext.of(e)
                    .plus("An earlier attempt of this request was answered as failed, and may have created the"
                            + " account itself."));
            explained.attempts(e.attempts());
            throw explained;
        }
    }

    /**
     * Mints one more API key for the account ({@code POST users/create_api_key}, 100 years, as the SDK does). Only a
     * {@code 429} is retried: a repeated mint that Anyscale had applied would make a second key. After a 5xx, a dropped
     * connection or an unreadable answer, a key may exist: {@link #mayHaveMinted} tells such failures. This single
     * call leaves saying so to its caller (the operations above, or the provisioning layer, which knows more).
     */
    public ApiKey mintApiKey(ServiceAccount account) {
        String action = "Creating an API key for service account '" + Printable.of(account.name()) + "'";
        String secret = Wire.mintedSecret(
                api.postJson(
                        action,
                        api.url("api/v2/users/create_api_key").build(),
                        new Wire.MintRequest(Wire.KEY_DURATION_SECONDS, account.userId()),
                        ApiCaller.Retry.RATE_LIMITED_ONLY,
                        ApiCaller.json(Wire.MINTED_KEY)),
                action);
        return new ApiKey(secret, account);
    }

    /**
     * Whether a failed mint may still have made a key: the answer did not say it was refused, and the request may have
     * been sent.
     */
    public static boolean mayHaveMinted(AnyscaleException failure) {
        if (failure instanceof InterruptedOperationException interrupted) {
            return interrupted.mayHaveReachedAnyscale();
        }
        if (failure instanceof TransportException transport) {
            return !transport.isConnectionFailure();
        }
        return failure instanceof ServerErrorException || failure instanceof MalformedResponseException;
    }

    /** Mints a key; a failure that may have made one says that a key may exist that nothing holds. */
    private ApiKey mintWarningOfAnUnheldKey(ServiceAccount account) {
        try {
            return mintApiKey(account);
        } catch (AnyscaleException e) {
            if (!mayHaveMinted(e)) {
                throw e;
            }
            ErrorContext warned = ErrorContext.of(e)
                    .plus("A key may have been created that nothing holds; rotating the account's API keys revokes"
                            + " it.");
            if (e instanceof InterruptedOperationException) {
                throw new InterruptedOperationException(warned, true);
            }
            if (e instanceof TransportException) {
                throw new TransportException(warned);
            }
            if (e instanceof MalformedResponseException) {
                throw new MalformedResponseException(warned);
            }
            throw new ServerErrorException(warned);
        }
    }

    /**
     * Revokes every API key of the account ({@code POST organization_collaborators/rotate_api_key_for_user}).
     * Harmless to repeat, so it is retried like a read.
     */
    public void revokeApiKeys(ServiceAccount account) {
        String action = "Revoking the API keys of service account '" + Printable.of(account.name()) + "'";
        HttpUrl url = api.url(COLLABORATORS + "rotate_api_key_for_user")
                .addPathSegment(account.userId())
                .build();
        api.postEmpty(action, url, ApiCaller.Retry.SAFE, ApiCaller.ignoreBody());
    }

    /**
     * Deletes the account ({@code DELETE organization_collaborators/<id>}). When the connection fails once made, the
     * account is looked up: gone means done; still there means the request was not applied, and it is sent once
     * more. An interrupted call is neither looked into nor repeated: the {@link InterruptedOperationException} says
     * the account may or may not be deleted.
     */
    public void deleteAccount(ServiceAccount account) {
        ServiceAccount target = account.id() != null ? account : find(ServiceAccountRef.byName(account.name()));
        String action = "Deleting service account '" + Printable.of(target.name()) + "'";
        HttpUrl url = api.url(COLLABORATORS.substring(0, COLLABORATORS.length() - 1))
                .addPathSegment(target.id())
                .build();
        try {
            api.delete(action, url, ApiCaller.Retry.WRITE, ApiCaller.ignoreBody());
        } catch (NotFoundException e) {
            // On a retry (the first attempt was answered 503), a 404 may mean that attempt did delete it after all.
            if (e.attempts() > 1
                    && findIfExists(ServiceAccountRef.byName(target.name())).isEmpty()) {
                return;
            }
            throw e;
        } catch (InterruptedOperationException e) {
            throw e;
        } catch (TransportException e) {
            if (e.isConnectionFailure()) {
                throw e; // never sent
            }
            if (findIfExists(ServiceAccountRef.byName(target.name())).isEmpty()) {
                return; // the connection failed after Anyscale deleted it: gone, which is what was asked
            }
            // Still there, so the request was not applied: sending it once more is not a blind repeat.
            api.delete(action, url, ApiCaller.Retry.WRITE, ApiCaller.ignoreBody());
        }
    }

    ServiceAccountPages.Page fetchPage(String name, String email, String pagingToken, int count, String action) {
        HttpUrl.Builder url = api.url(COLLABORATORS)
                .addQueryParameter("is_service_account", "true")
                .addQueryParameter("count", Integer.toString(count));
        if (name != null) {
            url.addQueryParameter("name", name);
        }
        if (email != null) {
            url.addQueryParameter("email", email);
        }
        if (pagingToken != null) {
            url.addQueryParameter("paging_token", pagingToken);
        }
        Wire.CollaboratorPage page =
                api.get(action, url.build(), ApiCaller.Retry.SAFE, ApiCaller.json(Wire.COLLABORATOR_PAGE));
        return new ServiceAccountPages.Page(Wire.results(page, action), Wire.nextPagingToken(page));
    }

    private ServiceAccountPages pages(String name, String email, int limit, String action) {
        return new ServiceAccountPages((token, count) -> fetchPage(name, email, token, count, action), action, limit);
    }

    private TransportException explainUncertainCreate(String name, TransportException e) {
        String outcome;
        try {
            outcome = findIfExists(ServiceAccountRef.byName(name)).isPresent()
                    ? "The account '" + Printable.of(name) + "' exists now, so the request probably reached Anyscale;"
                            + " no API key was minted for it."
                    : "No account '" + Printable.of(name) + "' exists: nothing was created.";
        } catch (AnyscaleException lookupFailed) {
            outcome = "Whether the account was created is unknown (the lookup failed too).";
        }
        return new TransportException(ErrorContext.of(e).plus(outcome));
    }
}
