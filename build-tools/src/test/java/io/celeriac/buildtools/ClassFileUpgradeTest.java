package io.celeriac.buildtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassFileUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void upgradesEveryOldClassOfPicocliAndTheSplitVerifierAcceptsThem() throws Exception {
        Path jar = copyOfPicocli();
        int upgraded = ClassFileUpgrade.upgrade(jar);

        assertTrue(upgraded > 100, "picocli's classes are Java 5 class files: " + upgraded);
        List<String> classes = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        assertEquals(52, ClassFileUpgrade.majorVersion(in.readAllBytes()), entry.getName());
                    }
                    classes.add(entry.getName().replace('/', '.').substring(0, entry.getName().length() - ".class".length()));
                }
            }
        }
        // linking a class verifies it: with Java 8 class files, against the stack map frames written
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                Class<?> type = Class.forName(name, false, loader);
                type.getDeclaredMethods();
                Class.forName(name, true, loader);
            }
        }
    }

    @Test
    void theUpgradedPicocliParsesAsBefore() throws Exception {
        Path jar = copyOfPicocli();
        ClassFileUpgrade.upgrade(jar);
        // the sample command loaded again beside the upgraded jar, so its annotations are that jar's
        URL testClasses = SampleCommand.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), testClasses}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(0, execute(loader, "--queues=ai_tasks", "--concurrency=3"));
            assertEquals(2, execute(loader, "--concurrency=abc"));
        }
    }

    private static int execute(ClassLoader loader, String... args) throws Exception {
        Object command = loader.loadClass(SampleCommand.class.getName()).getConstructor().newInstance();
        Object commandLine = loader.loadClass("picocli.CommandLine").getConstructor(Object.class).newInstance(command);
        commandLine.getClass().getMethod("setErr", java.io.PrintWriter.class).invoke(commandLine, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        return (int) commandLine.getClass().getMethod("execute", String[].class).invoke(commandLine, (Object) args);
    }

    @Test
    void aJarWithNothingOldIsLeftAsItWas() throws Exception {
        Path jar = copyOfPicocli();
        ClassFileUpgrade.upgrade(jar);
        byte[] once = Files.readAllBytes(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();

        assertEquals(0, ClassFileUpgrade.upgrade(jar));
        assertEquals(modified, Files.getLastModifiedTime(jar).toMillis());
        assertTrue(java.util.Arrays.equals(once, Files.readAllBytes(jar)));
    }

    private Path copyOfPicocli() throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.copy(original, dir.resolve("picocli.jar"));
    }
}
