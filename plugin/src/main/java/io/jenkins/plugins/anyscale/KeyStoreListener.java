package io.jenkins.plugins.anyscale;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import io.jenkins.plugins.anyscale.client.inventory.CredentialLocation;
import io.jenkins.plugins.anyscale.client.inventory.KeyHolder;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Told by the key sink each time it stored or removed a service-account key credential, after the store accepted the
 * change: what lets the key lifecycle keep an index of the keys Jenkins holds without reading every store. Only
 * metadata is passed, never the key. An implementation must not throw; what it throws is logged and ignored, since
 * the key is stored either way.
 */
@Restricted(NoExternalUse.class)
public interface KeyStoreListener extends ExtensionPoint {

    /** A key was stored (added, or replaced in place) at the holder's location; the holder says what it is now. */
    void stored(@NonNull KeyHolder holder);

    /** The credential at that location was removed. */
    void removed(@NonNull CredentialLocation location);
}
