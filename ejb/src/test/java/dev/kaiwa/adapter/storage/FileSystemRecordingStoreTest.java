package dev.kaiwa.adapter.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.kaiwa.storage.BlobConflictException;
import dev.kaiwa.storage.BlobIntegrityException;
import dev.kaiwa.storage.BlobNotFoundException;
import dev.kaiwa.storage.BlobWriter;
import dev.kaiwa.storage.ChecksumMismatchException;
import dev.kaiwa.storage.Sha256;
import dev.kaiwa.storage.StorageKey;
import dev.kaiwa.storage.StorageUsage;
import dev.kaiwa.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemRecordingStoreTest {
    /** AES256_GCM_HKDF_1MB: 1 MB ciphertext segments, a 40-byte header in the first one, a 16-byte tag in each. */
    private static final int SEGMENT = 1 << 20;
    private static final int FIRST_SEGMENT_PLAINTEXT = SEGMENT - 40 - 16;
    private static final int SEGMENT_PLAINTEXT = SEGMENT - 16;
    private static final String RECORDING = "rec-0001";
    private static final byte[] MARKER = "PLAINTEXT-MARKER-kaiwa-recording-0123456789".getBytes(UTF_8);
    private static final KeysetHandle KEYSET = StorageKeysets.parse(StorageKeysets.generate(), "test");

    @TempDir
    Path temporaryDirectory;

    private Path root;
    private FileSystemRecordingStore store;
    private ExecutorService executor;

    @BeforeEach
    void createStore() {
        root = temporaryDirectory.resolve("store");
        store = new FileSystemRecordingStore(root, KEYSET);
    }

    @AfterEach
    void stopExecutor() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4096, FIRST_SEGMENT_PLAINTEXT - 1, FIRST_SEGMENT_PLAINTEXT, FIRST_SEGMENT_PLAINTEXT + 1,
            SEGMENT, FIRST_SEGMENT_PLAINTEXT + SEGMENT_PLAINTEXT, FIRST_SEGMENT_PLAINTEXT + SEGMENT_PLAINTEXT + 1,
            3 * SEGMENT + 17})
    void writtenBlobReadsBackWithItsSizeAndChecksum(int size) throws IOException {
        byte[] content = content(size, size);
        StorageKey key = StorageKey.media(RECORDING);

        StoredBlob stored = store.write(key, new ByteArrayInputStream(content));

        assertThat(stored).isEqualTo(new StoredBlob(key, size, Sha256.digest(content), true));
        assertThat(store.exists(key)).isTrue();
        assertThat(store.size(key)).isEqualTo(size);
        assertThat(readAll(store.read(key))).isEqualTo(content);
        assertThat(Files.size(root.resolve(key.value()))).as("ciphertext is larger: header and tags")
                .isGreaterThan(size);
    }

    @Test
    void bytesOnDiskAreNotThePlaintext() throws IOException {
        byte[] content = repeatedMarker(2 * SEGMENT);
        StorageKey key = StorageKey.chunk(RECORDING, 0);

        store.write(key, new ByteArrayInputStream(content));

        byte[] onDisk = Files.readAllBytes(root.resolve("recordings").resolve(RECORDING).resolve("chunks").resolve("0"));
        assertThat(indexOf(onDisk, MARKER)).as("the plaintext pattern appears on disk").isEqualTo(-1);
        assertThat(indexOf(onDisk, Arrays.copyOf(MARKER, 12))).isEqualTo(-1);
        assertThat(readAll(store.read(key))).isEqualTo(content);
    }

    @Test
    void rangesReadAnyPartOfTheBlobAcrossSegmentsAndUpToTheEnd() throws IOException {
        int size = FIRST_SEGMENT_PLAINTEXT + 2 * SEGMENT_PLAINTEXT + 1000;
        byte[] content = content(size, 7);
        StorageKey key = StorageKey.media(RECORDING);
        store.write(key, new ByteArrayInputStream(content));
        int secondBoundary = FIRST_SEGMENT_PLAINTEXT + SEGMENT_PLAINTEXT;

        long[][] ranges = {
                {0, 1}, {0, 100}, {1, 99}, {5000, 20000},
                {FIRST_SEGMENT_PLAINTEXT - 1, 2}, {FIRST_SEGMENT_PLAINTEXT - 10, 20}, {FIRST_SEGMENT_PLAINTEXT, 1},
                {FIRST_SEGMENT_PLAINTEXT, SEGMENT_PLAINTEXT}, {FIRST_SEGMENT_PLAINTEXT - 100, SEGMENT_PLAINTEXT + 200},
                {secondBoundary - 3, 6}, {100, size - 200}, {0, size}, {size - 1, 1}, {size - 10, 10}};
        for (long[] range : ranges) {
            int offset = (int) range[0];
            int length = (int) range[1];
            assertThat(readAll(store.read(key, offset, length))).as("range %d+%d", offset, length)
                    .isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
        }
        assertThat(readAll(store.read(key, size - 10, 1000))).as("a range past the end stops at the end")
                .isEqualTo(Arrays.copyOfRange(content, size - 10, size));
        assertThat(readAll(store.read(key, secondBoundary, Long.MAX_VALUE)))
                .isEqualTo(Arrays.copyOfRange(content, secondBoundary, size));
        assertThat(readAll(store.read(key, size, 10))).as("an offset at the end yields nothing").isEmpty();
        assertThat(readAll(store.read(key, size + 5000L, 10))).as("an offset past the end yields nothing").isEmpty();
        assertThat(readAll(store.read(key, 100, 0))).isEmpty();
        assertThatThrownBy(() -> store.read(key, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleByteReadsFollowTheRange() throws IOException {
        byte[] content = content(1000, 3);
        StorageKey key = StorageKey.media(RECORDING);
        store.write(key, new ByteArrayInputStream(content));

        try (InputStream in = store.read(key, 998, 10)) {
            assertThat(in.read()).isEqualTo(content[998] & 0xFF);
            assertThat(in.read()).isEqualTo(content[999] & 0xFF);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void missingBlobIsNotFoundAndDoesNotExist() {
        StorageKey key = StorageKey.media(RECORDING);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.read(key)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.read(key, 10, 10)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(BlobNotFoundException.class)
                .satisfies(e -> assertThat(((BlobNotFoundException) e).key()).isEqualTo(key));
    }

    @Test
    void deleteRemovesTheBlobAndIgnoresMissingOnes() {
        StorageKey key = StorageKey.chunk(RECORDING, 3);
        store.write(key, new ByteArrayInputStream(content(100, 1)));

        store.delete(key);
        store.delete(key);

        assertThat(store.exists(key)).isFalse();
        assertThat(store.chunkSequences(RECORDING)).isEmpty();
    }

    @Test
    void sameContentAgainIsANoOpAndOtherContentConflicts() throws IOException {
        StorageKey key = StorageKey.chunk(RECORDING, 0);
        byte[] content = content(FIRST_SEGMENT_PLAINTEXT + 500, 11);
        byte[] other = content(FIRST_SEGMENT_PLAINTEXT + 500, 12);
        StoredBlob first = store.write(key, new ByteArrayInputStream(content));

        StoredBlob again = store.write(key, new ByteArrayInputStream(content), Sha256.digest(content));

        assertThat(again).isEqualTo(new StoredBlob(key, content.length, first.sha256(), false));
        assertThatThrownBy(() -> store.write(key, new ByteArrayInputStream(other)))
                .isInstanceOf(BlobConflictException.class)
                .satisfies(e -> assertThat(((BlobConflictException) e).key()).isEqualTo(key));
        assertThatThrownBy(() -> store.write(key, new ByteArrayInputStream(Arrays.copyOf(content, 10))))
                .as("a prefix of the stored content is other content").isInstanceOf(BlobConflictException.class);
        assertThat(readAll(store.read(key))).as("the stored blob stays as it was").isEqualTo(content);
        assertThat(filesUnder(root)).containsExactly(root.resolve(key.value()));
    }

    @Test
    void concurrentWritesOfOneKeyStoreOneContent() throws Exception {
        StorageKey key = StorageKey.media(RECORDING);
        int writers = 6;
        executor = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<byte[]> contents = new ArrayList<>();
        List<Future<StoredBlob>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = content(20_000, 100 + i % 2);
            contents.add(content);
            results.add(executor.submit(() -> {
                start.await();
                return store.write(key, new ByteArrayInputStream(content));
            }));
        }
        start.countDown();

        List<StoredBlob> created = new ArrayList<>();
        List<StoredBlob> unchanged = new ArrayList<>();
        int conflicts = 0;
        for (Future<StoredBlob> result : results) {
            try {
                StoredBlob blob = result.get(2, TimeUnit.MINUTES);
                (blob.created() ? created : unchanged).add(blob);
            }
            catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BlobConflictException.class);
                conflicts++;
            }
        }

        assertThat(created).hasSize(1);
        byte[] stored = readAll(store.read(key));
        assertThat(Sha256.digest(stored)).isEqualTo(created.get(0).sha256());
        assertThat(unchanged).allSatisfy(blob -> assertThat(blob.sha256()).isEqualTo(created.get(0).sha256()));
        long sameAsStored = contents.stream().filter(content -> Arrays.equals(content, stored)).count();
        assertThat(created.size() + unchanged.size()).isEqualTo(sameAsStored);
        assertThat(conflicts).isEqualTo(writers - sameAsStored);
        assertThat(filesUnder(root)).as("no temporary file is left").containsExactly(root.resolve(key.value()));
    }

    @Test
    void checksumMismatchStoresNothingAndLeavesNoTemporaryFile() throws IOException {
        StorageKey key = StorageKey.chunk(RECORDING, 0);
        byte[] content = content(SEGMENT + 10, 21);
        Sha256 wrong = Sha256.digest(content(10, 22));

        assertThatThrownBy(() -> store.write(key, new ByteArrayInputStream(content), wrong))
                .isInstanceOf(ChecksumMismatchException.class)
                .satisfies(e -> {
                    ChecksumMismatchException mismatch = (ChecksumMismatchException) e;
                    assertThat(mismatch.key()).isEqualTo(key);
                    assertThat(mismatch.expected()).isEqualTo(wrong);
                    assertThat(mismatch.actual()).isEqualTo(Sha256.digest(content));
                });

        assertThat(store.exists(key)).isFalse();
        assertThat(filesUnder(root)).isEmpty();
        assertThat(store.usage(RECORDING).blobs()).isZero();
        assertThat(store.chunkSequences(RECORDING)).isEmpty();
        StoredBlob stored = store.write(key, new ByteArrayInputStream(content), Sha256.digest(content));
        assertThat(stored.created()).isTrue();
        assertThat(readAll(store.read(key))).isEqualTo(content);
    }

    @Test
    void streamingWriterStoresOnCommitAndDiscardsOnClose() throws IOException {
        StorageKey committed = StorageKey.chunk(RECORDING, 1);
        StorageKey discarded = StorageKey.chunk(RECORDING, 2);
        byte[] content = content(FIRST_SEGMENT_PLAINTEXT + 3, 31);

        StoredBlob blob;
        try (BlobWriter writer = store.writer(committed)) {
            writer.write(content, 0, 1000);
            writer.write(content[1000]);
            writer.write(content, 1001, content.length - 1001);
            assertThat(writer.written()).isEqualTo(content.length);
            assertThat(store.exists(committed)).as("invisible before the commit").isFalse();
            blob = writer.commit();
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> writer.write(1)).isInstanceOf(IOException.class);
        }
        try (BlobWriter writer = store.writer(discarded)) {
            writer.write(content);
        }

        assertThat(blob).isEqualTo(new StoredBlob(committed, content.length, Sha256.digest(content), true));
        assertThat(readAll(store.read(committed))).isEqualTo(content);
        assertThat(store.exists(discarded)).isFalse();
        assertThat(filesUnder(root)).containsExactly(root.resolve(committed.value()));
    }

    @Test
    void blobCopiedToAnotherKeyDoesNotDecrypt() throws IOException {
        StorageKey original = StorageKey.chunk(RECORDING, 0);
        StorageKey copy = StorageKey.chunk(RECORDING, 1);
        StorageKey otherRecording = StorageKey.chunk("rec-0002", 0);
        store.write(original, new ByteArrayInputStream(content(5000, 41)));
        store.write(otherRecording, new ByteArrayInputStream(content(10, 42)));
        Files.copy(root.resolve(original.value()), root.resolve(copy.value()));
        Files.copy(root.resolve(original.value()), root.resolve(otherRecording.value()),
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> readAll(store.read(copy))).isInstanceOf(BlobIntegrityException.class)
                .satisfies(e -> assertThat(((BlobIntegrityException) e).key()).isEqualTo(copy));
        assertThatThrownBy(() -> readAll(store.read(otherRecording))).isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> readAll(store.read(copy, 100, 10))).isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> store.size(copy)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BlobIntegrityException.class);
        assertThat(readAll(store.read(original))).isEqualTo(content(5000, 41));
    }

    @Test
    void blobWrittenWithAnotherKeysetDoesNotDecrypt() throws IOException {
        StorageKey key = StorageKey.media(RECORDING);
        FileSystemRecordingStore foreign = new FileSystemRecordingStore(root,
                StorageKeysets.parse(StorageKeysets.generate(), "other"));
        foreign.write(key, new ByteArrayInputStream(content(100, 51)));

        assertThatThrownBy(() -> readAll(store.read(key))).isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> store.write(key, new ByteArrayInputStream(content(100, 51))))
                .as("a blob that does not decrypt is never taken for the same content")
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void tamperingWithAnyByteIsDetected() throws IOException {
        int size = FIRST_SEGMENT_PLAINTEXT + SEGMENT_PLAINTEXT + 5000;
        byte[] content = content(size, 61);
        StorageKey key = StorageKey.media(RECORDING);
        store.write(key, new ByteArrayInputStream(content));
        Path file = root.resolve(key.value());
        byte[] original = Files.readAllBytes(file);

        for (int position : new int[] {0, 10, 39, 40, 1000, SEGMENT - 1, SEGMENT + 5, 2 * SEGMENT + 100,
                original.length - 1}) {
            byte[] tampered = original.clone();
            tampered[position] ^= 0x01;
            Files.write(file, tampered);
            assertThatThrownBy(() -> readAll(store.read(key))).as("byte %d flipped", position)
                    .isInstanceOf(BlobIntegrityException.class);
        }
        Files.write(file, Arrays.copyOf(original, original.length - 1));
        assertThatThrownBy(() -> readAll(store.read(key))).as("truncated").isInstanceOf(BlobIntegrityException.class);
        Files.write(file, Arrays.copyOf(original, SEGMENT));
        assertThatThrownBy(() -> readAll(store.read(key))).as("cut at a segment boundary")
                .isInstanceOf(BlobIntegrityException.class);

        byte[] headerTampered = original.clone();
        headerTampered[20] ^= 0x01;
        Files.write(file, headerTampered);
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> readAll(store.read(key, SEGMENT_PLAINTEXT + FIRST_SEGMENT_PLAINTEXT + 10, 10)))
                .isInstanceOf(BlobIntegrityException.class);

        Files.write(file, original);
        assertThat(readAll(store.read(key))).isEqualTo(content);
    }

    @Test
    void chunksAreListedInOrderAndReadInTheGivenOrder() throws IOException {
        byte[][] chunks = new byte[12][];
        for (int sequence : new int[] {10, 2, 0, 1, 11}) {
            chunks[sequence] = content(1000 + sequence, 70 + sequence);
            store.write(StorageKey.chunk(RECORDING, sequence), new ByteArrayInputStream(chunks[sequence]));
        }
        store.write(StorageKey.media(RECORDING), new ByteArrayInputStream(content(10, 1)));
        store.write(StorageKey.chunk("rec-0002", 5), new ByteArrayInputStream(content(10, 2)));

        assertThat(store.chunkSequences(RECORDING)).containsExactly(0, 1, 2, 10, 11);
        assertThat(store.chunkSequences("rec-0002")).containsExactly(5);
        assertThat(store.chunkSequences("rec-none")).isEmpty();
        assertThat(readAll(store.readChunks(RECORDING, List.of(0, 1, 2, 10, 11))))
                .isEqualTo(concat(chunks[0], chunks[1], chunks[2], chunks[10], chunks[11]));
        assertThat(readAll(store.readChunks(RECORDING, List.of(11, 0, 10))))
                .isEqualTo(concat(chunks[11], chunks[0], chunks[10]));
        assertThat(readAll(store.readChunks(RECORDING, List.of()))).isEmpty();
        assertThatThrownBy(() -> readAll(store.readChunks(RECORDING, List.of(0, 3, 1))))
                .isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.readChunks("../x", List.of(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingChunksStopsAtATamperedChunk() throws IOException {
        store.write(StorageKey.chunk(RECORDING, 0), new ByteArrayInputStream(content(1000, 1)));
        store.write(StorageKey.chunk(RECORDING, 1), new ByteArrayInputStream(content(1000, 2)));
        Files.copy(root.resolve(StorageKey.chunk(RECORDING, 0).value()), root.resolve(StorageKey.chunk(RECORDING, 1)
                .value()), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> readAll(store.readChunks(RECORDING, List.of(0, 1))))
                .isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void chunkListingIgnoresTemporaryFilesOfUnfinishedWrites() throws IOException {
        store.write(StorageKey.chunk(RECORDING, 0), new ByteArrayInputStream(content(10, 1)));
        try (BlobWriter unfinished = store.writer(StorageKey.chunk(RECORDING, 1))) {
            unfinished.write(content(100, 2));

            assertThat(store.chunkSequences(RECORDING)).containsExactly(0);
            assertThat(store.usage(RECORDING).blobs()).as("usage includes unfinished writes").isEqualTo(2);
        }
        assertThat(store.usage(RECORDING).blobs()).isEqualTo(1);
    }

    @Test
    void deleteChunksKeepsTheMediaAndDeleteRecordingRemovesTheFolder() throws IOException {
        for (int sequence = 0; sequence < 4; sequence++) {
            store.write(StorageKey.chunk(RECORDING, sequence), new ByteArrayInputStream(content(100, sequence)));
        }
        byte[] media = content(400, 9);
        store.write(StorageKey.media(RECORDING), new ByteArrayInputStream(media));
        store.write(StorageKey.chunk("rec-0002", 0), new ByteArrayInputStream(content(10, 2)));

        store.deleteChunks(RECORDING);

        assertThat(store.chunkSequences(RECORDING)).isEmpty();
        assertThat(root.resolve("recordings").resolve(RECORDING).resolve("chunks")).doesNotExist();
        assertThat(readAll(store.read(StorageKey.media(RECORDING)))).isEqualTo(media);
        store.deleteChunks(RECORDING);

        store.deleteRecording(RECORDING);

        assertThat(root.resolve("recordings").resolve(RECORDING)).doesNotExist();
        assertThat(store.exists(StorageKey.media(RECORDING))).isFalse();
        assertThat(store.usage(RECORDING)).isEqualTo(StorageUsage.EMPTY);
        assertThat(store.chunkSequences("rec-0002")).as("other recordings stay").containsExactly(0);
        store.deleteRecording(RECORDING);
        store.deleteRecording("rec-never-stored");
        store.deleteChunks("rec-never-stored");
        assertThatThrownBy(() -> store.deleteRecording("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteChunks("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.resolve("recordings")).isDirectory();
    }

    @Test
    void deleteRecordingRemovesLeftOverTemporaryFilesToo() throws IOException {
        store.write(StorageKey.chunk(RECORDING, 0), new ByteArrayInputStream(content(10, 1)));
        Path chunks = root.resolve(StorageKey.chunksPrefix(RECORDING));
        Files.write(chunks.resolve(".1.12345.tmp"), content(10, 2));
        Files.createDirectories(root.resolve(StorageKey.recordingPrefix(RECORDING)).resolve("extra").resolve("deep"));
        Files.write(root.resolve(StorageKey.recordingPrefix(RECORDING)).resolve("extra").resolve("deep").resolve("x"),
                content(10, 3));

        store.deleteRecording(RECORDING);

        assertThat(root.resolve(StorageKey.recordingPrefix(RECORDING))).doesNotExist();
    }

    @Test
    void concurrentDeleteOfARecordingAndItsChunksRemovesTheFolderWithoutFailing() throws Exception {
        executor = Executors.newFixedThreadPool(2);
        byte[] chunk = content(200, 5);
        Path folder = root.resolve(StorageKey.recordingPrefix(RECORDING));
        for (int iteration = 0; iteration < 200; iteration++) {
            for (int sequence = 0; sequence < 8; sequence++) {
                store.write(StorageKey.chunk(RECORDING, sequence), new ByteArrayInputStream(chunk));
            }
            store.write(StorageKey.media(RECORDING), new ByteArrayInputStream(chunk));
            CountDownLatch start = new CountDownLatch(1);
            Future<?> recording = executor.submit(deleting(start, () -> store.deleteRecording(RECORDING)));
            Future<?> chunks = executor.submit(deleting(start, () -> store.deleteChunks(RECORDING)));
            start.countDown();

            recording.get(1, TimeUnit.MINUTES);
            chunks.get(1, TimeUnit.MINUTES);

            assertThat(folder).as("iteration %d", iteration).doesNotExist();
            assertThat(store.chunkSequences(RECORDING)).isEmpty();
        }
        assertThat(store.usage()).isEqualTo(StorageUsage.EMPTY);
    }

    @Test
    void usageCountsStoredBlobsAndTheirCiphertextBytes() throws IOException {
        assertThat(store.usage()).isEqualTo(StorageUsage.EMPTY);
        assertThat(store.usage(RECORDING)).isEqualTo(StorageUsage.EMPTY);
        StorageKey first = StorageKey.chunk(RECORDING, 0);
        StorageKey media = StorageKey.media(RECORDING);
        StorageKey other = StorageKey.chunk("rec-0002", 0);
        store.write(first, new ByteArrayInputStream(content(1000, 1)));
        store.write(media, new ByteArrayInputStream(content(SEGMENT + 1, 2)));
        store.write(other, new ByteArrayInputStream(content(10, 3)));
        long firstBytes = Files.size(root.resolve(first.value()));
        long mediaBytes = Files.size(root.resolve(media.value()));
        long otherBytes = Files.size(root.resolve(other.value()));

        assertThat(store.usage(RECORDING)).isEqualTo(new StorageUsage(2, firstBytes + mediaBytes));
        assertThat(store.usage("rec-0002")).isEqualTo(new StorageUsage(1, otherBytes));
        assertThat(store.usage()).isEqualTo(new StorageUsage(3, firstBytes + mediaBytes + otherBytes));
        assertThat(mediaBytes).isGreaterThan(SEGMENT + 1);
        assertThat(store.usage("rec-none")).isEqualTo(StorageUsage.EMPTY);
        assertThatThrownBy(() -> store.usage("bad id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesAndFoldersAreOwnerOnly() throws IOException {
        StorageKey key = StorageKey.chunk(RECORDING, 0);
        store.write(key, new ByteArrayInputStream(content(100, 1)));

        Set<PosixFilePermission> ownerOnlyFile = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        Set<PosixFilePermission> ownerOnlyFolder = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(root.resolve(key.value()))).isEqualTo(ownerOnlyFile);
        for (Path folder : List.of(root, root.resolve("recordings"), root.resolve(StorageKey.recordingPrefix(RECORDING)),
                root.resolve(StorageKey.chunksPrefix(RECORDING)))) {
            assertThat(Files.getPosixFilePermissions(folder)).as(folder.toString()).isEqualTo(ownerOnlyFolder);
        }
    }

    @Test
    void checkAvailableCreatesTheRootAndRefusesOneThatCannotBeAFolder() throws IOException {
        assertThat(root).doesNotExist();

        store.checkAvailable();

        assertThat(root).isDirectory();
        assertThat(store.root()).isEqualTo(root.toAbsolutePath().normalize());
        Path file = temporaryDirectory.resolve("a-file");
        Files.write(file, new byte[] {1});
        FileSystemRecordingStore onAFile = new FileSystemRecordingStore(file, KEYSET);
        assertThatThrownBy(onAFile::checkAvailable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kaiwa.storage.root");
        FileSystemRecordingStore belowAFile = new FileSystemRecordingStore(file.resolve("store"), KEYSET);
        assertThatThrownBy(belowAFile::checkAvailable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be created");
    }

    @Test
    void keysAndRecordingIdsAreIdsOnly() {
        assertThat(StorageKey.chunk(RECORDING, 7).value()).isEqualTo("recordings/rec-0001/chunks/7");
        assertThat(StorageKey.media(RECORDING).value()).isEqualTo("recordings/rec-0001/media.webm");
        assertThat(new StorageKey("recordings/a_b-C9/x.webm").value()).isEqualTo("recordings/a_b-C9/x.webm");
        for (String invalid : List.of("", "/recordings/x", "recordings/x/", "recordings//x", "recordings/../x",
                "recordings/./x", "..", "recordings/x.tar.gz", "recordings/x y", "recordings\\x", "recordings/x.",
                "recordings/.hidden", "récordings/x", "x".repeat(StorageKey.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> new StorageKey(invalid)).as("key %s", invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new StorageKey("x".repeat(StorageKey.MAX_LENGTH)).value()).hasSize(StorageKey.MAX_LENGTH);
        assertThatThrownBy(() -> new StorageKey(null)).isInstanceOf(NullPointerException.class);
        for (String invalid : List.of("", "..", ".", "a/b", "a.b", "a b", "x".repeat(StorageKey.MAX_ID_LENGTH + 1),
                "a\u0000b", "ä")) {
            assertThatThrownBy(() -> StorageKey.media(invalid)).as("id %s", invalid)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.chunkSequences(invalid)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(StorageKey.requireRecordingId("x".repeat(StorageKey.MAX_ID_LENGTH)))
                .hasSize(StorageKey.MAX_ID_LENGTH);
        assertThatThrownBy(() -> StorageKey.chunk(RECORDING, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKey.requireRecordingId(null)).isInstanceOf(NullPointerException.class);
    }

    private static Callable<Void> deleting(CountDownLatch start, Runnable delete) {
        return () -> {
            start.await();
            delete.run();
            return null;
        };
    }

    /** Bytes that differ from position to position (no repeated block an encryption flaw could hide behind). */
    private static byte[] content(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static byte[] repeatedMarker(int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = MARKER[i % MARKER.length];
        }
        return content;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192 + 13];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<Path> filesUnder(Path top) throws IOException {
        if (!Files.exists(top)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(top)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
