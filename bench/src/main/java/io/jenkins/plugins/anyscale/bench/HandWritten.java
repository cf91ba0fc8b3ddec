package io.jenkins.plugins.anyscale.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: the least code that does the same HTTP work as the client, written directly against OkHttp and
 * Jackson. It is minimal but honest: the same URLs (built with {@link HttpUrl}), the same headers (including
 * {@code Authorization: Bearer}), one reused {@link OkHttpClient} (connection pool), a status check, and the
 * same JSON parsed with Jackson databind into equivalent objects ({@link Account}: timestamps as
 * {@link OffsetDateTime}, the permission level as an enum). What it leaves out is what the client adds: error
 * mapping, retries, validation of required fields, lenient timestamp forms, paging-loop detection.
 */
public final class HandWritten {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader PAGE = MAPPER.readerFor(CollaboratorPage.class);
    private static final ObjectReader CREATED = MAPPER.readerFor(CreatedEnvelope.class);
    private static final ObjectReader MINTED = MAPPER.readerFor(MintedEnvelope.class);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    private static final String COLLABORATORS = "api/v2/organization_collaborators/";
    private static final long HUNDRED_YEARS = 3_153_600_000L;

    /** A permission level, as the client's model has it. */
    public enum Level {
        OWNER,
        COLLABORATOR
    }

    /** A service account: the same fields, parsed the same way, as the client's {@code ServiceAccount}. */
    public record Account(
            String id, String userId, String name, String email, OffsetDateTime createdAt, Level permissionLevel) {}

    /** A minted key and its account, as the client's {@code ApiKey}. */
    public record Key(String secret, Account account) {}

    /** One page: its accounts and the token of the next, {@code null} at the end. */
    public record Page(List<Account> accounts, String nextPagingToken) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Collaborator(
            @JsonProperty("id") String id,
            @JsonProperty("user_id") String userId,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("permission_level") String permissionLevel,
            @JsonProperty("created_at") String createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metadata(
            @JsonProperty("total") Integer total,
            @JsonProperty("next_paging_token") String nextPagingToken) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CollaboratorPage(
            @JsonProperty("results") List<Collaborator> results,
            @JsonProperty("metadata") Metadata metadata) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedEnvelope(@JsonProperty("result") Collaborator result) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Minted(@JsonProperty("server_session_id") String serverSessionId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MintedEnvelope(@JsonProperty("result") Minted result) {}

    record MintRequest(
            @JsonProperty("duration") long duration,
            @JsonProperty("user_id") String userId) {}

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String token;

    public HandWritten(OkHttpClient http, String baseUrl, String token) {
        this.http = http;
        this.base = HttpUrl.get(baseUrl);
        this.token = token;
    }

    /** One {@code GET organization_collaborators/} page. */
    public Page page(String name, String pagingToken, int count) {
        HttpUrl.Builder url = base.newBuilder()
                .addPathSegments(COLLABORATORS)
                .addQueryParameter("is_service_account", "true")
                .addQueryParameter("count", Integer.toString(count));
        if (name != null) {
            url.addQueryParameter("name", name);
        }
        if (pagingToken != null) {
            url.addQueryParameter("paging_token", pagingToken);
        }
        CollaboratorPage page = call(request(url.build()).get().build(), PAGE);
        List<Account> accounts = new ArrayList<>(page.results().size());
        for (Collaborator c : page.results()) {
            accounts.add(account(c));
        }
        String next = page.metadata() == null ? null : page.metadata().nextPagingToken();
        return new Page(accounts, next == null || next.isEmpty() ? null : next);
    }

    /** The first {@code maxItems} accounts, page by page. */
    public List<Account> list(int maxItems) {
        List<Account> accounts = new ArrayList<>(Math.min(maxItems, 1024));
        String token = null;
        do {
            Page page = page(null, token, Math.min(50, maxItems - accounts.size()));
            for (Account a : page.accounts()) {
                if (accounts.size() == maxItems) {
                    break;
                }
                accounts.add(a);
            }
            token = page.nextPagingToken();
        } while (token != null && accounts.size() < maxItems);
        return accounts;
    }

    /** Counts every account, holding one page at a time. */
    public long countAll() {
        long count = 0;
        String token = null;
        do {
            Page page = page(null, token, 50);
            for (Account a : page.accounts()) {
                if (a != null) {
                    count++;
                }
            }
            token = page.nextPagingToken();
        } while (token != null);
        return count;
    }

    /** The one account named exactly {@code name}: every page of the server's partial matches, filtered here. */
    public Account find(String name) {
        List<Account> matches = new ArrayList<>(1);
        String token = null;
        do {
            Page page = page(name, token, 50);
            for (Account a : page.accounts()) {
                if (name.equals(a.name())) {
                    matches.add(a);
                }
            }
            token = page.nextPagingToken();
        } while (token != null);
        if (matches.size() != 1) {
            throw new IllegalStateException(matches.size() + " accounts named " + name);
        }
        return matches.get(0);
    }

    /** {@code POST users/service_accounts?name=}, then {@code POST users/create_api_key} for its user id. */
    public Key create(String name) {
        HttpUrl createUrl = base.newBuilder()
                .addPathSegments("api/v2/users/service_accounts")
                .addQueryParameter("name", name)
                .build();
        CreatedEnvelope created = call(request(createUrl).post(EMPTY).build(), CREATED);
        Account account = account(created.result());
        byte[] body;
        try {
            body = WRITER.writeValueAsBytes(new MintRequest(HUNDRED_YEARS, account.userId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpUrl mintUrl =
                base.newBuilder().addPathSegments("api/v2/users/create_api_key").build();
        MintedEnvelope minted =
                call(request(mintUrl).post(RequestBody.create(body, JSON)).build(), MINTED);
        return new Key(minted.result().serverSessionId(), account);
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private <T> T call(Request request, ObjectReader reader) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(
                        "HTTP " + response.code() + " from " + request.url().encodedPath());
            }
            return reader.readValue(response.body().byteStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Account account(Collaborator c) {
        return new Account(
                c.id(),
                c.userId(),
                c.name(),
                c.email(),
                c.createdAt() == null ? null : OffsetDateTime.parse(c.createdAt()),
                c.permissionLevel() == null
                        ? null
                        : Level.valueOf(c.permissionLevel().toUpperCase(Locale.ROOT)));
    }
}
