package dev.kaiwa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.web.call.CallRequests.CreateCallRequest;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    @Test
    void wellTypedBodyIsRead() {
        CreateCallRequest request = StrictJson.jsonb().fromJson("""
                {"title": "Interview", "type": "VIDEO", "maxParticipants": 4, "retentionDays": null,
                 "settings": {"screenShare": false, "transcription": {"enabled": true, "language": "ja"}},
                 "metadata": {"position": "BE-12", "level": 3}}""", CreateCallRequest.class);
        assertThat(request.title()).isEqualTo("Interview");
        assertThat(request.maxParticipants()).isEqualTo(4);
        assertThat(request.retentionDays()).isNull();
        assertThat(request.settings().screenShare()).isFalse();
        assertThat(request.settings().transcription().enabled()).isTrue();
        assertThat(request.metadata().getInt("level")).isEqualTo(3);
    }

    @Test
    void fractionWhereAWholeNumberBelongsIsRefused() {
        assertThatThrownBy(() -> StrictJson.jsonb().fromJson("{\"title\": \"x\", \"type\": \"VIDEO\", \"maxParticipants\": 2.5}",
                CreateCallRequest.class)).isInstanceOf(JsonbException.class).hasMessageContaining("Expected");
    }

    @Test
    void stringWhereABooleanBelongsIsRefused() {
        assertThatThrownBy(() -> StrictJson.jsonb().fromJson(
                "{\"title\": \"x\", \"type\": \"VIDEO\", \"settings\": {\"screenShare\": \"yes\"}}",
                CreateCallRequest.class)).isInstanceOf(JsonbException.class).hasMessageContaining("Expected");
    }

    @Test
    void numberWhereAStringBelongsIsRefused() {
        assertThatThrownBy(() -> StrictJson.jsonb().fromJson("{\"title\": 42, \"type\": \"VIDEO\"}", CreateCallRequest.class))
                .isInstanceOf(JsonbException.class).hasMessageContaining("Expected");
    }
}
