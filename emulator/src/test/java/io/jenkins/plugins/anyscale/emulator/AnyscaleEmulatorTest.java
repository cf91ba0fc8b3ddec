package io.jenkins.plugins.anyscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class AnyscaleEmulatorTest {

    @Test
    void startsOnLoopbackWithAFreePortAndAGeneratedToken() {
        try (AnyscaleEmulator anyscale = AnyscaleEmulator.start()) {
            assertThat(anyscale.port()).isPositive();
            assertThat(anyscale.baseUrl()).isEqualTo("http://127.0.0.1:" + anyscale.port());
            assertThat(anyscale.ownerToken()).startsWith("aph0_").hasSize(45);
            assertThat(anyscale.organizationId()).startsWith("org_");
            assertThat(new Api(anyscale).userInfo().status()).isEqualTo(200);
        }
    }

    @Test
    void builderSetsTokenOrganizationAndAddress() {
        try (AnyscaleEmulator anyscale = AnyscaleEmulator.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .ownerToken("aph0_given")
                .organizationId("org_given")
                .start()) {
            assertThat(anyscale.ownerToken()).isEqualTo("aph0_given");
            assertThat(anyscale.organizationId()).isEqualTo("org_given");
            assertThat(new Api(anyscale)
                            .userInfo()
                            .json()
                            .get("result")
                            .get("organization_ids")
                            .get(0)
                            .asText())
                    .isEqualTo("org_given");
            assertThat(new Api(anyscale).as("aph0_other").userInfo().status()).isEqualTo(401);
        }
    }

    @Test
    void twoEmulatorsAreIndependent() {
        try (AnyscaleEmulator one = AnyscaleEmulator.start();
                AnyscaleEmulator two = AnyscaleEmulator.start()) {
            assertThat(one.port()).isNotEqualTo(two.port());
            new Api(one).created("only-in-one");
            assertThat(two.state().accounts()).isEmpty();
            assertThat(new Api(two).as(one.ownerToken()).userInfo().status()).isEqualTo(401);
        }
    }

    @Test
    void closeStopsTheServerAndIsIdempotent() {
        AnyscaleEmulator anyscale = AnyscaleEmulator.start();
        int port = anyscale.port();
        new Api(anyscale).userInfo().expect(200);
        anyscale.close();
        anyscale.close();
        assertThat(MainTest.refusesConnections(port)).isTrue();
    }

    @Test
    void closeDoesNotWaitForDelayedRequests() throws Exception {
        AnyscaleEmulator anyscale = AnyscaleEmulator.start();
        anyscale.faults().delayNext(Endpoint.USERINFO, 1, java.time.Duration.ofMinutes(10));
        Thread caller = new Thread(() -> {
            try {
                new Api(anyscale).withFreshClient().sendChecked("GET", "/api/v2/userinfo/", null);
            } catch (java.io.IOException expected) {
                // the connection is closed by the shutdown
            }
        });
        caller.start();
        while (anyscale.faults().requestCount(Endpoint.USERINFO) == 0) {
            Thread.sleep(5);
        }
        anyscale.close(); // returns although a request sleeps for ten minutes
        caller.join(30_000);
        assertThat(caller.isAlive()).isFalse();
    }

    @Test
    void aTakenPortFailsToStart() {
        try (AnyscaleEmulator first = AnyscaleEmulator.start()) {
            assertThatThrownBy(
                            () -> AnyscaleEmulator.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> AnyscaleEmulator.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnyscaleEmulator.builder().ownerToken(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnyscaleEmulator.builder().organizationId(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
