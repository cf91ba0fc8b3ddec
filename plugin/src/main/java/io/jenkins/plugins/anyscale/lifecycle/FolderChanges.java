package io.jenkins.plugins.anyscale.lifecycle;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;

/**
 * Keeps the {@link KeyIndex} where the folders are: a folder renamed or moved takes its store's entries along, and the
 * entries of a deleted folder's store go with it. Jenkins reports a move of every item inside a moved folder too; those
 * find nothing left to move.
 */
@Extension
public final class FolderChanges extends ItemListener {

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        if (item instanceof AbstractFolder<?> && !oldFullName.equals(newFullName)) {
            KeyIndex.get().folderMoved(oldFullName, newFullName);
        }
    }

    @Override
    public void onDeleted(Item item) {
        if (item instanceof AbstractFolder<?> folder) {
            KeyIndex.get().folderDeleted(folder.getFullName());
        }
    }
}
