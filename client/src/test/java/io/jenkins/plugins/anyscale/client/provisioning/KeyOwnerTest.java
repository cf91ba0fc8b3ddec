package io.jenkins.plugins.anyscale.client.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.anyscale.client.ServiceAccountRef;
import org.junit.jupiter.api.Test;

/** The sink's "same account?" rule, and what a key target may be called. */
class KeyOwnerTest {

    @Test
    void emailsDecideWhereBothAreKnown() {
        KeyOwner owner = new KeyOwner("bot", "Bot@Org");
        assertThat(owner.isSameAccount("renamed", "bot@org")).isTrue();
        assertThat(owner.isSameAccount("bot", "other@org")).isFalse();
    }

    @Test
    void namesDecideOtherwise() {
        assertThat(KeyOwner.named("bot").isSameAccount("bot", "bot@org")).isTrue();
        assertThat(KeyOwner.named("bot").isSameAccount("Bot", "bot@org")).isFalse();
        assertThat(KeyOwner.of(ServiceAccountRef.byEmail("bot@org")).isSameAccount("bot", "BOT@org"))
                .isTrue();
        assertThat(KeyOwner.of(ServiceAccountRef.byEmail("bot@org")).isSameAccount("bot", null))
                .isFalse();
        assertThatThrownBy(() -> new KeyOwner(null, null)).hasMessageContaining("name or an email");
    }

    @Test
    void targets() {
        assertThat(new KeyTarget("team-a_ci.key-1").id()).isEqualTo("team-a_ci.key-1");
        assertThatThrownBy(() -> new KeyTarget("ci:key")).hasMessageContaining("only letters, digits and . _ -");
        assertThatThrownBy(() -> new KeyTarget("ci@key")).hasMessageContaining("only letters, digits and . _ -");
        assertThatThrownBy(() -> new KeyTarget(" ")).hasMessage("A credentials ID for the API key is required.");
        assertThatThrownBy(() -> new KeyTarget("a b"))
                .hasMessage("The credentials ID 'a b' may contain only letters, digits and . _ - (at most 256"
                        + " characters), and must start with a letter or a digit.");
        assertThatThrownBy(() -> new KeyTarget("x".repeat(257))).hasMessageContaining("at most 256");
        assertThat(new KeyTarget("x".repeat(256)).id()).hasSize(256);
        // The credentials UI addresses a credential by its ID in a URL path, where . and .. mean something else.
        for (String unreachable : new String[] {".", "..", ".hidden", "-x", "_x"}) {
            assertThatThrownBy(() -> new KeyTarget(unreachable))
                    .as(unreachable)
                    .hasMessageContaining("must start with a letter or a digit");
        }
    }
}
