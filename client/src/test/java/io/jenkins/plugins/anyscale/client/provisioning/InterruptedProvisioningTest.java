package io.jenkins.plugins.anyscale.client.provisioning;

import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_API_KEY;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.CREATE_SERVICE_ACCOUNT;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.DELETE_COLLABORATOR;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.LIST_COLLABORATORS;
import static io.jenkins.plugins.anyscale.emulator.Endpoint.ROTATE_API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.anyscale.client.AnyscaleClient;
import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningException.Consequence;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulator;
import io.jenkins.plugins.anyscale.emulator.AnyscaleEmulatorExtension;
import io.jenkins.plugins.anyscale.emulator.EmulatedAccount;
import io.jenkins.plugins.anyscale.emulator.Endpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Pipeline abort or {@code timeout} interrupts the thread of an operation at any call. Whatever the call, no key
 * is lost and no account is left half-made, unless the error names it: after every run, every account in Anyscale
 * has a stored key, and every live key of an account is held by the sink, except for what the {@link
 * ProvisioningException} reports (an account left behind, a key left unstored, no working key).
 */
@ExtendWith(AnyscaleEmulatorExtension.class)
class InterruptedProvisioningTest {

    static final KeyTarget TARGET = new KeyTarget("anyscale-ci-bot");
    static final KeyTarget SECOND = new KeyTarget("second");
    static final ServiceAccountRef CI_BOT = ServiceAccountRef.byName("ci-bot");

    /** The four operations that change something, each with the calls it makes, in order. */
    enum Op {
        CREATE(LIST_COLLABORATORS, CREATE_SERVICE_ACCOUNT, CREATE_API_KEY),
        ANOTHER_KEY(LIST_COLLABORATORS, CREATE_API_KEY),
        ROTATE(LIST_COLLABORATORS, ROTATE_API_KEYS, CREATE_API_KEY),
        DELETE(LIST_COLLABORATORS, DELETE_COLLABORATOR);

        final List<Endpoint> calls;

        Op(Endpoint... calls) {
            this.calls = List.of(calls);
        }
    }

    AnyscaleEmulator anyscale;
    InMemoryKeySink sink;
    ServiceAccountProvisioner provisioner;
    /**
     * Like {@link #provisioner}, on an OkHttp that interrupts the test's thread as it sends the request named in
     * {@link #interruptBefore}: an abort while that request is on its way.
     */
    ServiceAccountProvisioner abortedAt;

    final AtomicReference<String> interruptBefore = new AtomicReference<>();

