package io.jenkins.plugins.anyscale.client;

/** This library's version, from the jar manifest ({@code dev} when run from classes). */
final class Version {

    static final String CURRENT = current();

    private Version() {}

    private static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
