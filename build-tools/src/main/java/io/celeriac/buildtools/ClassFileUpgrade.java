package io.celeriac.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the class files of a jar older than Java 6 (major version 50) as Java 8 class files
 * with stack map frames, in place. Why: the JDK's AOT cache and CDS archives cannot hold classes
 * that need the old verifier, so picocli (compiled for Java 5 to run everywhere) was loaded and
 * verified from its jar at every start of every command, about 0.2 s of a worker's boot. The code
 * itself is unchanged: same instructions, frames computed by ASM, version raised. A jar with
 * nothing to upgrade is left untouched, so running this twice is a no-op.
 *
 * <p>Usage: {@code ClassFileUpgrade JAR...}; exit 1 on a class it cannot upgrade (a {@code jsr}
 * instruction, which Java 7+ class files forbid).
 */
public final class ClassFileUpgrade {
    static final int TARGET = Opcodes.V1_8;
    private static final int OLD_VERIFIER_BELOW = 50;

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        for (String jar : args) {
            int upgraded = upgrade(Path.of(jar));
            System.out.println("[celeriac] " + jar + ": " + upgraded + " class file(s) upgraded to Java 8");
        }
    }

    /** Upgrades JAR in place; the number of classes rewritten (0 leaves the file as it was). */
    public static int upgrade(Path jar) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (ZipFile zip = new ZipFile(jar.toFile());
                URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && majorVersion(bytes) < OLD_VERIFIER_BELOW) {
                    bytes = upgradeClass(bytes, hierarchy);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                target.write(bytes);
                target.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        if (upgraded == 0) {
            Files.delete(out);
        } else {
            Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return upgraded;
    }

    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** One class file at {@link #TARGET}, its frames computed against the classes {@code hierarchy} loads. */
    static byte[] upgradeClass(byte[] classFile, ClassLoader hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        String name = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String className, String signature, String superName, String[] interfaces) {
                super.visit(TARGET, access, className, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, method, descriptor, signature, exceptions)) {
                    @Override
                    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                        if (opcode == Opcodes.JSR) {
                            throw new IllegalStateException(name + "." + method + " uses jsr, which a Java 8 class file cannot hold");
                        }
                        super.visitJumpInsn(opcode, label);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
