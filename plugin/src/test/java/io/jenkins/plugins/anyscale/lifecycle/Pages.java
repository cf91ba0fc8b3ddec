package io.jenkins.plugins.anyscale.lifecycle;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jvnet.hudson.test.JenkinsRule;

/** The inventory page and its actions as a browser uses them: a login session, and POSTs with Jenkins' crumb. */
final class Pages {

    static final String PAGE = InventoryPage.URL_NAME + "/";

    private final JenkinsRule r;

    Pages(JenkinsRule r) {
        this.r = r;
    }

    /** A browser session of this user ({@code null}: anonymous), answering failures instead of throwing them. */
    JenkinsRule.WebClient session(String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        return wc;
    }

    /** The page as the administrator sees it. */
    HtmlPage asAdmin() throws Exception {
        return session("admin").goTo(PAGE);
    }

    /**
     * A POST of the action with these parameters, as a confirmation link sends it (with a crumb unless told not to),
     * following the redirect back to the page. The raw response: HtmlUnit would follow the script of Jenkins' answer to
     * anonymous requests to the login page.
     */
    WebResponse post(JenkinsRule.WebClient wc, String action, boolean crumb, String... nameValues) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), PAGE + action), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(new NameValuePair(nameValues[i], nameValues[i + 1]));
        }
        request.setRequestParameters(parameters);
        if (crumb) {
            wc.addCrumb(request);
        }
        return wc.loadWebResponse(request);
    }

    WebResponse post(String user, String action, String... nameValues) throws Exception {
        return post(session(user), action, true, nameValues);
    }

    /**
     * An administrator's action as the page's confirmation link sends it (a crumbed POST), then what the page says
     * about it.
     */
    String act(String action, String... nameValues) throws Exception {
        JenkinsRule.WebClient wc = session("admin");
        WebResponse response = post(wc, action, true, nameValues);
        if (response.getStatusCode() / 100 == 3) {
            response = get(wc, "");
        }
        if (response.getStatusCode() != 200) {
            throw new AssertionError(action + " answered " + response.getStatusCode());
        }
        Matcher notice = NOTICE.matcher(response.getContentAsString());
        if (!notice.find()) {
            throw new AssertionError(action + " left no notice: " + response.getContentAsString());
        }
        return unescape(notice.group(1).replaceAll("\\s+", " ").trim());
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'")
                .replace("&#039;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static final Pattern NOTICE = Pattern.compile("id=\"anyscale-notice\"[^>]*>(.*?)</div>", Pattern.DOTALL);

    /** A GET of a URL under the page. */
    WebResponse get(JenkinsRule.WebClient wc, String relative) throws Exception {
        return wc.loadWebResponse(new WebRequest(new URL(r.getURL(), PAGE + relative), HttpMethod.GET));
    }

    /** The row of the accounts table for that account. */
    static DomNode row(HtmlPage page, String account) {
        DomNode row = page.querySelector("#anyscale-accounts tr[data-account='" + account + "']");
        if (row == null) {
            throw new AssertionError(
                    "no row for " + account + " in " + page.getWebResponse().getContentAsString());
        }
        return row;
    }

    /** The flags shown in the account's row. */
    static List<String> flags(HtmlPage page, String account) {
        List<String> flags = new ArrayList<>();
        for (DomNode flag : row(page, account).querySelectorAll(".anyscale-flag")) {
            flags.add(flag.getTextContent().trim());
        }
        return flags;
    }

    /** The credential IDs shown in the account's row. */
    static List<String> credentials(HtmlPage page, String account) {
        List<String> ids = new ArrayList<>();
        for (DomNode credential : row(page, account).querySelectorAll(".anyscale-credential")) {
            ids.add(((org.htmlunit.html.DomElement) credential).getAttribute("data-credential"));
        }
        return ids;
    }

    /** The notice an action left on the page, or {@code null}. */
    static String notice(HtmlPage page) {
        DomNode notice = page.querySelector("#anyscale-notice");
        return notice == null ? null : notice.getTextContent().trim();
    }
}
