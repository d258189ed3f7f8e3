package io.celeriac.core;

/** The running Celeriac version, from the jar manifest when packaged. */
public final class Version {
    public static final String VERSION = detect();

    private Version() {
    }

    private static String detect() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
