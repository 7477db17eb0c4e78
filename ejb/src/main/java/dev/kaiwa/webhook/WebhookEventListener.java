package dev.kaiwa.webhook;

import dev.kaiwa.call.Call;
import dev.kaiwa.call.CallClosed;
import dev.kaiwa.call.CallRepository;
import dev.kaiwa.call.CallStarted;
import dev.kaiwa.consent.ConsentChanged;
import dev.kaiwa.recording.Recording;
import dev.kaiwa.recording.RecordingChanged;
import dev.kaiwa.recording.RecordingRepository;
import dev.kaiwa.retention.PurgeCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the features' own events into webhook events. The observers run inside the transaction that fired
 * the event, so the deliveries commit or roll back with the change: a call started, ended (or failed) or
 * was missed, consent to a purpose was withdrawn or declined, a recording became READY or was deleted (by hand,
 * by the retention purge or by an erasure), a purge run finished with an organization's recordings.
 */
@ApplicationScoped
public class WebhookEventListener {
    @Inject
    WebhookEvents events;

    @Inject
    CallRepository calls;

    @Inject
    RecordingRepository recordings;

    @Inject
    Clock clock;

    void callStarted(@Observes CallStarted started) {
        Call call = call(started.callId());
        Map<String, Object> data = callData(call);
        data.put("scheduledAt", call.scheduledAt());
        data.put("startedAt", call.startedAt());
        events.publish(call.organization(), WebhookEventType.CALL_STARTED, data);
    }

    void callClosed(@Observes CallClosed closed) {
        switch (closed.status()) {
            case ENDED, FAILED -> {
                Call call = call(closed.callId());
                Map<String, Object> data = callData(call);
                data.put("status", call.status());
                data.put("startedAt", call.startedAt());
                data.put("endedAt", call.endedAt());
                data.put("durationSeconds", call.duration(clock.instant()).toSeconds());
                events.publish(call.organization(), WebhookEventType.CALL_ENDED, data);
            }
            case MISSED -> {
                Call call = call(closed.callId());
                Map<String, Object> data = callData(call);
                data.put("scheduledAt", call.scheduledAt());
                data.put("missedAt", call.endedAt());
                events.publish(call.organization(), WebhookEventType.CALL_MISSED, data);
            }
            // No webhook event reports these; a cancelled call never ran.
            case CANCELLED, SCHEDULED, IN_PROGRESS, PAUSED -> {
            }
        }
    }

    void consentChanged(@Observes ConsentChanged changed) {
        if (changed.granted()) {
            return;
        }
        Call call = call(changed.callId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", call.id());
        data.put("externalRef", call.externalRef());
        data.put("participantId", changed.participantId());
        data.put("purpose", changed.purpose());
        data.put("withdrawnAt", clock.instant());
        events.publish(call.organization(), WebhookEventType.CONSENT_WITHDRAWN, data);
    }

    void recordingChanged(@Observes RecordingChanged changed) {
        switch (changed.recording().status()) {
            case READY -> recordingReady(recording(changed.recording().id()));
            case DELETED -> recordingDeleted(recording(changed.recording().id()));
            // No webhook event reports these: a recording is announced once it can be downloaded, and once it is gone.
            case STARTING, RECORDING, PROCESSING, FAILED, EXPIRED -> {
            }
        }
    }

    void purgeCompleted(@Observes PurgeCompleted completed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("executionId", completed.executionId());
        data.put("instanceId", completed.instanceId());
        data.put("asOf", completed.asOf());
        data.put("completedAt", completed.completedAt());
        data.put("recordingsDeleted", completed.recordingsDeleted());
        data.put("missingBlobs", completed.missingBlobs());
        data.put("bytesFreed", completed.bytesFreed());
        events.publish(completed.organization(), WebhookEventType.PURGE_COMPLETED, data);
    }

    private void recordingReady(Recording recording) {
        Map<String, Object> data = recordingData(recording);
        data.put("format", recording.format());
        data.put("audioOnly", recording.audioOnly());
        data.put("sizeBytes", recording.sizeBytes());
        data.put("durationMillis", recording.durationMillis());
        data.put("sha256", recording.checksumSha256());
        data.put("readyAt", recording.readyAt());
        data.put("expiresAt", recording.expiresAt());
        events.publish(recording.organization(), WebhookEventType.RECORDING_READY, data);
    }

    private void recordingDeleted(Recording recording) {
        Map<String, Object> data = recordingData(recording);
        data.put("reason", recording.deletedReason());
        data.put("deletedAt", recording.deletedAt());
        events.publish(recording.organization(), WebhookEventType.RECORDING_DELETED, data);
    }

    /** What every recording event says about the recording, in a map the event adds to. */
    private Map<String, Object> recordingData(Recording recording) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recordingId", recording.id());
        data.put("callId", recording.callId());
        data.put("externalRef", calls.find(recording.callId()).flatMap(Call::externalRef));
        data.put("kind", recording.kind());
        data.put("participantId", recording.participantId());
        return data;
    }

    private Recording recording(String recordingId) {
        return recordings.find(recordingId)
                .orElseThrow(() -> new IllegalStateException("recording " + recordingId + " vanished"));
    }

    private Call call(String callId) {
        return calls.find(callId).orElseThrow(() -> new IllegalStateException("call " + callId + " vanished"));
    }

    /** What every call event says about the call, in a map the event adds to. */
    private static Map<String, Object> callData(Call call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", call.id());
        data.put("externalRef", call.externalRef());
        data.put("title", call.title());
        data.put("type", call.type());
        return data;
    }
}
