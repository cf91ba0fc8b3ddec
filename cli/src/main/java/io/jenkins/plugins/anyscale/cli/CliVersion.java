package io.jenkins.plugins.anyscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** This command line's version, from {@code version.properties} (filtered by Maven); {@code dev} without it. */
final class CliVersion implements IVersionProvider {

    static final String CURRENT = read();

    private static String read() {
        try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            return version == null || version.startsWith("$") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "anyscale-cli " + CURRENT, "Java ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version})"
        };
    }
}
