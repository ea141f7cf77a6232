package io.gitplatform.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubOptionsTest {

    @Test
    void defaultsWithAnEmptyEnvironment() {
        HubOptions o = HubOptions.fromEnvironment(Map.of());
        assertThat(o.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(o.token()).isNull();
        assertThat(o.offline()).isFalse();
        assertThat(o.hubCache()).isEqualTo(o.cacheRoot().resolve("hub"));
    }

    @Test
    void theEnvironmentAsHuggingfaceHubReadsIt() {
        HubOptions o = HubOptions.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror.local:8080/hf/",
                "HF_TOKEN", "hf_abc", "HF_HUB_OFFLINE", "1"));
        assertThat(o.endpoint()).isEqualTo(URI.create("http://mirror.local:8080/hf"));
        assertThat(o.token()).isEqualTo("hf_abc");
        assertThat(o.offline()).isTrue();
        for (String on : new String[] {"1", "ON", "yes", "True"}) {
            assertThat(HubOptions.fromEnvironment(Map.of("HF_HUB_OFFLINE", on)).offline()).as(on).isTrue();
        }
        for (String off : new String[] {"0", "", "false", "no"}) {
            assertThat(HubOptions.fromEnvironment(Map.of("HF_HUB_OFFLINE", off)).offline()).as(off).isFalse();
        }
    }

    @Test
    void theTokenIsNeverPrintedNorEchoedInErrors() {
        HubOptions o = HubOptions.fromEnvironment(Map.of()).withToken("hf_secret");
        assertThat(o.toString()).contains("token=***").doesNotContain("hf_secret");
        assertThat(o.withToken("  ").token()).isNull();
        assertThatThrownBy(() -> o.withToken("hf_secret\r\nX-Injected: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hf_secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://huggingface.co", "huggingface.co", "https://huggingface.co/?x=1",
            "https://user:pw@huggingface.co", "file:///tmp"})
    void endpointsMustBePlainHttpUrls(String endpoint) {
        assertThatThrownBy(() -> HubOptions.fromEnvironment(Map.of()).withEndpoint(URI.create(endpoint)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void limitsMustBePositive() {
        HubOptions o = HubOptions.fromEnvironment(Map.of()).withCacheRoot(Path.of("cache"));
        assertThatThrownBy(() -> o.withMaxFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.withTimeouts(java.time.Duration.ZERO, o.readTimeout()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
