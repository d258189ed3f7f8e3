package io.celeriac.file.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * The user this process runs as, as the file system names owners: what a directory the service
 * sweeps or restores into must be owned by. Read from what the process certainly owns ({@code
 * /proc/self} on Linux, else a file it creates), so it works for a numeric user without a name.
 */
public final class ServiceUser {
    private static volatile UserPrincipal user;

    private ServiceUser() {
    }

    public static UserPrincipal get() {
        UserPrincipal known = user;
        if (known == null) {
            known = read();
            user = known;
        }
        return known;
    }

    private static UserPrincipal read() {
        try {
            Path self = Path.of("/proc/self");
            if (Files.isDirectory(self)) {
                return Files.readAttributes(self, PosixFileAttributes.class).owner();
            }
            Path probe = Files.createTempFile("celeriac-owner", ".probe");
            try {
                return Files.readAttributes(probe, PosixFileAttributes.class).owner();
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell which user this process runs as", e);
        }
    }
}
