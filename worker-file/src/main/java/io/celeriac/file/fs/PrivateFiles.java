package io.celeriac.file.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Directories only the service can enter (0700) and files only it can read (0600). */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    public static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    /**
     * Makes {@code directory} (created 0700 with any missing parents, whatever the umask) or, when
     * it exists with group or other permissions, tightens it to 0700.
     *
     * @return the mode it had when it was tightened ({@code rwxr-xr-x}), else null
     */
    public static String ensureDirectory(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, DIRECTORY); // createDirectories' mode is filtered by the umask
            return null;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
        if (current.equals(DIRECTORY)) {
            return null;
        }
        Files.setPosixFilePermissions(directory, DIRECTORY);
        return PosixFilePermissions.toString(current);
    }
}
