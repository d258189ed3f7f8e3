package io.celeriac.file.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Opens a configured directory for work that must stay inside it: the directory itself is opened
 * from its parent without following a link (a link planted in its place fails to open), its owner
 * is read from the opened handle (not from the path, which could be swapped in between), and the
 * handle is a {@link SecureDirectoryStream}, so everything below is reached relative to it.
 */
public final class ContainedDirectory {
    private ContainedDirectory() {
    }

    /** Why a directory is not worked on; the message is one log line's worth. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * @throws RefusedException when {@code directory} is a link, not a directory, not owned by the
     *                          service's user, or the platform offers no secure directory streams
     * @throws IOException      when it cannot be read
     */
    public static SecureDirectoryStream<Path> open(Path directory) throws RefusedException, IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            throw new RefusedException("is a symbolic link (anyone who can write its parent could point it anywhere)");
        }
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("is not a directory");
        }
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new RefusedException("is the file system's root");
        }
        DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent);
        if (!(parentStream instanceof SecureDirectoryStream<Path> secureParent)) {
            parentStream.close();
            throw new RefusedException("cannot be opened safely here: this platform has no secure directory streams");
        }
        SecureDirectoryStream<Path> opened;
        try (secureParent) {
            opened = secureParent.newDirectoryStream(absolute.getFileName(), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw new RefusedException("could not be opened without following a link (" + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
        }
        PosixFileAttributes attributes = opened.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        if (!attributes.owner().equals(ServiceUser.get())) {
            opened.close();
            throw new RefusedException("is owned by " + attributes.owner().getName() + ", not by the service's user "
                    + ServiceUser.get().getName());
        }
        return opened;
    }
}
