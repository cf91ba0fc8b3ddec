package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What operations left for a person: the entries, what they say to do, and the bounded list that keeps them. */
class AttentionListTest {

    static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");

    static AttentionEntry entry(int n) {
        return new AttentionEntry(
                AttentionReason.NO_WORKING_KEY,
                Operation.ROTATE_API_KEYS,
                "bot-" + n,
                "key-" + n,
                T0.plus(Duration.ofMinutes(n)),
                "team-a/nightly",
                n + 1,
                null);
    }

    @Test
    void newestFirst() {
        AttentionList list = new AttentionList();
        AttentionEntry first = entry(1);
        AttentionEntry second = entry(2);
        AttentionEntry third = entry(3);

        assertThat(list.add(first)).isTrue();
        assertThat(list.add(second)).isTrue();
        assertThat(list.add(third)).isTrue();

        assertThat(list.snapshot()).containsExactly(third, second, first);
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.isEmpty()).isFalse();
    }

    @Test
    void theOldestAreDroppedBeyondTheCapacityAndCounted() {
        AttentionList list = new AttentionList(3);
        List<AttentionEntry> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(entry(i));
            list.add(added.get(i));
        }

        assertThat(list.snapshot()).containsExactly(added.get(4), added.get(3), added.get(2));
        assertThat(list.dropped()).isEqualTo(2);
        assertThat(list.capacity()).isEqualTo(3);
        assertThat(list.dismiss(added.get(0).id())).as("a dropped entry").isFalse();
    }

    @Test
    void dismissingNamesTheEntryNotItsPlace() {
        AttentionList list = new AttentionList();
        AttentionEntry first = entry(1);
        AttentionEntry second = entry(2);
        list.add(first);
        list.add(second);
        String shownToBothAdministrators = first.id();

        // One administrator dismisses the newest while the other dismisses what was shown as the second row.
        assertThat(list.dismiss(second.id())).isTrue();
        assertThat(list.dismiss(shownToBothAdministrators)).isTrue();
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.dismiss(shownToBothAdministrators))
                .as("already dismissed")
                .isFalse();
        assertThat(list.dropped()).isZero();
    }

    @Test
    void anEntryIsListedOnce() {
        AttentionList list = new AttentionList();
        AttentionEntry entry = entry(1);

        assertThat(list.add(entry)).isTrue();
        assertThat(list.add(entry)).isFalse();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(entry.id())).contains(entry);
        assertThat(list.get("no-such-id")).isEmpty();
    }

    @Test
    void entriesHaveUniqueIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(entry(1).id());
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void theCapacityIsBounded() {
        assertThat(new AttentionList().capacity()).isEqualTo(500);
        assertThat(new AttentionList(10_000).capacity()).isEqualTo(10_000);
        assertThatThrownBy(() -> new AttentionList(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An attention list keeps from 1 to 10000 entries; got 0.");
        assertThatThrownBy(() -> new AttentionList(10_001)).hasMessageEndingWith("got 10001.");
    }

    /** Builds add entries while administrators dismiss them: nothing is lost, nothing dismissed twice, the bound holds. */
    @Test
    void concurrentAddsAndDismissals() throws Exception {
        int capacity = 300;
        int adders = 3;
        int perAdder = 2_000;
        AttentionList list = new AttentionList(capacity);
        List<String> dismissible = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dismissed = new AtomicInteger();
        AtomicInteger addersDone = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(adders + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int a = 0; a < adders; a++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perAdder; i++) {
                        AttentionEntry entry = entry(i);
                        assertThat(list.add(entry)).isTrue();
                        if (i % 3 == 0) {
                            dismissible.add(entry.id());
                        }
                    }
                    addersDone.incrementAndGet();
                    return null;
                }));
            }
            for (int d = 0; d < 2; d++) {
                work.add(pool.submit(() -> {
                    start.await();
                    while (addersDone.get() < adders || !dismissible.isEmpty()) {
                        String id;
                        synchronized (dismissible) {
                            id = dismissible.isEmpty() ? null : dismissible.remove(0);
                        }
                        if (id == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        if (list.dismiss(id)) {
                            dismissed.incrementAndGet();
                        }
                        List<AttentionEntry> snapshot = list.snapshot();
                        assertThat(snapshot.size()).isLessThanOrEqualTo(capacity);
                        assertThat(new HashSet<>(snapshot)).hasSameSizeAs(snapshot);
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
        int added = adders * perAdder;
        assertThat(list.size()).isLessThanOrEqualTo(capacity);
        assertThat(added - dismissed.get() - list.dropped())
                .as("every entry added is listed, dismissed or dropped, once")
                .isEqualTo(list.size());
        assertThat(list.snapshot()).noneMatch(e -> e.id() == null);
    }

    @Test
    void aFailureThatLeftSomethingMakesAnEntry() {
        ProvisioningException failure = new ProvisioningException(
                Operation.ROTATE_API_KEYS,
                "ci-bot",
                Consequence.NO_WORKING_KEY,
                "Rotated ... could not store the new key: the account has no working stored key.",
                "Rotate its API keys again.",
                null,
                false);

        AttentionEntry entry = AttentionEntry.afterFailure(failure, "ci-key", T0, "team-a/nightly", 42)
                .orElseThrow();

        assertThat(entry.reason()).isEqualTo(AttentionReason.NO_WORKING_KEY);
        assertThat(entry.account()).isEqualTo("ci-bot");
        assertThat(entry.credentialId()).isEqualTo("ci-key");
        assertThat(entry.time()).isEqualTo(T0);
        assertThat(entry.job()).isEqualTo("team-a/nightly");
        assertThat(entry.build()).isEqualTo(42);
        assertThat(entry.where()).isEqualTo("team-a/nightly #42");
        assertThat(entry.operationName()).isEqualTo("rotate-api-keys");
        assertThat(entry.detail()).isEqualTo(failure.getMessage());
        assertThat(entry)
                .hasToString(
                        "2026-12-05T02:00:00Z team-a/nightly #42: rotate-api-keys of 'ci-bot' left NO_WORKING_KEY");
    }

    @ParameterizedTest
    @EnumSource(
            value = Consequence.class,
            names = {"NOTHING_CHANGED", "ROLLED_BACK"})
    void aFailureThatLeftNothingMakesNone(Consequence consequence) {
        ProvisioningException failure =
                new ProvisioningException(Operation.CREATE, "ci-bot", consequence, "failed", null, null, false);

        assertThat(AttentionEntry.afterFailure(failure, "ci-key", T0, "job", 1)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Consequence.class,
            names = {"NOTHING_CHANGED", "ROLLED_BACK"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyConsequenceThatLeftSomethingHasItsReason(Consequence consequence) {
        assertThat(AttentionReason.of(consequence))
                .hasValueSatisfying(reason -> assertThat(reason.name()).isEqualTo(consequence.name()));
    }

    @Test
    void whatToDoNamesTheAccountAndTheCredential() {
        assertThat(whatToDo(AttentionReason.ACCOUNT_LEFT_BEHIND, Operation.CREATE, "ci-key"))
                .isEqualTo("Service account 'ci-bot' was created but no key of it is stored, and deleting it again"
                        + " failed: delete it (anyscaleServiceAccountDelete), or keep it and rotate its API keys into"
                        + " credential 'ci-key'.");
        assertThat(whatToDo(AttentionReason.UNSTORED_KEY, Operation.CREATE_API_KEY, "ci-key"))
                .isEqualTo("A valid API key of service account 'ci-bot' exists that nothing holds: rotate the"
                        + " account's API keys into credential 'ci-key' to revoke it (its other keys are revoked"
                        + " too).");
        assertThat(whatToDo(AttentionReason.NO_WORKING_KEY, Operation.ROTATE_API_KEYS, "ci-key"))
                .isEqualTo("Every key of service account 'ci-bot' was revoked and no new one could be stored in"
                        + " credential 'ci-key': fix the cause, then rotate its API keys again; jobs that use the"
                        + " account fail until then.");
        assertThat(whatToDo(AttentionReason.STORED_KEYS_LEFT, Operation.DELETE, "ci-key"))
                .isEqualTo("Service account 'ci-bot' was deleted, but credentials still hold its keys, which no"
                        + " longer work (credential 'ci-key' among them): delete those credentials.");
        assertThat(whatToDo(AttentionReason.STORED_KEYS_LEFT, Operation.DELETE, null))
                .isEqualTo("Service account 'ci-bot' was deleted, but credentials still hold its keys, which no"
                        + " longer work: delete those credentials.");
    }

    @Test
    void whatToDoAfterACutOffDependsOnTheOperation() {
        assertThat(whatToDo(AttentionReason.CUT_OFF, Operation.CREATE, "ci-key"))
                .isEqualTo("Creating service account 'ci-bot' was cut off: it may exist with no stored key. If it"
                        + " does, rotate its API keys into credential 'ci-key', or delete it.");
        assertThat(whatToDo(AttentionReason.CUT_OFF, Operation.CREATE_API_KEY, "ci-key"))
                .isEqualTo("Creating an API key of service account 'ci-bot' was cut off: a key may exist that"
                        + " credential 'ci-key' does not hold; rotating the account's API keys revokes it.");
        assertThat(whatToDo(AttentionReason.CUT_OFF, Operation.ROTATE_API_KEYS, "ci-key"))
                .isEqualTo("Rotating the API keys of service account 'ci-bot' was cut off: its keys may be revoked"
                        + " with no new key in credential 'ci-key'. Rotate them again.");
        assertThat(whatToDo(AttentionReason.CUT_OFF, Operation.DELETE, null))
                .isEqualTo("Deleting service account 'ci-bot' was cut off: it may or may not be deleted, and"
                        + " credentials may still hold its keys. Run the delete again.");
        assertThat(whatToDo(AttentionReason.CUT_OFF, Operation.ROTATE_API_KEYS, null))
                .contains("with no new key in a credential.");
    }

    static String whatToDo(AttentionReason reason, Operation operation, String credentialId) {
        return new AttentionEntry(reason, operation, "ci-bot", credentialId, T0, "job", 1, null).whatToDo();
    }

    @Test
    void anEntryOutsideABuild() {
        AttentionEntry entry = new AttentionEntry(
                AttentionReason.NO_WORKING_KEY, Operation.ROTATE_API_KEYS, "ci-bot", " ", T0, null, 0, " ");

        assertThat(entry.where()).isNull();
        assertThat(entry.credentialId()).isNull();
        assertThat(entry.detail()).isNull();
        assertThat(entry).hasToString("2026-12-05T02:00:00Z: rotate-api-keys of 'ci-bot' left NO_WORKING_KEY");
    }

    @Test
    void badEntriesAreRefused() {
        assertThatThrownBy(() ->
                        new AttentionEntry(AttentionReason.CUT_OFF, Operation.CREATE, " ", null, T0, "job", 1, null))
                .hasMessage("An attention entry needs the service account's name or email.");
        assertThatThrownBy(() -> new AttentionEntry(
                        AttentionReason.CUT_OFF, Operation.CREATE, "ci-bot", null, T0, null, 3, null))
                .hasMessage("A build number must be positive and come with its job, or be 0 outside a build; got 3"
                        + " without a job.");
        assertThatThrownBy(() -> new AttentionEntry(
                        AttentionReason.CUT_OFF, Operation.CREATE, "ci-bot", null, T0, "job", -1, null))
                .hasMessageEndingWith("got -1 for job 'job'.");
    }

    @Test
    void aLongDetailIsCut() {
        AttentionEntry entry = new AttentionEntry(
                AttentionReason.CUT_OFF, Operation.CREATE, "ci-bot", null, T0, null, 0, "x".repeat(5000));

        assertThat(entry.detail()).hasSize(AttentionEntry.MAX_DETAIL_LENGTH).endsWith("x\u2026");
    }
}
