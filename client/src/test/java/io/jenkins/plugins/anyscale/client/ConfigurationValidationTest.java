package io.jenkins.plugins.anyscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is refused with a message that says what to fix, before any request. */
class ConfigurationValidationTest {

    @Test
    void hostMustBeAnOrigin() {
        assertThat(Hosts.normalize("https://console.anyscale.com/")).isEqualTo("https://console.anyscale.com");
        assertThat(Hosts.normalize(" http://127.0.0.1:8090 ")).isEqualTo("http://127.0.0.1:8090");
        assertThatThrownBy(() -> Hosts.normalize("console.anyscale.com"))
                .hasMessageContaining("not an http:// or https:// URL");
        assertThatThrownBy(() -> Hosts.normalize("ftp://console.anyscale.com"))
                .hasMessageContaining("not an http:// or https:// URL");
        assertThatThrownBy(() -> Hosts.normalize("https://console.anyscale.com/api/v2"))
                .hasMessageContaining("must have no path");
        assertThatThrownBy(() -> Hosts.normalize("https://console.anyscale.com/?x=1"))
                .hasMessageContaining("must have no path");
        assertThatThrownBy(() -> Hosts.normalize("https://user:pa55word@console.anyscale.com"))
                .hasMessageContaining("user name or password")
                .hasMessageNotContaining("pa55word");
        assertThatThrownBy(() -> Hosts.normalize("")).hasMessageContaining("empty");
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8090, http://localhost:8090",
        "http://LOCALHOST, http://localhost",
        "http://127.0.0.1, http://127.0.0.1",
        "http://127.1.2.3:80/, http://127.1.2.3",
        "'http://[::1]:8090', 'http://[::1]:8090'",
        "https://anyscale.example.com:8443, https://anyscale.example.com:8443",
    })
    void plainHttpIsForLoopbackOnly(String host, String normalized) {
        assertThat(Hosts.normalize(host)).isEqualTo(normalized);
        assertThat(Hosts.isLoopbackOrigin(host)).isEqualTo(!host.startsWith("https:"));
    }

    @ParameterizedTest
    @CsvSource({
        "http://console.anyscale.com",
        "http://10.0.0.1:8090",
        "http://128.0.0.1",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "'http://[::2]'",
        "http://0.0.0.0:8090",
    })
    void plainHttpElsewhereIsRefusedSayingWhy(String host) {
        assertThatThrownBy(() -> Hosts.normalize(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses plain http, which would send the API token unencrypted. Use https://;"
                        + " http:// is accepted only for a local emulator on loopback");
        assertThatThrownBy(() ->
                        AnyscaleClient.builder().baseUrl(host).token("aph0_x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> AnyscaleClient.builder().readTimeout(Duration.ZERO))
                .hasMessageContaining("readTimeout must be positive");
    }

    @Test
    void refsNeedExactlyOneOfNameAndEmail() {
        assertThat(ServiceAccountRef.of("bot", null)).isEqualTo(ServiceAccountRef.byName("bot"));
        assertThat(ServiceAccountRef.of("", "b@x")).isEqualTo(ServiceAccountRef.byEmail("b@x"));
        assertThatThrownBy(() -> ServiceAccountRef.of("bot", "b@x"))
                .hasMessage("Only one of email or name can be provided.");
        assertThatThrownBy(() -> ServiceAccountRef.of(null, " ")).hasMessage("Either email or name must be provided.");
        assertThatThrownBy(() -> ServiceAccountRef.byName(null))
                .hasMessage("The service account name must not be blank.");
        assertThatThrownBy(() -> ServiceAccountRef.byEmail(""))
                .hasMessage("The service account email must not be blank.");
        assertThat(ServiceAccountRef.byEmail("b@x").identifier()).isEqualTo("b@x");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-28T13:01:45Z, 0",
        "2026-11-28T13:01:45+00:00, 0",
        "2026-11-28T13:01:45.123456+00:00, 123456000",
        "2026-11-28T13:01:45.1Z, 100000000",
        "2026-11-28T13:01:45, 0",
        "2026-11-28T13:01:45.5, 500000000",
        "2026-11-28 13:01:45+0000, 0",
    })
    void createdAtIsParsedLeniently(String text, int nanos) {
        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.of(2026, 11, 28, 13, 1, 45, nanos, ZoneOffset.UTC));
    }

    @Test
    void offsetsAreKept() {
        assertThat(Timestamps.parse("2026-11-28T14:01:45+01:00").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 11, 28, 13, 1, 45, 0, ZoneOffset.UTC)
                        .toInstant());
        assertThatThrownBy(() -> Timestamps.parse("28/11/2026")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void permissionLevels() {
        assertThat(OrganizationPermissionLevel.fromWire("owner")).isEqualTo(OrganizationPermissionLevel.OWNER);
        assertThat(OrganizationPermissionLevel.fromWire("COLLABORATOR"))
                .isEqualTo(OrganizationPermissionLevel.COLLABORATOR);
        assertThatThrownBy(() -> OrganizationPermissionLevel.fromWire("admin")).hasMessageContaining("admin");
    }

    @Test
    void mapsMirrorTheSdkAndThePipeline() {
        ServiceAccount a = new ServiceAccount(
                "i",
                "u",
                "bot",
                "bot@x",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                OrganizationPermissionLevel.COLLABORATOR);
        assertThat(a.toMap())
                .containsOnlyKeys("name", "email", "created_at", "permission_level")
                .containsEntry("permission_level", "COLLABORATOR");
        assertThat(a.toPipelineMap())
                .containsExactly(
                        entry("name", "bot"),
                        entry("email", "bot@x"),
                        entry("permissionLevel", "COLLABORATOR"),
                        entry("createdAt", "2026-01-02T03:04:05Z"));
    }
}
