package io.jenkins.plugins.anyscale.emulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The emulated organization: its owner, its service accounts and their live API keys. Thread-safe; every
 * operation is atomic. Tests read it for assertions and may seed it directly, without HTTP.
 */
public final class EmulatorState {

    static final String COLLABORATOR = "collaborator";
    static final String OWNER = "owner";

    private final String organizationId;
    private final String ownerToken;
    private final Member owner;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<Long, Member> serviceAccountsInOrder = new TreeMap<>();
    private final Map<String, Member> byName = new HashMap<>();
    private final Map<String, Member> byId = new HashMap<>();
    private final Map<String, Member> byUserId = new HashMap<>();
    private final Map<String, String> userIdOfKey = new HashMap<>();
    private final Map<String, Set<String>> keysOfUserId = new HashMap<>();
    private long nextSequence = 1;

    EmulatorState(String organizationId, String ownerToken) {
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId");
        this.ownerToken = Objects.requireNonNull(ownerToken, "ownerToken");
        EmulatedAccount ownerAccount = new EmulatedAccount(
                Tokens.identifier("idn_", 24),
                Tokens.identifier("usr_", 24),
                "Organization Owner",
                "owner@example.com",
                now(),
                OWNER);
        this.owner = Member.of(0, ownerAccount, false);
    }

    String organizationId() {
        return organizationId;
    }

    /** The organization owner, a human user. */
    EmulatedAccount owner() {
        return owner.account();
    }

    // ---------------------------------------------------------------- reading, for assertions

    /** The service accounts, in list order (creation order). */
    public List<EmulatedAccount> accounts() {
        return read(() -> {
            List<EmulatedAccount> accounts = new ArrayList<>(serviceAccountsInOrder.size());
            for (Member member : serviceAccountsInOrder.values()) {
                accounts.add(member.account());
            }
            return accounts;
        });
    }

    /** The service account with exactly this name. */
    public Optional<EmulatedAccount> accountNamed(String name) {
        return read(() -> Optional.ofNullable(byName.get(name)).map(Member::account));
    }

    /** The keys of that service account that still authenticate, oldest first; empty for an unknown name. */
    public List<String> liveKeys(String accountName) {
        return read(() -> {
            Member member = byName.get(accountName);
            if (member == null) {
                return List.of();
            }
            return List.copyOf(keysOfUserId.getOrDefault(member.account().userId(), Set.of()));
        });
    }

    /** Whether the token authenticates: the owner token or a live service-account key. */
    public boolean authenticates(String token) {
        return callerOf(token).isPresent();
    }

    /** The name of the service account a live key belongs to. */
    public Optional<String> accountOfKey(String token) {
        return read(() -> Optional.ofNullable(token)
                .map(userIdOfKey::get)
                .map(byUserId::get)
                .map(member -> member.account().name()));
    }

    // ---------------------------------------------------------------- seeding, for tests and demos

    /**
     * Creates a service account directly, as the API would.
     *
     * @throws IllegalArgumentException if the name is blank
     * @throws IllegalStateException    if the name is taken
     */
    public EmulatedAccount createServiceAccount(String name) {
        requireValidName(name);
        EmulatedAccount account = tryCreate(name);
        if (account == null) {
            throw new IllegalStateException(duplicateNameMessage(name));
        }
        return account;
    }

