package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnyscaleEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnyscaleEmulatorExtensionTest {

    private static final AtomicReference<AnyscaleEmulator> FIRST = new AtomicReference<>();

    @Test
    @Order(1)
    void injectsARunningEmulatorAndLeavesStateAndFaultsBehind(AnyscaleEmulator anyscale) {
        FIRST.set(anyscale);
        assertThat(new Api(anyscale).userInfo().status()).isEqualTo(200);
        anyscale.state().createServiceAccount("left-over");
        anyscale.faults().failNext(Endpoint.USERINFO, 5, 500);
    }

    @Test
    @Order(2)
    void sharesTheEmulatorAcrossTestsButResetsStateFaultsAndCounts(AnyscaleEmulator anyscale) {
        assertThat(anyscale).isSameAs(FIRST.get());
        assertThat(anyscale.state().accounts()).isEmpty();
        assertThat(anyscale.faults().requestCount(Endpoint.USERINFO)).isZero();
        assertThat(new Api(anyscale).userInfo().status()).isEqualTo(200);
    }

    @Nested
    class Inner {
        @Test
        void nestedTestsShareTheOuterEmulator(AnyscaleEmulator anyscale) {
            assertThat(anyscale).isSameAs(FIRST.get());
            assertThat(anyscale.state().accounts()).isEmpty();
        }
    }

    @AfterAll
    static void stillRunningUntilAfterAll() {
        // the extension's afterAll runs after this method: the emulator still answers here
        assertThat(MainTest.refusesConnections(FIRST.get().port())).isFalse();
    }
}
