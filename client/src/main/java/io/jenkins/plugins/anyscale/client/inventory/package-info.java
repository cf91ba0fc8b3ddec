/**
 * The administrator's view of the keys Jenkins holds, without any Jenkins type: which credentials hold the keys of
 * which service accounts ({@link io.jenkins.plugins.anyscale.client.inventory.KeyHolder}, kept in a {@link
 * io.jenkins.plugins.anyscale.client.inventory.KeyHolderIndex}), the organization's accounts joined with them into
 * rows and flags ({@link io.jenkins.plugins.anyscale.client.inventory.KeyInventory}), how old a key may get ({@link
 * io.jenkins.plugins.anyscale.client.inventory.KeyAgePolicy}, {@link
 * io.jenkins.plugins.anyscale.client.inventory.RotateIfOlderThan}), and what a step left for a person to do ({@link
 * io.jenkins.plugins.anyscale.client.inventory.AttentionList}).
 *
 * <p>Nothing here ever holds a key: only names, emails, credential IDs, folders and times.
 *
 * <p>The classes the plugin persists with XStream ({@link io.jenkins.plugins.anyscale.client.inventory.KeyHolderIndex}
 * and what it holds, {@link io.jenkins.plugins.anyscale.client.inventory.AttentionList} and its entries) are plain
 * final classes with private fields, not records, which XStream cannot read back. Each mutable one synchronizes on
 * itself: save it while holding its monitor ({@code synchronized (list) { xmlFile.write(list); }}), so that no change
 * lands half-way through the write. Their {@code readResolve} methods, which XStream calls by itself, repair what an
 * older or hand-edited file leaves out; nothing needs to be called after loading.
 */
package io.jenkins.plugins.anyscale.client.inventory;
