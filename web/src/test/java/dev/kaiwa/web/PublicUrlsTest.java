package dev.kaiwa.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicUrlsTest {
    private static PublicUrls at(String publicUrl) {
        PublicUrls urls = new PublicUrls();
        urls.publicUrl = publicUrl;
        return urls;
    }

    @Test
    void apiLinksAreBuiltOnThePublicUrlWithOrWithoutTrailingSlash() {
        assertThat(at("https://calls.example.com/").api("/calls/abc")).hasToString("https://calls.example.com/api/v1/calls/abc");
        assertThat(at("https://calls.example.com").api("/calls/abc")).hasToString("https://calls.example.com/api/v1/calls/abc");
    }

    @Test
    void signalingUrlFollowsTheSchemeOfThePublicUrl() {
        assertThat(at("https://calls.example.com").signaling("abc")).isEqualTo("wss://calls.example.com/ws/calls/abc");
        assertThat(at("http://localhost:9080/").signaling("abc")).isEqualTo("ws://localhost:9080/ws/calls/abc");
    }
}