    @BeforeEach
    void setUp(AnyscaleEmulator emulator) {
        anyscale = emulator;
        sink = new InMemoryKeySink();
        provisioner = new ServiceAccountProvisioner(client(new OkHttpClient()), ProvisioningTest.FAST);
        Thread caller = Thread.currentThread(); // JUnit runs the test on this thread too
        OkHttpClient interrupting = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    Request request = chain.request();
                    String at = interruptBefore.get();
                    if (at != null
                            && (request.method() + " " + request.url().encodedPath()).startsWith(at)
                            && interruptBefore.compareAndSet(at, null)) {
                        caller.interrupt();
                    }
                    return chain.proceed(request);
                })
                .build();
        abortedAt = new ServiceAccountProvisioner(client(interrupting), ProvisioningTest.FAST);
    }

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted(); // tests that interrupt their own thread leave it to the next test otherwise
    }

    // ---------------------------------------------------------------- every call, several timings

    static Stream<Arguments> everyCallOfEveryOperation() {
        List<Arguments> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (Endpoint call : op.calls) {
                for (int delayMillis : new int[] {0, 20, 100}) {
                    cases.add(Arguments.of(op, call, delayMillis));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} interrupted at {1}, answered after {2} ms")
    @MethodSource("everyCallOfEveryOperation")
    void interruptedWhileAnsweringAnyCallLeavesNothingUnaccountedFor(Op op, Endpoint call, int delayMillis)
            throws Exception {
        prepare(op);

        Worker worker = interruptWhenReceived(op, call, Duration.ofMillis(delayMillis));

        assertAccountedFor(worker, op + " interrupted at " + call + " after " + delayMillis + " ms");
    }

    @Test
    void fiftyRunsInterruptedAtRandomPointsLeaveNothingUnaccountedFor() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int run = 1; run <= 50; run++) {
            anyscale.state().reset();
            anyscale.faults().clear();
            sink = new InMemoryKeySink();
            Op op = Op.values()[random.nextInt(Op.values().length)];
            prepare(op);
            String context;
            Worker worker;
            if (random.nextBoolean()) {
                Endpoint call = op.calls.get(random.nextInt(op.calls.size()));
                int delayMillis = random.nextInt(40);
                context = op + " interrupted at " + call + " after " + delayMillis + " ms";
                worker = interruptWhenReceived(op, call, Duration.ofMillis(delayMillis));
            } else {
                int afterMicros = random.nextInt(5_000);
                context = op + " interrupted " + afterMicros + " µs after it started";
                worker = Worker.start(operation(op));
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(afterMicros));
                worker.interrupt();
                assertThat(worker.finish()).as(context + ": ended").isTrue();
            }
            assertAccountedFor(worker, "run " + run + " of seed " + seed + ", " + context);
        }
    }

    // ---------------------------------------------------------------- what each operation leaves

    /** What Anyscale does with the request that is on its way when the caller is interrupted. */
    enum Fate {
        ANSWERED,
        DROPPED,
        APPLIED_THEN_DROPPED
    }

    /**
     * A request that changes something is not abandoned when its caller is interrupted: its answer is waited for,
     * so that what follows (rollback, revoke, lookup) knows what Anyscale did. Only when the connection drops too is
     * the outcome open, and the lookup after it is reliable, since the request is over.
     */
    @ParameterizedTest(name = "{0} interrupted while {1} is on its way, {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATE      | LIST_COLLABORATORS     | ANSWERED             | NOTHING_CHANGED | Creating service account 'new-bot' was interrupted. Nothing was changed.
            CREATE      | CREATE_SERVICE_ACCOUNT | ANSWERED             | ROLLED_BACK     | Creating service account 'new-bot' was interrupted after Anyscale had created the account. The account was deleted again, so nothing is left behind.
            CREATE      | CREATE_SERVICE_ACCOUNT | DROPPED              | NOTHING_CHANGED | Creating service account 'new-bot' was interrupted. Nothing was changed.
            CREATE      | CREATE_SERVICE_ACCOUNT | APPLIED_THEN_DROPPED | ROLLED_BACK     | The account was deleted again, so nothing is left behind.
            CREATE      | CREATE_API_KEY         | ANSWERED             | ROLLED_BACK     | The account was deleted again, so nothing is left behind.
            CREATE      | CREATE_API_KEY         | DROPPED              | ROLLED_BACK     | The account was deleted again, so nothing is left behind.
            CREATE      | CREATE_API_KEY         | APPLIED_THEN_DROPPED | ROLLED_BACK     | The account was deleted again, so nothing is left behind.
            ANOTHER_KEY | LIST_COLLABORATORS     | ANSWERED             | NOTHING_CHANGED | Creating an API key for service account named 'ci-bot' was interrupted. Nothing was changed.
            ANOTHER_KEY | CREATE_API_KEY         | ANSWERED             | COMPLETED       |
            ANOTHER_KEY | CREATE_API_KEY         | DROPPED              | UNSTORED_KEY    | was interrupted while the key was being minted. A valid API key of the account may exist that nothing holds; its older keys still work. To revoke any such key, rotate the API keys of service account 'ci-bot' (that revokes its older keys too).
            ANOTHER_KEY | CREATE_API_KEY         | APPLIED_THEN_DROPPED | UNSTORED_KEY    | was interrupted while the key was being minted. A valid API key of the account may exist that nothing holds
            ROTATE      | LIST_COLLABORATORS     | ANSWERED             | NOTHING_CHANGED | Rotating the API keys of service account named 'ci-bot' was interrupted. Nothing was changed.
            ROTATE      | ROTATE_API_KEYS        | ANSWERED             | NO_WORKING_KEY  | was interrupted before the new key was stored in memory slot 'anyscale-ci-bot'. All its keys were revoked and no new one was stored
            ROTATE      | ROTATE_API_KEYS        | DROPPED              | NO_WORKING_KEY  | was interrupted while its keys were being revoked. Its keys may or may not have been revoked, and no new one was stored: the account may have no working stored API key. Rotate the API keys of service account 'ci-bot' again to recover.
            ROTATE      | ROTATE_API_KEYS        | APPLIED_THEN_DROPPED | NO_WORKING_KEY  | Its keys may or may not have been revoked
            ROTATE      | CREATE_API_KEY         | ANSWERED             | COMPLETED       |
            ROTATE      | CREATE_API_KEY         | DROPPED              | NO_WORKING_KEY  | was interrupted before the new key was stored
            ROTATE      | CREATE_API_KEY         | APPLIED_THEN_DROPPED | NO_WORKING_KEY  | was interrupted before the new key was stored
            DELETE      | LIST_COLLABORATORS     | ANSWERED             | NOTHING_CHANGED | Deleting service account named 'ci-bot' was interrupted. Nothing was changed.
            DELETE      | DELETE_COLLABORATOR    | ANSWERED             | COMPLETED       |
            DELETE      | DELETE_COLLABORATOR    | DROPPED              | NOTHING_CHANGED | was interrupted before Anyscale deleted it. Nothing was changed.
            DELETE      | DELETE_COLLABORATOR    | APPLIED_THEN_DROPPED | COMPLETED       |
            """)
    void interruptedWhileACallIsOnItsWay(Op op, Endpoint call, Fate fate, String expected, String message)
            throws Exception {
        prepare(op);
        if (fate == Fate.DROPPED) {
            anyscale.faults().dropNext(call, 1);
        } else if (fate == Fate.APPLIED_THEN_DROPPED) {
            anyscale.faults().applyThenDropNext(call, 1);
        }
        interruptBefore.set(requestOf(call));

        Throwable failure = catchThrowable(() -> operation(abortedAt, op).call());
        boolean flagSetAgain = Thread.interrupted();

        assertThat(interruptBefore.get()).as("the interruption happened").isNull();
        assertThat(flagSetAgain).as("the flag is set again").isTrue();
        if (expected.equals("COMPLETED")) {
            assertThat(failure).isNull();
        } else {
            assertThat(failure).isInstanceOf(ProvisioningException.class);
            ProvisioningException e = (ProvisioningException) failure;
            assertThat(e.consequence()).as(e.getMessage()).isEqualTo(Consequence.valueOf(expected));
            assertThat(e.interrupted()).isTrue();
            assertThat(e.getMessage()).contains(message);
            FailureMessagesTest.assertNothingSaidTwice(e.getMessage());
        }
        assertAccountedFor(failure, flagSetAgain, op + " interrupted while " + call + " was on its way, " + fate);
        if (op == Op.ROTATE && call == CREATE_API_KEY && fate != Fate.ANSWERED) {
            assertThat(anyscale.state().liveKeys("ci-bot"))
                    .as("what it may have minted is revoked")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Op.class,
            names = {"ANOTHER_KEY", "ROTATE"})
    void aKeyMintedBeforeTheInterruptionIsStoredAllTheSame(Op op) throws Exception {
        prepare(op);
        InMemoryKeySink.Pause pause = sink.pauseNextStore();
        Worker worker = Worker.start(operation(op));
        assertThat(pause.awaitReached()).isTrue();

        worker.interrupt(); // fails the held store, as an interrupted file write fails
        pause.release();

        assertThat(worker.finish()).isTrue();
        assertThat(worker.failure()).isNull();
        assertThat(worker.interruptedAfter()).isTrue();
        assertThat(worker.outcome().notes()).contains("storing the key was retried 1 time");
        KeyTarget target = op == Op.ROTATE ? TARGET : SECOND;
        assertThat(anyscale.state().liveKeys("ci-bot"))
                .contains(sink.at(target.id()).orElseThrow().secret());
        assertAccountedFor(worker, op + " interrupted while storing");
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void aThreadInterruptedBeforehandSendsNothing(Op op) throws Exception {
        prepare(op);
        anyscale.faults().resetCounts();
        Thread.currentThread().interrupt();

        ProvisioningException e = catchThrowableOfType(
                ProvisioningException.class, () -> operation(op).call());

        assertInterrupted(e, Consequence.NOTHING_CHANGED);
        assertThat(anyscale.faults().totalRequestCount()).isZero();
    }

    @Test
    void waitingForAnotherOperationOnTheAccountCanBeInterrupted() throws Exception {
        prepare(Op.ROTATE);
        InMemoryKeySink.Pause pause = sink.pauseNextStore();
        Worker holder = Worker.start(operation(Op.ANOTHER_KEY));
        assertThat(pause.awaitReached()).isTrue();
        Worker waiting = Worker.start(operation(Op.ROTATE));
        waiting.awaitWaitingForALockOrDone();

        waiting.interrupt();

        assertThat(waiting.finish()).isTrue();
        pause.release();
        assertThat(holder.finish()).isTrue();
        assertThat(waiting.failure()).isInstanceOf(ProvisioningException.class);
        ProvisioningException e = (ProvisioningException) waiting.failure();
        assertThat(e.consequence()).isEqualTo(Consequence.NOTHING_CHANGED);
        assertThat(e.interrupted()).isTrue();
        assertThat(waiting.interruptedAfter()).isTrue();
        assertThat(anyscale.faults().requestCount(ROTATE_API_KEYS)).isZero();
        assertThat(holder.failure()).isNull();
    }

    // ---------------------------------------------------------------- helpers

    private AnyscaleClient client(OkHttpClient http) {
        return AnyscaleClient.builder()
                .baseUrl(anyscale.baseUrl())
                .token(anyscale.ownerToken())
                .httpClient(http)
                .retryPolicy(ProvisioningTest.FAST)
                .build();
    }

    /** The state an operation starts from: an account with its key stored, except for a create. */
    private void prepare(Op op) {
        if (op != Op.CREATE) {
            provisioner.create("ci-bot", TARGET, sink);
        }
        anyscale.faults().resetCounts();
    }

    private Callable<ProvisioningOutcome> operation(Op op) {
        return operation(provisioner, op);
    }

    private Callable<ProvisioningOutcome> operation(ServiceAccountProvisioner by, Op op) {
        return switch (op) {
            case CREATE -> () -> by.create("new-bot", TARGET, sink);
            case ANOTHER_KEY -> () -> by.createApiKey(CI_BOT, SECOND, sink);
            case ROTATE -> () -> by.rotateApiKeys(CI_BOT, TARGET, sink);
            case DELETE -> () -> by.delete(CI_BOT, sink, true);
        };
    }

    /** The method and path start of the endpoint's requests, as the interrupting interceptor matches them. */
    private static String requestOf(Endpoint call) {
        return switch (call) {
            case LIST_COLLABORATORS -> "GET /api/v2/organization_collaborators/";
            case CREATE_SERVICE_ACCOUNT -> "POST /api/v2/users/service_accounts";
            case CREATE_API_KEY -> "POST /api/v2/users/create_api_key";
            case ROTATE_API_KEYS -> "POST /api/v2/organization_collaborators/rotate_api_key_for_user/";
            case DELETE_COLLABORATOR -> "DELETE /api/v2/organization_collaborators/";
            case USERINFO -> "GET /api/v2/userinfo/";
        };
    }

    /**
     * Runs the operation on a worker thread, with the next request to {@code call} answered after {@code delay}, and
     * interrupts the worker as soon as Anyscale has that request (or the operation ended first).
     */
    private Worker interruptWhenReceived(Op op, Endpoint call, Duration delay) throws InterruptedException {
        int before = anyscale.faults().requestCount(call);
        anyscale.faults().delayNext(call, 1, delay);
        Worker worker = Worker.start(operation(op));
        awaitAtMost10s(() -> anyscale.faults().requestCount(call) > before || !worker.isAlive());
        worker.interrupt();
        assertThat(worker.finish()).as(op + " ended").isTrue();
        anyscale.faults().clear();
        return worker;
    }

    /**
     * The invariant: the operation succeeded or failed with an interrupted {@link ProvisioningException} (the flag
     * set again), and what Anyscale holds is what the sink holds, except what that exception reports.
     */
    private void assertAccountedFor(Worker worker, String context) {
        assertAccountedFor(worker.failure(), worker.interruptedAfter(), context);
    }

    private void assertAccountedFor(Throwable failure, boolean interruptedAfter, String context) {
        ProvisioningException reported = null;
        if (failure != null) {
            assertThat(failure).as(context).isInstanceOf(ProvisioningException.class);
            reported = (ProvisioningException) failure;
            assertThat(reported.interrupted()).as(context + ": " + failure).isTrue();
            assertThat(reported.getMessage()).as(context).contains("interrupted");
            assertThat(interruptedAfter).as(context + ": the flag is set again").isTrue();
            assertNoSecretIn(reported);
        }
        String said = context + (failure == null ? ", which succeeded" : ", which reported: " + failure.getMessage());
        Set<String> held =
                sink.all().values().stream().map(InMemoryKeySink.Stored::secret).collect(Collectors.toSet());
        for (EmulatedAccount account : anyscale.state().accounts()) {
            String name = account.name();
            Consequence consequence =
                    reported != null && name.equals(reported.accountName()) ? reported.consequence() : null;
            List<String> stored = sink.all().values().stream()
                    .filter(s -> name.equals(s.accountName()))
                    .map(InMemoryKeySink.Stored::secret)
                    .toList();
            List<String> live = anyscale.state().liveKeys(name);
            List<String> unheld =
                    live.stream().filter(key -> !held.contains(key)).toList();
            if (consequence != Consequence.ACCOUNT_LEFT_BEHIND) {
                assertThat(stored).as(said + ": a stored key of " + name).isNotEmpty();
            }
            if (consequence == Consequence.UNSTORED_KEY) {
                assertThat(unheld)
                        .as(said + ": keys of " + name + " that nothing holds")
                        .hasSizeLessThanOrEqualTo(1);
            } else {
                assertThat(unheld)
                        .as(said + ": keys of " + name + " that nothing holds")
                        .isEmpty();
            }
            if (consequence != Consequence.NO_WORKING_KEY) {
                assertThat(live).as(said + ": stored keys of " + name + " work").containsAll(stored);
            }
        }
        for (InMemoryKeySink.Stored stored : sink.all().values()) {
            assertThat(anyscale.state().accountNamed(stored.accountName()))
                    .as(said + ": the account of a stored key")
                    .isPresent();
        }
    }

    private static void assertInterrupted(ProvisioningException e, Consequence consequence) {
        assertThat(e).isNotNull();
        assertThat(e.consequence()).as(e.getMessage()).isEqualTo(consequence);
        assertThat(e.interrupted()).isTrue();
        assertThat(Thread.currentThread().isInterrupted())
                .as("the flag is set again")
                .isTrue();
    }

    private void assertNoSecretIn(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (EmulatedAccount account : anyscale.state().accounts()) {
            for (String live : anyscale.state().liveKeys(account.name())) {
                assertThat(trace.toString()).doesNotContain(live);
            }
        }
        for (InMemoryKeySink.Stored stored : sink.all().values()) {
            assertThat(trace.toString()).doesNotContain(stored.secret());
        }
        assertThat(trace.toString()).doesNotContain(anyscale.ownerToken());
    }

    private static void awaitAtMost10s(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
