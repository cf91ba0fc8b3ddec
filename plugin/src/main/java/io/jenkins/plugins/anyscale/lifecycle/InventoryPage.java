package io.jenkins.plugins.anyscale.lifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import jakarta.servlet.http.HttpSession;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * <em>Manage Jenkins › Anyscale service accounts</em>: every service account of the organization with the credentials
 * that hold its keys, their age and last use, what needs attention, and the actions that fix it (rotate an account's
 * keys, delete a credential of an account that no longer exists, dismiss an entry, rescan every store). Administrators
 * only: every URL under the page, views and actions alike, answers 403 to anybody else. Only metadata is shown.
 */
@Extension
public final class InventoryPage extends ManagementLink implements StaplerProxy {

    static final String URL_NAME = "anyscale-service-accounts";

    private static final String NOTICE = InventoryPage.class.getName() + ".notice";

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getDisplayName() {
        return Messages.InventoryPage_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.InventoryPage_Description();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    /** Everything under this page needs Overall/Administer: the page, its views and its actions. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return this;
    }

    // ------------------------------------------------------------------ what the page shows

    /** Computed on each call: the page reads it once. */
    @Restricted(NoExternalUse.class)
    public InventoryView getView() {
        return InventoryView.compute();
    }

    @Restricted(NoExternalUse.class)
    public StoreScan.Progress getScan() {
        return StoreScan.get().progress();
    }

    /** What the last action of this administrator did, once: it is forgotten when shown. */
    @CheckForNull
    @Restricted(NoExternalUse.class)
    public Notice takeNotice() {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        HttpSession session = req == null ? null : req.getSession(false);
        if (session == null || !(session.getAttribute(NOTICE) instanceof Notice notice)) {
            return null;
        }
        session.removeAttribute(NOTICE);
        return notice;
    }

    // ------------------------------------------------------------------ actions

    /**
     * Rotates the keys of the account into the one credential that holds them, which must be the one the
     * administrator confirmed ({@code folder}, empty for the root store, and {@code credentialId}).
     */
    @POST
    @Restricted(NoExternalUse.class)
    public HttpResponse doRotate(
            StaplerRequest2 req,
            @QueryParameter String account,
            @QueryParameter String folder,
            @QueryParameter String credentialId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return show(
                req,
                AccountRotation.rotate(Util.fixNull(account).trim(), Util.fixNull(folder), Util.fixNull(credentialId)));
    }

    /** Deletes a credential of an account that no longer exists. */
    @POST
    @Restricted(NoExternalUse.class)
    public HttpResponse doDeleteCredential(
            StaplerRequest2 req, @QueryParameter String folder, @QueryParameter String credentialId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return show(req, OrphanRemoval.delete(folder, credentialId));
    }

    /** Removes an entry from what needs attention, once it has been seen to. */
    @POST
    @Restricted(NoExternalUse.class)
    public HttpResponse doDismiss(StaplerRequest2 req, @QueryParameter String id) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String entry = id == null ? "" : id.trim();
        return show(
                req,
                AttentionLog.get().dismiss(entry)
                        ? Notice.done(Messages.InventoryPage_Dismissed())
                        : Notice.refused(Messages.InventoryPage_NoSuchEntry()));
    }

    /** Starts reading every credentials store in the background, and rebuilds the index from what it finds. */
    @POST
    @Restricted(NoExternalUse.class)
    public HttpResponse doRescan(StaplerRequest2 req) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return show(
                req,
                StoreScan.get().start()
                        ? Notice.done(Messages.InventoryPage_RescanStarted())
                        : Notice.refused(Messages.InventoryPage_RescanRunning()));
    }

    /** Back to the page, which shows the notice once. */
    private static HttpResponse show(StaplerRequest2 req, Notice notice) {
        req.getSession(true).setAttribute(NOTICE, notice);
        return HttpResponses.redirectToDot();
    }
}
