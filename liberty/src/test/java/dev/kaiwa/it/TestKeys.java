package dev.kaiwa.it;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Creates the RSA key pair of the test SSO issuer before the server starts: the server trusts the
 * public half, and {@link Jwts} signs test tokens with the private half. Runs from Maven
 * (exec:java) with the key directory as its only argument. Keeps an existing pair, because the
 * server may already have loaded it, and writes key files readable by their owner only.
 */
public final class TestKeys {
    static final String PRIVATE_KEY_FILE = "dev-jwt-private.pem";
    static final String PUBLIC_KEY_FILE = "dev-jwt-public.pem";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private TestKeys() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TestKeys <key directory>");
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        if (createIfMissing(directory)) {
            System.out.println("Created test SSO key pair in " + directory);
        }
        else {
            System.out.println("Keeping the test SSO key pair in " + directory);
        }
    }

    /** Creates the key pair unless the private key exists; true when it created one. */
    static boolean createIfMissing(Path directory) throws IOException, NoSuchAlgorithmException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        if (Files.exists(privateFile)) {
            return false;
        }
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        if (!createOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()))) {
            // The server generated its own pair meanwhile; its public key belongs to that one.
            return false;
        }
        replaceOwnerOnly(directory.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return true;
    }

    /**
     * Writes a file that appears complete or not at all (a hard link to a finished temporary file),
     * never replacing one that exists; false when the file was there already.
     */
    private static boolean createOwnerOnly(Path file, byte[] content) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
        Path temporary = Files.createTempFile(file.getParent(), ".key", ".tmp", ownerOnly);
        try {
            Files.write(temporary, content);
            Files.createLink(file, temporary);
            return true;
        }
        catch (FileAlreadyExistsException e) {
            return false;
        }
        finally {
            Files.delete(temporary);
        }
    }

    /** Writes a file that appears complete, replacing any stale one (a public key must match our private key). */
    private static void replaceOwnerOnly(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".key", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(US_ASCII);
    }
}