    /**
     * Creates {@code count} service accounts named the prefix and the index from 1, zero-padded to five digits
     * ({@code String.format("%s%05d", prefix, i)}: {@code acct-00001} ... {@code acct-99999}, {@code acct-100000}),
     * all at once, in index order.
     *
     * @throws IllegalStateException if one of the names is taken; then none is created
     */
    public void seedServiceAccounts(String namePrefix, int count) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(seededName(namePrefix, i));
        }
        if (!names.isEmpty()) {
            requireValidName(names.get(0));
        }
        OffsetDateTime createdAt = now();
        write(() -> {
            for (String name : names) {
                if (byName.containsKey(name)) {
                    throw new IllegalStateException(duplicateNameMessage(name));
                }
            }
            for (String name : names) {
                insert(name, createdAt);
            }
            return null;
        });
    }

    /** Deletes every service account and key; the owner and the owner token stay. */
    public void reset() {
        write(() -> {
            serviceAccountsInOrder.clear();
            byName.clear();
            byId.clear();
            byUserId.clear();
            userIdOfKey.clear();
            keysOfUserId.clear();
            return null;
        });
    }

    // ---------------------------------------------------------------- what the API does

    /** Whom the token belongs to, if it authenticates. */
    Optional<Caller> callerOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (token.equals(ownerToken)) {
            return Optional.of(new Caller(owner.account(), true));
        }
        return read(() -> Optional.ofNullable(userIdOfKey.get(token))
                .map(byUserId::get)
                .map(member -> new Caller(member.account(), false)));
    }

    /** Creates a service account, or returns {@code null} if the name is taken. */
    EmulatedAccount tryCreate(String name) {
        OffsetDateTime createdAt = now();
        return write(
                () -> byName.containsKey(name) ? null : insert(name, createdAt).account());
    }

    /** Mints a new key for a service account; empty if no service account has that user id. */
    Optional<String> mintKey(String userId) {
        String key = Tokens.apiKey();
        return write(() -> {
            if (!byUserId.containsKey(userId)) {
                return Optional.empty();
            }
            userIdOfKey.put(key, userId);
            keysOfUserId.computeIfAbsent(userId, id -> new LinkedHashSet<>()).add(key);
            return Optional.of(key);
        });
    }

    /** Revokes every key of a service account; false if no service account has that user id. */
    boolean revokeKeys(String userId) {
        return write(() -> {
            if (!byUserId.containsKey(userId)) {
                return false;
            }
            revokeKeysOf(userId);
            return true;
        });
    }

    /** Deletes a service account by identity id, and its keys; false if there is none. */
    boolean delete(String id) {
        return write(() -> {
            Member member = byId.remove(id);
            if (member == null) {
                return false;
            }
            EmulatedAccount account = member.account();
            serviceAccountsInOrder.remove(member.sequence());
            byName.remove(account.name());
            byUserId.remove(account.userId());
            revokeKeysOf(account.userId());
            return true;
        });
    }

    /** One page of members matching the query, in list order. */
    CollaboratorPage list(CollaboratorQuery query) {
        if (!query.serviceAccounts()) {
            boolean ownerMatches = query.matches(owner) && owner.sequence() > query.afterSequence();
            return new CollaboratorPage(ownerMatches ? List.of(owner) : List.of(), query.matches(owner) ? 1 : 0, -1);
        }
        return read(() -> {
            List<Member> page = new ArrayList<>(query.count());
            boolean more = false;
            int total;
            if (query.filtered()) {
                total = 0;
                for (Member member : serviceAccountsInOrder.values()) {
                    if (!query.matches(member)) {
                        continue;
                    }
                    total++;
                    if (member.sequence() > query.afterSequence()) {
                        if (page.size() < query.count()) {
                            page.add(member);
                        } else {
                            more = true;
                        }
                    }
                }
            } else {
                total = serviceAccountsInOrder.size();
                for (Member member : serviceAccountsInOrder
                        .tailMap(query.afterSequence(), false)
                        .values()) {
                    if (page.size() == query.count()) {
                        more = true;
                        break;
                    }
                    page.add(member);
                }
            }
            long last = more ? page.get(page.size() - 1).sequence() : -1;
            return new CollaboratorPage(page, total, last);
        });
    }

    /** The name {@link #seedServiceAccounts} gives the account of that index. */
    static String seededName(String namePrefix, int index) {
        String digits = Integer.toString(index);
        return digits.length() >= 5 ? namePrefix + digits : namePrefix + "00000".substring(digits.length()) + digits;
    }

    static String duplicateNameMessage(String name) {
        return "Service account with name '" + name + "' already exists.";
    }

    // ---------------------------------------------------------------- internals

    private Member insert(String name, OffsetDateTime createdAt) {
        String email = name + "@org-" + organizationId + ".serviceaccount.com";
        EmulatedAccount account = new EmulatedAccount(
                Tokens.identifier("idn_", 24), Tokens.identifier("usr_", 24), name, email, createdAt, COLLABORATOR);
        Member member = Member.of(nextSequence++, account, true);
        serviceAccountsInOrder.put(member.sequence(), member);
        byName.put(name, member);
        byId.put(account.id(), member);
        byUserId.put(account.userId(), member);
        return member;
    }

    private void revokeKeysOf(String userId) {
        Set<String> keys = keysOfUserId.remove(userId);
        if (keys != null) {
            for (String key : keys) {
                userIdOfKey.remove(key);
            }
        }
    }

    private static void requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A service account name must not be blank.");
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    private <T> T write(java.util.function.Supplier<T> action) {
        return locked(lock.writeLock(), action);
    }

    private static <T> T locked(Lock lock, java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
