package io.gitplatform.app.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedUrlsTests {
    private static final List<String> PREFIXES = List.of("https://cdn.example.com/images", "http://media.example.com");

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/images/a.png", "https://CDN.example.com:443/images/x/y.jpg",
        "https://cdn.example.com/images", "http://media.example.com/anything.png", "http://media.example.com",
        "https://cdn.example.com/images/x/../b.png"})
    void insideTheAllowList(String url) {
        assertThat(AllowedUrls.check(url, PREFIXES)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/images/../secret", "https://cdn.example.com/images/%2e%2e/secret",
        "https://cdn.example.com/images%2F..%2Fsecret", "https://cdn.example.com/images-private/a.png",
        "https://cdn.example.com.evil.net/images/a.png", "https://cdn.example.com@127.0.0.1/images/a.png",
        "http://media.example.com@127.0.0.1:8080/", "http://media.example.com:8080/a.png",
        "http://cdn.example.com/images/a.png", "https://cdn.example.com:8443/images/a.png", "ftp://cdn.example.com/images/a",
        "https://cdn.example.com/../images/a.png", "https://cdn.example.com\\@127.0.0.1/images/a.png", "not a url",
        "https:///images/a.png"})
    void outsideTheAllowList(String url) {
        assertThat(AllowedUrls.check(url, PREFIXES)).isEmpty();
    }
}
