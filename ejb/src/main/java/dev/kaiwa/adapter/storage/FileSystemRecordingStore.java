package dev.kaiwa.adapter.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import dev.kaiwa.storage.BlobConflictException;
import dev.kaiwa.storage.BlobIntegrityException;
import dev.kaiwa.storage.BlobNotFoundException;
import dev.kaiwa.storage.BlobWriter;
import dev.kaiwa.storage.ChecksumMismatchException;
import dev.kaiwa.storage.RecordingStore;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StorageUsage;
import dev.kaiwa.storage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stores blobs as files under a root directory, one file per {@link StorageKey} (so the layout shows ids
 * only: {@code recordings/<id>/chunks/<seq>}, {@code recordings/<id>/media.webm}), each encrypted with Tink's
 * streaming AEAD. The key is the associated data, so a file copied to another key fails to decrypt; the
 * keyset's primary key encrypts, every key in it decrypts. A write streams through the cipher into a
 * temporary file in the target's directory, is synced, then moved into place (no partial file is ever
 * visible and no plaintext touches the disk). Files and directories are owner-only.
 *
 * <p>Create-once writes are serialized per key within this JVM; several servers writing the same key on a
 * shared file system are not coordinated.
 */
public final class FileSystemRecordingStore implements RecordingStore {
    /** How often a delete walks a folder again when files appeared in it meanwhile. */
    private static final int DELETE_PASSES = 3;
    private static final String RECORDINGS = "recordings";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Pattern CHUNK_FILE = Pattern.compile("[0-9]{1,10}");
    private static final int LOCK_STRIPES = 64;
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;
    private final StreamingAead aead;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public FileSystemRecordingStore(Path root, KeysetHandle keyset) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.aead = StorageKeysets.streamingAead(requireNonNull(keyset, "keyset is null"), "the given keyset");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The directory everything is stored under. */
    public Path root() {
        return root;
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content) {
        return write(key, content, null);
    }

