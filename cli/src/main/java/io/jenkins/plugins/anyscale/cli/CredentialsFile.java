package io.jenkins.plugins.anyscale.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code ~/.anyscale/credentials.json}, {@code {"cli_token": "..."}}, as Anyscale's CLI writes it. A file that its
 * group or others may access is refused, as ssh refuses such a private key: Anyscale's CLI only warns about it
 * ("Permissions for your credentials file ... are not secure"), and this command line reads nothing it cannot trust.
 * Messages never quote the file's content.
 */
final class CredentialsFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Path path;

    CredentialsFile(Path home) {
        this.path = location(home);
    }

    static Path location(Path home) {
        return home.resolve(".anyscale").resolve("credentials.json");
    }

    Path path() {
        return path;
    }

    /**
     * The {@code cli_token} of the file.
     *
     * @throws ConfigurationException if the file is missing, accessible by others, not JSON, or has no token
     */
    String readToken() {
        if (!Files.exists(path)) {
            throw new ConfigurationException("No Anyscale API token: set " + CliConfiguration.TOKEN_VARIABLE
                    + ", or write {\"cli_token\": \"<your API key>\"} to " + path + " (readable only by you).");
        }
        checkPrivate();
        String token;
        try (InputStream in = Files.newInputStream(path)) {
            token = cliToken(in);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(path + " disappeared while it was read; run the command again.");
        } catch (IOException e) {
            // The parser's message may quote the content, which holds the token: only say where it went wrong.
            throw new ConfigurationException(
                    path + " is not valid JSON: write it again as {\"cli_token\": \"<your API key>\"}.");
        }
        if (token == null || token.isBlank()) {
            throw new ConfigurationException(
                    path + " has no \"cli_token\": write it again as {\"cli_token\": \"<your API key>\"}.");
        }
        return token;
    }

    private void checkPrivate() {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX permissions (Windows): its ACLs are the user profile's; Anyscale's CLI skips it too
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the permissions of " + path + ": " + e.getMessage());
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new ConfigurationException(path + " holds your API token but others may access it ("
                    + PosixFilePermissions.toString(permissions) + "). Make it yours alone: chmod 600 " + path);
        }
    }

    /** The top-level {@code cli_token} string, or {@code null}. */
    private static String cliToken(InputStream in) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            String token = null;
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("cli_token".equals(field) && value == JsonToken.VALUE_STRING) {
                    token = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("not an object");
            }
            return token;
        }
    }
}
