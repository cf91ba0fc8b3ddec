package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The index of the credentials the key sink stored, and how its entries compare with their stores. */
class KeyHolderIndexTest {

    static final Instant MINTED = Instant.parse("2026-12-01T02:00:00Z");

    static KeyHolder holder(CredentialLocation location, String account) {
        return new KeyHolder(location, account, account + "@org", MINTED);
    }

    @Test
    void putReplacesAtTheSameLocationAndRemoveForgets() {
        KeyHolderIndex index = new KeyHolderIndex();
        CredentialLocation teamA = CredentialLocation.inFolder("team-a", "ci-key");
        KeyHolder first = holder(teamA, "ci-bot");
        KeyHolder rotated = new KeyHolder(teamA, "ci-bot", "ci-bot@org", MINTED.plusSeconds(86_400));

        assertThat(index.put(first)).isEmpty();
        assertThat(index.put(rotated)).contains(first);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(teamA)).contains(rotated);
        assertThat(index.remove(teamA)).contains(rotated);
        assertThat(index.remove(teamA)).isEmpty();
        assertThat(index.get(teamA)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void theSameIdInAnotherStoreIsAnotherCredential() {
        KeyHolderIndex index = new KeyHolderIndex();
        KeyHolder root = holder(CredentialLocation.inRootStore("ci-key"), "a");
        KeyHolder teamB = holder(CredentialLocation.inFolder("team-b", "ci-key"), "b");
        KeyHolder teamA = holder(CredentialLocation.inFolder("team-a", "ci-key"), "c");
        KeyHolder teamAOther = holder(CredentialLocation.inFolder("team-a", "another-key"), "d");

        for (KeyHolder holder : List.of(teamB, teamA, root, teamAOther)) {
            index.put(holder);
        }

        assertThat(index.snapshot()).containsExactly(root, teamAOther, teamA, teamB);
    }

    @Test
    void theSnapshotIsACopy() {
        KeyHolderIndex index = new KeyHolderIndex();
        index.put(holder(CredentialLocation.inRootStore("a"), "a"));
        List<KeyHolder> snapshot = index.snapshot();

        index.put(holder(CredentialLocation.inRootStore("b"), "b"));
        snapshot.clear();

        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aRescanReplacesEverything() {
        KeyHolderIndex index = new KeyHolderIndex();
        index.put(holder(CredentialLocation.inFolder("gone", "k"), "a"));
        KeyHolder found = holder(CredentialLocation.inFolder("team-a", "k"), "b");

        index.replaceAll(List.of(found));

        assertThat(index.snapshot()).containsExactly(found);
    }

    @Test
    void aRenamedFolderTakesItsCredentialsAndThoseOfItsSubfoldersAlong() {
        KeyHolderIndex index = new KeyHolderIndex();
        KeyHolder inside = holder(CredentialLocation.inFolder("team-a", "k"), "a");
        KeyHolder deeper = holder(CredentialLocation.inFolder("team-a/deploy", "k"), "b");
        KeyHolder lookalike = holder(CredentialLocation.inFolder("team-ab", "k"), "c");
        KeyHolder root = holder(CredentialLocation.inRootStore("k"), "d");
        List.of(inside, deeper, lookalike, root).forEach(index::put);

        assertThat(index.folderMoved("team-a", "platform/team-a")).isEqualTo(2);

        assertThat(index.snapshot())
                .extracting(KeyHolder::location)
                .containsExactly(
                        CredentialLocation.inRootStore("k"),
                        CredentialLocation.inFolder("platform/team-a", "k"),
                        CredentialLocation.inFolder("platform/team-a/deploy", "k"),
                        CredentialLocation.inFolder("team-ab", "k"));
        assertThat(index.get(CredentialLocation.inFolder("platform/team-a/deploy", "k")))
                .hasValueSatisfying(moved -> assertThat(moved.accountName()).isEqualTo("b"));
        assertThat(index.get(CredentialLocation.inFolder("team-a", "k"))).isEmpty();
    }

    @Test
    void aDeletedFolderTakesItsCredentialsAndThoseOfItsSubfoldersAlong() {
        KeyHolderIndex index = new KeyHolderIndex();
        List.of(
                        holder(CredentialLocation.inFolder("team-a", "k"), "a"),
                        holder(CredentialLocation.inFolder("team-a/deploy", "k"), "b"),
                        holder(CredentialLocation.inFolder("team-ab", "k"), "c"))
                .forEach(index::put);

        assertThat(index.folderDeleted("team-a")).isEqualTo(2);

        assertThat(index.snapshot())
                .extracting(KeyHolder::location)
                .containsExactly(CredentialLocation.inFolder("team-ab", "k"));
    }

    @Test
    void checkingAgainstTheStore() {
        KeyHolder indexed =
                new KeyHolder(CredentialLocation.inFolder("team-a", "ci-key"), "ci-bot", "ci-bot@org", MINTED);

        assertThat(CheckedHolder.check(indexed, StoreLookup.nothing()))
                .isEqualTo(new CheckedHolder(indexed, StoreCheck.MISSING_FROM_STORE));
        assertThat(CheckedHolder.check(indexed, StoreLookup.otherCredential()))
                .isEqualTo(new CheckedHolder(indexed, StoreCheck.CHANGED_BY_HAND));
        KeyHolder anotherAccount =
                new KeyHolder(indexed.location(), "ci-bot", "someone-else@org", MINTED.plusSeconds(60));
        assertThat(CheckedHolder.check(indexed, StoreLookup.key(anotherAccount)))
                .isEqualTo(new CheckedHolder(indexed, StoreCheck.CHANGED_BY_HAND));

        // The store is the truth about the key it holds: its mint time and last use are shown.
        KeyHolder inStore = new KeyHolder(indexed.location(), "ci-bot", "CI-BOT@org", MINTED.plusSeconds(60))
                .withLastUse("team-a/deploy #42", MINTED.plusSeconds(120));
        CheckedHolder checked = CheckedHolder.check(indexed, StoreLookup.key(inStore));
        assertThat(checked.check()).isEqualTo(StoreCheck.IN_STORE);
        assertThat(checked.holder()).isEqualTo(inStore);
        assertThat(checked.holder().lastUsedBy()).isEqualTo("team-a/deploy #42");
    }

    @Test
    void anIndexedHolderThatRecordsNoAccountNeverMatches() {
        KeyHolder blank = new KeyHolder(CredentialLocation.inRootStore("k"), " ", null, null);

        assertThat(CheckedHolder.check(blank, StoreLookup.key(blank)).check()).isEqualTo(StoreCheck.CHANGED_BY_HAND);
    }

    @Test
    void locations() {
        assertThat(CredentialLocation.inFolder("team-a", "ci-key"))
                .hasToString("credential 'ci-key' in folder 'team-a'")
                .isEqualTo(CredentialLocation.inFolder("team-a", "ci-key"))
                .isNotEqualTo(CredentialLocation.inRootStore("ci-key"));
        assertThat(CredentialLocation.inRootStore("ci-key").storeLabel())
                .isEqualTo("the Jenkins root credentials store");
        assertThat(CredentialLocation.inRootStore("ci-key").isWithin("team-a")).isFalse();
        assertThat(CredentialLocation.inRootStore("k").afterFolderMoved("a", "b"))
                .isEqualTo(CredentialLocation.inRootStore("k"));
        assertThatThrownBy(() -> CredentialLocation.inFolder("team-a", " ")).hasMessage("A credential ID is required.");
        assertThatThrownBy(() -> CredentialLocation.inFolder("/team-a", "k"))
                .hasMessage("'/team-a' is not a folder's full name (such as 'team-a' or 'team-a/deploy'); for the"
                        + " Jenkins root credentials store, give no folder.");
        assertThatThrownBy(() -> CredentialLocation.inFolder("", "k")).hasMessageContaining("not a folder's full name");
    }

    @Test
    void holdersDescribeThemselvesWithoutAnythingSecret() {
        KeyHolder holder = new KeyHolder(
                        CredentialLocation.inFolder("team-a", "ci-key"), "ci-bot", "ci-bot@org", MINTED)
                .withLastUse("team-a/deploy #42", MINTED);

        assertThat(holder)
                .hasToString("credential 'ci-key' in folder 'team-a', of 'ci-bot' (ci-bot@org), minted"
                        + " 2026-12-01T02:00:00Z");
        assertThat(new KeyHolder(CredentialLocation.inRootStore("k"), null, "x@org", null))
                .hasToString("credential 'k' in the Jenkins root credentials store, of (x@org), minted at an unknown"
                        + " time");
        assertThat(holder.withLastUse(" ", MINTED).lastUsedAt()).isNull();
    }

    /** Builds store and remove keys while page views read: no update is lost, and no reader sees a broken index. */
    @Test
    void concurrentWritersAndReaders() throws Exception {
        KeyHolderIndex index = new KeyHolderIndex();
        int writers = 4;
        int perWriter = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        CredentialLocation location = CredentialLocation.inFolder("f" + writer, "k" + i);
                        index.put(holder(location, "a" + i));
                        if (i % 2 == 1) {
                            index.remove(location);
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        List<KeyHolder> snapshot = index.snapshot();
                        Set<CredentialLocation> locations = new HashSet<>();
                        for (KeyHolder holder : snapshot) {
                            locations.add(holder.location()); // a null holder fails here
                        }
                        assertThat(locations).hasSameSizeAs(snapshot);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(writers * perWriter / 2);
        assertThat(index.snapshot())
                .allSatisfy(holder -> assertThat(Integer.parseInt(
                                        holder.location().credentialId().substring(1))
                                % 2)
                        .isZero());
    }
}
