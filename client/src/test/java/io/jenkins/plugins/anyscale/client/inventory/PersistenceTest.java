package io.jenkins.plugins.anyscale.client.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.anyscale.client.provisioning.ProvisioningOutcome.Operation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the plugin keeps in {@code JENKINS_HOME}, written and read back with the XStream that Jenkins persists its
 * files with (1.4.21, the version of Jenkins 2.541; Jenkins' own XStream2 builds on it): the attention list and the
 * key holder index keep everything, and a file that lacks their collections reads as empty, not as a {@code null}
 * that fails later.
 */
class PersistenceTest {

    static final Instant MINTED = Instant.parse("2026-12-01T02:00:00.123456Z");

    static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.anyscale.**"});
        return xstream;
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) {
        return (T) xstream().fromXML(xstream().toXML(object));
    }

    @Test
    void anAttentionListKeepsItsEntriesTheirOrderAndTheDroppedCount() {
        AttentionList list = new AttentionList(2);
        AttentionEntry dropped = new AttentionEntry(
                AttentionReason.CUT_OFF, Operation.CREATE, "old-bot", null, MINTED, "team-a/provision", 1, null);
        AttentionEntry older = new AttentionEntry(
                AttentionReason.UNSTORED_KEY,
                Operation.CREATE_API_KEY,
                "ci-bot",
                "ci-key",
                MINTED.plusSeconds(1),
                "team-a/provision",
                2,
                "A key may exist that nothing holds.");
        AttentionEntry newer = new AttentionEntry(
                AttentionReason.NO_WORKING_KEY,
                Operation.ROTATE_API_KEYS,
                "ci-bot",
                "ci-key",
                MINTED.plusSeconds(2),
                null,
                0,
                null);
        list.add(dropped);
        list.add(older);
        list.add(newer);

        AttentionList read = roundTrip(list);

        assertThat(read.snapshot()).containsExactly(newer, older);
        AttentionEntry readOlder = read.snapshot().get(1);
        assertThat(readOlder.id()).isEqualTo(older.id());
        assertThat(readOlder.time()).isEqualTo(older.time());
        assertThat(readOlder.where()).isEqualTo("team-a/provision #2");
        assertThat(readOlder.operation()).isEqualTo(Operation.CREATE_API_KEY);
        assertThat(readOlder.reason()).isEqualTo(AttentionReason.UNSTORED_KEY);
        assertThat(readOlder.credentialId()).isEqualTo("ci-key");
        assertThat(readOlder.detail()).isEqualTo("A key may exist that nothing holds.");
        assertThat(read.dropped()).isEqualTo(1);
        assertThat(read.capacity()).isEqualTo(2);
        assertThat(read.dismiss(newer.id())).isTrue();
        assertThat(read.add(dropped)).isTrue();
        assertThat(read.snapshot()).containsExactly(dropped, older);
    }

    @Test
    void anIndexKeepsEveryHolder() {
        KeyHolderIndex index = new KeyHolderIndex();
        KeyHolder inFolder =
                new KeyHolder(CredentialLocation.inFolder("team-a/deploy", "ci-key"), "ci-bot", "ci-bot@org", MINTED);
        KeyHolder inRoot = new KeyHolder(CredentialLocation.inRootStore("old-key"), "old-bot", null, null);
        index.put(inFolder);
        index.put(inRoot);

        String xml = xstream().toXML(index);
        KeyHolderIndex read = (KeyHolderIndex) xstream().fromXML(xml);

        assertThat(read.snapshot()).containsExactly(inRoot, inFolder);
        assertThat(read.get(CredentialLocation.inFolder("team-a/deploy", "ci-key")))
                .hasValueSatisfying(holder -> assertThat(holder.mintedAt()).isEqualTo(MINTED));
        assertThat(xml).as("readable times").contains("2026-12-01T02:00:00.123456Z");
        read.put(new KeyHolder(CredentialLocation.inRootStore("new-key"), "new-bot", null, MINTED));
        assertThat(read.size()).isEqualTo(3);
    }

    @Test
    void filesWithoutTheirCollectionsReadAsEmpty() {
        AttentionList list =
                (AttentionList) xstream().fromXML("<io.jenkins.plugins.anyscale.client.inventory.AttentionList/>");
        KeyHolderIndex index =
                (KeyHolderIndex) xstream().fromXML("<io.jenkins.plugins.anyscale.client.inventory.KeyHolderIndex/>");

        assertThat(list.snapshot()).isEmpty();
        assertThat(list.capacity()).isEqualTo(AttentionList.DEFAULT_CAPACITY);
        assertThat(list.add(new AttentionEntry(
                        AttentionReason.CUT_OFF, Operation.DELETE, "ci-bot", null, MINTED, null, 0, null)))
                .isTrue();
        assertThat(index.snapshot()).isEmpty();
        assertThat(index.put(new KeyHolder(CredentialLocation.inRootStore("k"), "a", null, null)))
                .isEmpty();
    }
}
