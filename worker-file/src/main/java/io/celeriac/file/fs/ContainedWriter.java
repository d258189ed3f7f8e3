package io.celeriac.file.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.nio.file.OpenOption;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes new files below a directory without ever following a link: every directory on the way is
 * opened from its parent's handle with NOFOLLOW_LINKS, every file is created relative to the handle
 * of its directory (CREATE_NEW, NOFOLLOW_LINKS, 0600), and a missing directory is made in a private
 * staging directory and renamed into place relative to the parent's handle (NIO has no mkdirat).
 * No path below the root is resolved by name, so a link planted or swapped in mid-way leads nowhere:
 * the write is refused, or lands in the directory that was opened.
 */
public final class ContainedWriter implements AutoCloseable {
    private final Path root;
    private final SecureDirectoryStream<Path> rootStream;
    private final Map<String, SecureDirectoryStream<Path>> opened = new HashMap<>();
    private String stagingName;
    private SecureDirectoryStream<Path> staging;
    private int made;

    private ContainedWriter(Path root, SecureDirectoryStream<Path> rootStream) {
        this.root = root;
        this.rootStream = rootStream;
    }

    /** @throws ContainedDirectory.RefusedException when {@code root} is a link, not a directory or not the service's */
    public static ContainedWriter open(Path root) throws ContainedDirectory.RefusedException, IOException {
        return new ContainedWriter(root, ContainedDirectory.open(root));
    }

    /**
     * Writes a new file at {@code path} (components below the root), with {@code content} and
     * {@code modified} as its modification time.
     *
     * @throws ContainedDirectory.RefusedException when a component is a link or not a directory, or the file exists
     */
    public void write(List<String> path, InputStream content, FileTime modified) throws ContainedDirectory.RefusedException, IOException {
        SecureDirectoryStream<Path> dir = rootStream;
        StringBuilder where = new StringBuilder();
        for (String component : path.subList(0, path.size() - 1)) {
            where.append(component).append('/');
            SecureDirectoryStream<Path> next = opened.get(where.toString());
            if (next == null) {
                next = directory(dir, component, where.toString());
                opened.put(where.toString(), next);
            }
            dir = next;
        }
        Path name = Path.of(path.get(path.size() - 1));
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel channel = dir.newByteChannel(name, options, PrivateFiles.fileMode());
             OutputStream out = Channels.newOutputStream(channel)) {
            content.transferTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new ContainedDirectory.RefusedException(where.toString() + name + " already exists (a file, a directory or a link); nothing is overwritten");
        }
        dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(modified, null, null);
    }

    /** Opens (or makes) {@code component} of {@code parent} without following a link. */
    private SecureDirectoryStream<Path> directory(SecureDirectoryStream<Path> parent, String component, String where)
            throws ContainedDirectory.RefusedException, IOException {
        Path name = Path.of(component);
        BasicFileAttributes attributes = null;
        try {
            attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException missing) {
            make(parent, name);
        }
        if (attributes != null && !attributes.isDirectory()) {
            throw new ContainedDirectory.RefusedException(where + " is " + (attributes.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + "; restore never follows links");
        }
        try {
            return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw new ContainedDirectory.RefusedException(where + " changed into something that is not a directory while being restored into");
        }
    }

    /** A new 0700 directory {@code name} in {@code parent}: made in the staging directory, renamed into place by handle. */
    private void make(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        if (staging == null) {
            stagingName = ".celeriac-restore-" + UUID.randomUUID();
            Files.createDirectory(root.resolve(stagingName), PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
            staging = rootStream.newDirectoryStream(Path.of(stagingName), LinkOption.NOFOLLOW_LINKS);
        }
        Path fresh = Path.of("d" + made++);
        Files.createDirectory(root.resolve(stagingName).resolve(fresh), PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
        staging.move(fresh, parent, name);
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (SecureDirectoryStream<Path> stream : opened.values()) {
            closeQuietly(stream, failures);
        }
        if (staging != null) {
            closeQuietly(staging, failures);
            try {
                rootStream.deleteDirectory(Path.of(stagingName));
            } catch (IOException e) {
                failures.add(e);
            }
        }
        closeQuietly(rootStream, failures);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void closeQuietly(SecureDirectoryStream<Path> stream, List<IOException> failures) {
        try {
            stream.close();
        } catch (IOException e) {
            failures.add(e);
        }
    }
}
