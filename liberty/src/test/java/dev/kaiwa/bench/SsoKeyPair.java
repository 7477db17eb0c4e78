package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of the SSO test issuer: {@code dev-jwt-private.pem} (PKCS#8) signs the JWTs of
 * the benchmark, {@code dev-jwt-public.pem} (X.509 SubjectPublicKeyInfo) is what the server under
 * test trusts. The files are the ones the integration tests use; an existing pair is kept, so a
 * benchmark and the tests of the same build sign with the same key. Both files are readable by
 * their owner only.
 */
public final class SsoKeyPair {
    static final String PRIVATE_KEY_FILE = "dev-jwt-private.pem";
    static final String PUBLIC_KEY_FILE = "dev-jwt-public.pem";

    private SsoKeyPair() {
    }

    /** Creates the key pair in the directory given as the only argument, unless it is there already. */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SsoKeyPair <key directory>");
        }
        Path directory = Path.of(args[0]);
        if (createIfMissing(directory)) {
            System.out.println("Created the SSO test key pair in " + directory);
        }
        else {
            System.out.println("Using the SSO test key pair in " + directory);
        }
    }

    /** Returns whether a new pair was written. */
    static boolean createIfMissing(Path directory) throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return false;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        writeOwnerOnly(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return true;
    }

    static RSAPrivateKey readPrivateKey(Path directory) throws IOException, GeneralSecurityException {
        String text = Files.readString(directory.resolve(PRIVATE_KEY_FILE), US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(text);
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(US_ASCII);
    }
}