    @Override
    public StoredBlob write(StorageKey key, InputStream content, Sha256 expected) {
        requireNonNull(content, "content is null");
        try (BlobWriter writer = writer(key)) {
            content.transferTo(writer);
            return expected == null ? writer.commit() : writer.commit(expected);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public BlobWriter writer(StorageKey key) {
        requireNonNull(key, "key is null");
        Path target = path(key);
        Path temporary = null;
        FileChannel channel = null;
        try {
            createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMPORARY_SUFFIX,
                    ownerOnly("rw-------"));
            channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            OutputStream ciphertext = aead.newEncryptingStream(new UnclosableChannelOutput(channel),
                    associatedData(key));
            return new FileBlobWriter(key, target, temporary, channel, ciphertext);
        }
        catch (IOException | GeneralSecurityException e) {
            closeQuietly(channel);
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot start writing " + key,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public InputStream read(StorageKey key) {
        return read(key, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream read(StorageKey key, long offset, long length) {
        requireNonNull(key, "key is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        DecryptingChannel channel = open(key);
        try {
            channel.plaintext().position(offset);
        }
        catch (IOException e) {
            closeQuietly(channel.plaintext());
            throw new UncheckedIOException(channel.failure(key, e));
        }
        return new PlaintextInputStream(key, channel, length);
    }

    @Override
    public long size(StorageKey key) {
        requireNonNull(key, "key is null");
        DecryptingChannel channel = open(key);
        try (SeekableByteChannel plaintext = channel.plaintext()) {
            // The first read finds the key that decrypts the blob and authenticates the first segment;
            // the plaintext size then follows from the ciphertext size.
            plaintext.read(ByteBuffer.allocate(1));
            return plaintext.size();
        }
        catch (IOException e) {
            throw new UncheckedIOException(channel.failure(key, e));
        }
    }

    @Override
    public boolean exists(StorageKey key) {
        return Files.isRegularFile(path(requireNonNull(key, "key is null")));
    }

    @Override
    public void delete(StorageKey key) {
        requireNonNull(key, "key is null");
        try {
            Files.deleteIfExists(path(key));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + key, e);
        }
    }

    @Override
    public List<Integer> chunkSequences(String recordingId) {
        Path directory = root.resolve(StorageKey.chunksPrefix(recordingId));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> CHUNK_FILE.matcher(name).matches())
                    .map(Long::parseLong)
                    .filter(sequence -> sequence <= Integer.MAX_VALUE)
                    .map(Long::intValue)
                    .sorted()
                    .toList();
        }
        catch (NoSuchFileException e) {
            return List.of();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the chunks of a recording", e);
        }
    }

    @Override
    public InputStream readChunks(String recordingId, List<Integer> sequences) {
        StorageKey.requireRecordingId(recordingId);
        Iterator<Integer> remaining = List.copyOf(sequences).iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return remaining.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!remaining.hasNext()) {
                    throw new NoSuchElementException();
                }
                return read(StorageKey.chunk(recordingId, remaining.next()));
            }
        });
    }

    @Override
    public void deleteChunks(String recordingId) {
        deleteTree(root.resolve(StorageKey.chunksPrefix(recordingId)));
    }

    @Override
    public void deleteRecording(String recordingId) {
        deleteTree(root.resolve(StorageKey.recordingPrefix(recordingId)));
    }

    @Override
    public StorageUsage usage(String recordingId) {
        return usageUnder(root.resolve(StorageKey.recordingPrefix(recordingId)));
    }

    @Override
    public StorageUsage usage() {
        return usageUnder(root.resolve(RECORDINGS));
    }

    @Override
    public void checkAvailable() {
        try {
            createDirectories(root);
        }
        catch (IOException e) {
            throw new IllegalStateException("Storage root " + root + " cannot be created (kaiwa.storage.root)", e);
        }
        if (!Files.isWritable(root)) {
            throw new IllegalStateException("Storage root " + root + " is not writable (kaiwa.storage.root)");
        }
    }

    private Path path(StorageKey key) {
        return root.resolve(key.value());
    }

    private static byte[] associatedData(StorageKey key) {
        return key.value().getBytes(UTF_8);
    }

    private Object lock(StorageKey key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private DecryptingChannel open(StorageKey key) {
        FileChannel file;
        try {
            file = FileChannel.open(path(key), StandardOpenOption.READ);
        }
        catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open " + key, e);
        }
        TrackingChannel ciphertext = new TrackingChannel(file);
        try {
            return new DecryptingChannel(ciphertext, aead.newSeekableDecryptingChannel(ciphertext, associatedData(key)));
        }
        catch (IOException | GeneralSecurityException e) {
            closeQuietly(file);
            throw new UncheckedIOException(new BlobIntegrityException(key, e));
        }
    }

    private Sha256 digestOf(StorageKey key) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = read(key); OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(),
                digest)) {
            in.transferTo(out);
        }
        return Sha256.of(digest.digest());
    }

    private void createDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly("rwx------"));
        }
    }

    private FileAttribute<?>[] ownerOnly(String permissions) {
        return root.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Deletes a folder and everything in it. Another thread may delete parts of it at the same time (a recording
     * deleted while its finalization drops the chunks): what is already gone is skipped, and the walk goes on,
     * so nothing it should delete is left behind. If files keep appearing, it gives up after a few passes.
     */
    private static void deleteTree(Path top) {
        for (int pass = 0; pass < DELETE_PASSES && Files.exists(top, LinkOption.NOFOLLOW_LINKS); pass++) {
            try {
                Files.walkFileTree(top, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                        if (failure instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw failure;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                        if (failure != null && !(failure instanceof NoSuchFileException)) {
                            throw failure;
                        }
                        try {
                            Files.deleteIfExists(directory);
                        }
                        catch (DirectoryNotEmptyException e) {
                            // something was written into it meanwhile: the next pass takes it
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            catch (NoSuchFileException e) {
                // the top itself went concurrently: the goal is reached
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + top.getFileName(), e);
            }
        }
        if (Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException("cannot delete " + top.getFileName() + ": files keep appearing in it",
                    new DirectoryNotEmptyException(top.getFileName().toString()));
        }
    }

    private static StorageUsage usageUnder(Path top) {
        if (!Files.isDirectory(top)) {
            return StorageUsage.EMPTY;
        }
        List<Long> sizes = Collections.synchronizedList(new ArrayList<>());
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        sizes.add(attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + top.getFileName(), e);
        }
        return new StorageUsage(sizes.size(), sizes.stream().mapToLong(Long::longValue).sum());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            }
            catch (Exception e) {
                // already failing or discarding
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                // a left-over temporary file is ignored by listings and removed with its recording
            }
        }
    }

    /** A decrypting view and the file channel below it, to tell disk failures from failed authentication. */
    private record DecryptingChannel(TrackingChannel ciphertext, SeekableByteChannel plaintext) {
        IOException failure(StorageKey key, IOException e) {
            return ciphertext.failed() ? e : new BlobIntegrityException(key, e);
        }
    }

    /** Plaintext bytes of one blob from a position, at most a given number of them. */
    private static final class PlaintextInputStream extends InputStream {
        private final StorageKey key;
        private final DecryptingChannel channel;
        private long remaining;

        PlaintextInputStream(StorageKey key, DecryptingChannel channel, long length) {
            this.key = key;
            this.channel = channel;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            ByteBuffer target = ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining));
            try {
                int n;
                do {
                    n = channel.plaintext().read(target);
                } while (n == 0);
                if (n < 0) {
                    remaining = 0;
                    return -1;
                }
                remaining -= n;
                return n;
            }
            catch (IOException e) {
                throw channel.failure(key, e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.plaintext().close();
        }
    }

    /** An output stream onto a file channel that leaves the channel open, so it can be synced after the cipher closes. */
    private static final class UnclosableChannelOutput extends OutputStream {
        private final FileChannel channel;

        UnclosableChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
            while (source.hasRemaining()) {
                channel.write(source);
            }
        }

        @Override
        public void close() {
            // the writer syncs and closes the channel
        }
    }

    private final class FileBlobWriter extends BlobWriter {
        private final StorageKey key;
        private final Path target;
        private final Path temporary;
        private final FileChannel channel;
        private final OutputStream ciphertext;
        private final MessageDigest digest = Sha256.newDigest();
        private long written;
        private boolean finished;

        FileBlobWriter(StorageKey key, Path target, Path temporary, FileChannel channel, OutputStream ciphertext) {
            this.key = key;
            this.target = target;
            this.temporary = temporary;
            this.channel = channel;
            this.ciphertext = ciphertext;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (finished) {
                throw new IOException("the write of " + key + " is already finished");
            }
            ciphertext.write(buffer, offset, length);
            digest.update(buffer, offset, length);
            written += length;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public StoredBlob commit() throws IOException {
            return finish(null);
        }

        @Override
        public StoredBlob commit(Sha256 expected) throws IOException {
            return finish(requireNonNull(expected, "expected is null"));
        }

        private StoredBlob finish(Sha256 expected) throws IOException {
            if (finished) {
                throw new IllegalStateException("the write of " + key + " is already finished");
            }
            finished = true;
            boolean moved = false;
            try {
                ciphertext.close();
                channel.force(true);
                channel.close();
                Sha256 actual = Sha256.of(digest.digest());
                if (expected != null && !expected.equals(actual)) {
                    throw new ChecksumMismatchException(key, expected, actual);
                }
                synchronized (lock(key)) {
                    if (Files.exists(target)) {
                        if (size(key) != written || !digestOf(key).equals(actual)) {
                            throw new BlobConflictException(key);
                        }
                        return new StoredBlob(key, written, actual, false);
                    }
                    move(temporary, target);
                    moved = true;
                }
                syncDirectory(target.getParent());
                return new StoredBlob(key, written, actual, true);
            }
            finally {
                if (!moved) {
                    closeQuietly(channel);
                    deleteQuietly(temporary);
                }
            }
        }

        private void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the storage file system cannot rename atomically", e);
            }
        }

        @Override
        public void close() {
            if (!finished) {
                finished = true;
                closeQuietly(channel);
                deleteQuietly(temporary);
            }
        }
    }
}
