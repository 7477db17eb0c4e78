package dev.kaiwa.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Reads and writes key files readable by the server's user only. */
public final class KeyFiles {
    private KeyFiles() {
    }

    /**
     * Writes {@code content} to {@code file} with owner-only permissions, unless the file exists
     * already (another node or an earlier start won the race); either way the file on disk is returned.
     */
    public static byte[] createOwnerOnly(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = Files.createTempFile(file.getParent(), ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.createLink(file, temporary);
            }
            catch (FileAlreadyExistsException e) {
                // keep the one already there
            }
            finally {
                Files.delete(temporary);
            }
            return Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }

    /** The file's content; if it does not exist yet, it is first created owner-only with {@code content}. */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> content) {
        return Files.exists(file) ? read(file) : createOwnerOnly(file, content.get());
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }
}
