package dev.kaiwa.incontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.audit.AuditAction;
import dev.kaiwa.audit.AuditEntry;
import dev.kaiwa.audit.AuditFilter;
import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.audit.AuditResourceType;
import dev.kaiwa.audit.AuditTrail;
import dev.kaiwa.audit.ChainVerification;
import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallService;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.participant.JoinService;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingFormat;
import dev.kaiwa.recording.RecordingKind;
import dev.kaiwa.recording.RecordingQuality;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.recording.RecordingService;
import dev.kaiwa.shared.Actor;
import dev.kaiwa.shared.Caller;
import dev.kaiwa.shared.Page;
import jakarta.ejb.EJBTransactionRequiredException;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail in the container: entries only inside a transaction, committed and rolled back with the
 * change they record, and numbered without gaps while several container threads write at once (the lock on
 * the chain head serializes them).
 */
@ExtendWith(ArquillianExtension.class)
class AuditTrailInContainerIT {
    private static final int WRITERS = 8;
    private static final int ENTRIES_PER_WRITER = 25;

    @Deployment
    static WebArchive deployment() {
        return Deployments.core(AuditTrailInContainerIT.class).addClass(AuditWriter.class);
    }

    @Inject
    AuditTrail trail;

    @Inject
    AuditWriter writer;

    @Inject
    CallService calls;

    @Inject
    JoinService joins;

    @Inject
    RecordingService recordings;

    @Inject
    RecordingRepository recordingRows;

    @Inject
    UserTransaction transaction;

    private final String organization = "audit-" + UUID.randomUUID();
    private final Caller auditor = new Caller("auditor-" + UUID.randomUUID(), organization, Set.of(Caller.AUDITOR),
            "Ada Auditor", null);

    @AfterEach
    void leaveNoTransactionOpen() throws SystemException {
        if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
            transaction.rollback();
        }
    }

    @Test
    void entriesOfParallelTransactionsAreNumberedWithoutGapsAndTheChainVerifies() throws Exception {
        long headBefore = trail.verify(auditor, Optional.empty()).headSequence();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> series = new ArrayList<>();
        for (int index = 0; index < WRITERS; index++) {
            series.add(writer.writeSeries(organization, "writer-" + index, ENTRIES_PER_WRITER, start));
        }

        start.countDown();
        List<Long> written = new ArrayList<>();
        for (Future<List<Long>> one : series) {
            List<Long> sequences = one.get(3, TimeUnit.MINUTES);
            assertThat(sequences).as("one writer's numbers, in its order").hasSize(ENTRIES_PER_WRITER).isSorted();
            written.addAll(sequences);
        }

        ChainVerification verification = trail.verify(auditor, Optional.empty());
        assertThat(verification.valid()).as("valid: " + verification.detail()).isTrue();
        assertThat(verification.entries()).isEqualTo(verification.headSequence());
        long total = (long) WRITERS * ENTRIES_PER_WRITER;
        assertThat(verification.headSequence()).isEqualTo(headBefore + total);
        assertThat(written).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(headBefore + 1, headBefore + total).boxed().toList());
        List<AuditEntry> listed = allOfOrganization();
        assertThat(listed).hasSize((int) total);
        assertThat(listed).extracting(AuditEntry::sequence).doesNotHaveDuplicates().isSortedAccordingTo(
                (a, b) -> Long.compare(b, a));
        Set<String> writers = new HashSet<>();
        listed.forEach(entry -> writers.add(entry.resourceId().orElseThrow()));
        assertThat(writers).hasSize(WRITERS);
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        AuditRecord record = AuditRecord.system(organization)
                .did(AuditAction.PURGE_RUN_STARTED, AuditResourceType.PURGE_RUN, "outside");

        assertThatThrownBy(() -> trail.record(record)).isInstanceOf(EJBTransactionRequiredException.class);
        assertThat(allOfOrganization()).isEmpty();
    }

    @Test
    void entryRollsBackWithTheChangeItRecordsAndLeavesNoGap() throws Exception {
        Caller host = new Caller("host-" + UUID.randomUUID(), organization, Set.of(Caller.HOST), "Hana Host", null);
        Actor.User hostActor = new Actor.User(host);
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();

        transaction.begin();
        calls.cancelCall(hostActor, call.id());
        List<AuditEntry> inTransaction = allOfOrganization();
        assertThat(inTransaction).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("CALL_CANCELLED");
            assertThat(entry.resourceId()).contains(call.id());
        });
        long undone = inTransaction.get(0).sequence();
        transaction.rollback();

        assertThat(allOfOrganization()).isEmpty();
        assertThat(calls.getCall(hostActor, call.id()).status()).isEqualTo(CallStatus.SCHEDULED);
        calls.cancelCall(hostActor, call.id());
        assertThat(allOfOrganization()).singleElement()
                .satisfies(entry -> assertThat(entry.sequence()).as("the number given back").isEqualTo(undone));
        assertThat(trail.verify(auditor, Optional.empty()).valid()).isTrue();
    }

    @Test
    void downloadIsAuditedWithWhoDownloadedWhichBytes() throws Exception {
        Caller host = new Caller("host-" + UUID.randomUUID(), organization, Set.of(Caller.HOST), "Hana Host", null);
        Call call = calls.createCall(host, Fixtures.call(Fixtures.inAnHour(), 4), Optional.empty()).call();
        String recorderId = joins.joinAsUser(host, call.id()).participant().id();
        Recording recording = new Recording(call.id(), organization, RecordingKind.COMPOSITE, null, recorderId,
                RecordingFormat.WEBM, RecordingQuality.LOW, false, "user:" + host.subject(), Instant.now());
        transaction.begin();
        recordingRows.add(recording);
        transaction.commit();

        recordings.recordDownload(new Actor.User(auditor), recording.id(), 1024, 4096);

        assertThat(allOfOrganization()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("RECORDING_DOWNLOADED");
            assertThat(entry.resourceType()).isEqualTo("RECORDING");
            assertThat(entry.resourceId()).contains(recording.id());
            assertThat(entry.actorId()).contains(auditor.subject());
            assertThat(entry.actorRole()).contains(Caller.AUDITOR);
            assertThat(entry.details()).containsEntry("callId", call.id()).containsEntry("first", "1024")
                    .containsEntry("length", "4096");
        });
    }

    private List<AuditEntry> allOfOrganization() {
        List<AuditEntry> entries = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<AuditEntry> page = trail.list(auditor, AuditFilter.none(), cursor, 100);
            entries.addAll(page.items());
            cursor = page.nextCursor();
        }
        while (cursor.isPresent());
        return entries;
    }
}
