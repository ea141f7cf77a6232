package io.gitplatform.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitplatform.app.GitPlatformApplication;
import io.gitplatform.core.media.ShapeVideos;
import io.gitplatform.core.platform.TestPluginJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The admin web UI in real headless Chromium against the real server and the embedded tiny model: every page is
 * used as a person would, screenshotted to target/screenshots, and any browser console error fails the test.
 */
@SpringBootTest(classes = GitPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"git.security.admin-key=" + AdminUiBrowserIT.ADMIN_KEY, "git.limits.stream-stall=3s"})
class AdminUiBrowserIT {
    static final String ADMIN_KEY = "ui-test-admin-key";
    /** A live HLS stream of two 2-second scenes that then stalls, allowed for this server. */
    private static io.gitplatform.core.media.LiveHls live;

    @org.springframework.test.context.DynamicPropertySource
    static void liveStream(org.springframework.test.context.DynamicPropertyRegistry registry) throws IOException {
        live = io.gitplatform.core.media.LiveHls.start(java.nio.file.Files.createTempDirectory("ui-hls"), List.of(
                new ShapeVideos.Scene(ShapeVideos.Shape.CIRCLE, ShapeVideos.ShapeColor.RED,
                        ShapeVideos.Background.BLACK, ShapeVideos.Direction.RIGHT),
                new ShapeVideos.Scene(ShapeVideos.Shape.SQUARE, ShapeVideos.ShapeColor.BLUE,
                        ShapeVideos.Background.WHITE, ShapeVideos.Direction.LEFT),
                new ShapeVideos.Scene(ShapeVideos.Shape.TRIANGLE, ShapeVideos.ShapeColor.YELLOW,
                        ShapeVideos.Background.GRAY, ShapeVideos.Direction.DOWN)), 20, 4);
        registry.add("git.security.allowed-stream-url-prefixes", live::prefix);
    }
    private static final Path CLIP0 = Path.of("..", "config", "samples", "clip0.mp4").toAbsolutePath().normalize();
    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;
    private RestClient http;
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (live != null) {
            live.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void modelReady() throws InterruptedException {
        http = RestClient.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"ready".equals(summaryModel().get("state"))) {
            assertThat(System.nanoTime()).as("model loaded within 2 minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
        wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(chromium.severeLogs()).as("browser console errors").isEmpty();
    }

    @Test
    void dashboardShowsTheModelAndItsChartsFollowTraffic() throws IOException {
        open("/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model"), "git-tiny-shapes"));
        assertThat(text("model")).contains("embedded", "1.46 M", "float32");
        assertThat(text("backend")).contains("PyTorch", "cpu");
        assertThat(text("plugins")).contains("djl-cpu 0.1.0-SNAPSHOT: started", "video-captioning");
        assertThat(text("memory")).contains("Uptime", "Heap");
        wait.until(d -> points("chart-rate") >= 2);

        for (int i = 0; i < 3; i++) {
            caption();
        }
        wait.until(d -> max("chart-rate") > 0 && max("chart-tokens") > 0 && max("chart-latency") > 0);
        assertThat(text("totals")).containsPattern("Requests\\s*[3-9]");
        int before = points("chart-rate");
        wait.until(d -> points("chart-rate") > before);
        chromium.screenshot("dashboard");
        chromium.darkMode(true);
        chromium.screenshot("dashboard-dark");
        chromium.darkMode(false);
    }

    @Test
    void tryPageShowsFramesAndStreamsCaptionAnswerAndLabels() throws IOException {
        open("/try.html");
        chromium.driver.findElement(By.id("file")).sendKeys(CLIP0.toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#frames img"), 6));
        List<String> stamps = chromium.driver.findElements(By.cssSelector("#frames figcaption")).stream()
                .map(WebElement::getText).toList();
        assertThat(stamps).containsExactly("#0 · 0.00 s", "#1 · 0.17 s", "#2 · 0.33 s", "#3 · 0.50 s",
                "#4 · 0.67 s", "#5 · 0.83 s");
        assertThat(text("upload-status")).contains("video (mp4), 6 frames");

        click("caption-stream");
        wait.until(ExpectedConditions.textToBe(By.id("caption-status"), "Done (finish reason: stop)."));
        assertThat(text("caption")).isEqualTo("a blue circle moving up");

        click("caption-job");
        wait.until(ExpectedConditions.attributeToBe(By.id("progress"), "data-status", "succeeded"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caption-status"), "succeeded"));
        assertThat(text("caption")).isEqualTo("a blue circle moving up");
        assertThat(chromium.driver.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("1");

        WebElement question = chromium.driver.findElement(By.cssSelector("#ask-form input[name=question]"));
        question.sendKeys("what shape is it?");
        question.submit();
        wait.until(ExpectedConditions.textToBe(By.id("ask-status"), "Answered."));
        assertThat(text("answer")).isEqualTo("circle");

        WebElement labels = chromium.driver.findElement(By.cssSelector("#classify-form input[name=labels]"));
        labels.clear();
        labels.sendKeys("circle,square,triangle");
        labels.submit();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#bars li"), 3));
        List<WebElement> bars = chromium.driver.findElements(By.cssSelector("#bars li"));
        assertThat(bars.get(0).getDomAttribute("data-label")).isEqualTo("circle");
        assertThat(Double.parseDouble(bars.get(0).getDomAttribute("data-probability"))).isGreaterThan(0.9);
        assertThat(text("classify-status")).isEqualTo("Most likely: circle.");
        chromium.screenshot("try");
    }

    @Test
    void tryPageRunsAThirdPartyTaskFromAFormMadeOfItsOptions() throws IOException {
        open("/try.html");
        chromium.driver.findElement(By.id("file")).sendKeys(CLIP0.toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#frames img"), 6));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task option[value='describe-colors']")));
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("task")))
                .selectByValue("describe-colors");
        // The form comes from the plugin's descriptor: one boolean option, offered as its default, true or false.
        By background = By.cssSelector("#task-options select[name=background]");
        wait.until(ExpectedConditions.presenceOfElementLocated(background));
        assertThat(chromium.driver.findElements(By.cssSelector("#task-options [name]"))).hasSize(1);
        assertThat(text("task-about")).contains("Names the object", "image or video");
        org.openqa.selenium.support.ui.Select choice = new org.openqa.selenium.support.ui.Select(
                chromium.driver.findElement(background));
        assertThat(choice.getOptions()).extracting(WebElement::getText)
                .containsExactly("(default: true)", "true", "false");

        click("task-form-run");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "describe-colors: done"));
        String withBackground = text("task-text");
        assertThat(withBackground).startsWith("blue circle on ");
        assertThat(chromium.driver.findElements(By.cssSelector("#task-answers li"))).hasSize(3);

        choice.selectByValue("false");
        click("task-job");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "succeeded"));
        assertThat(text("task-text")).isEqualTo("blue circle");

        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("task"))).selectByValue("vqa");
        WebElement questions = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#task-options textarea[name=questions]")));
        questions.sendKeys("what shape is it?\nwhat color is the background?");
        click("task-form-run");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("task-status"), "vqa: done"));
        assertThat(chromium.driver.findElements(By.cssSelector("#task-answers li"))).extracting(WebElement::getText)
                .first().isEqualTo("what shape is it? → circle");
        chromium.screenshot("try-any-task");
    }

    @Test
    void tryPageShowsATimelineAndPlaysTheVideoWithItsCaptionsTrack() throws IOException {
        List<java.awt.image.BufferedImage> frames = new java.util.ArrayList<>(ShapeVideos.render(new ShapeVideos.Scene(
                ShapeVideos.Shape.CIRCLE, ShapeVideos.ShapeColor.RED, ShapeVideos.Background.BLACK,
                ShapeVideos.Direction.RIGHT), 30));
        frames.addAll(ShapeVideos.render(new ShapeVideos.Scene(ShapeVideos.Shape.SQUARE, ShapeVideos.ShapeColor.BLUE,
                ShapeVideos.Background.WHITE, ShapeVideos.Direction.LEFT), 30));
        Path video = ShapeVideos.write(frames, 10, ShapeVideos.VideoFormat.WEBM_VP8,
                java.nio.file.Files.createTempDirectory("timeline-ui").resolve("two-scenes.webm"));
        open("/try.html");
        chromium.driver.findElement(By.id("file")).sendKeys(video.toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#frames img"), 6));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task option[value='timeline']")));
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("task"))).selectByValue("timeline");
        By format = By.cssSelector("#task-options select[name=format]");
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.presenceOfElementLocated(format)))
                .selectByValue("vtt");
        click("task-form-run");
        wait.until(ExpectedConditions.attributeToBe(By.id("timeline"), "data-cues", "2"));
        wait.until(ExpectedConditions.attributeToBe(By.id("timeline"), "data-thumbnails", "done"));
        List<WebElement> segments = chromium.driver.findElements(By.cssSelector("#timeline-segments li"));
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).getText()).startsWith("00:00:00.000 – 00:00:0");
        // The browser's own WebVTT parser read the track: its cues, and the one showing 4 s in.
        @SuppressWarnings("unchecked")
        List<Object> cue = (List<Object>) chromium.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const video = document.getElementById('timeline-video');"
                + "const track = video.textTracks[0];"
                + "video.addEventListener('seeked', () => setTimeout(() => done([track.kind, track.mode,"
                + "  track.cues.length, track.cues[1].startTime,"
                + "  track.activeCues.length ? track.activeCues[0].text : null, track.cues[1].text]), 100),"
                + "  { once: true });"
                + "video.currentTime = 4;");
        assertThat(cue.subList(0, 3)).containsExactly("captions", "showing", 2L);
        assertThat(((Number) cue.get(3)).doubleValue()).isBetween(2.5, 3.5);
        assertThat(cue.get(4)).isEqualTo(cue.get(5));
        assertThat(segments.get(1).getText()).endsWith((String) cue.get(5));
        chromium.screenshot("try-timeline");
    }

    @Test
    void pluginsPageDisablesAndEnablesAPlugin() throws IOException {
        open("/plugins.html");
        assertThat(text("status")).contains("Enter the admin key");
        enterKey();
        By row = By.cssSelector("tr[data-plugin='example-task']");
        wait.until(ExpectedConditions.attributeToBe(row, "data-state", "STARTED"));
        assertThat(chromium.driver.findElement(row).getText()).contains("0.1.0", "TaskHead", "task describe-colors");
        assertThat(chromium.driver.findElement(By.cssSelector("tr[data-plugin='djl-cpu']")).getText())
                .contains("InferenceBackend", "backend cpu");

        clickAction(row, "disable");
        wait.until(ExpectedConditions.attributeToBe(row, "data-state", "DISABLED"));
        assertThat(text("status")).isEqualTo("example-task: disable done, now disabled.");
        chromium.screenshot("plugins-disabled");

        clickAction(row, "enable");
        wait.until(ExpectedConditions.attributeToBe(row, "data-state", "STARTED"));
        assertThat(text("status")).isEqualTo("example-task: enable done, now started.");
        chromium.screenshot("plugins");
    }

    @Test
    void pluginsPageRescansTheFolderAndShowsAContestedTaskOnBothRows() throws IOException {
        Path folder = Path.of(System.getProperty("git.plugins.dir"));
        Path jar = TestPluginJar.constantTask("a-classify", "classify", "newcomer")
                .writeTo(Files.createTempDirectory("ui-plugin"));
        Path copied = folder.resolve(jar.getFileName());
        try {
            open("/plugins.html");
            enterKey();
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("tr[data-plugin='classification']"),
                    "data-state", "STARTED"));
            Files.copy(jar, copied);
            click("rescan");
            By newcomer = By.cssSelector("tr[data-plugin='a-classify']");
            wait.until(ExpectedConditions.attributeToBe(newcomer, "data-state", "STARTED"));
            assertThat(text("status")).isEqualTo("Rescan done: loaded a-classify.");
            String conflict = "Conflict: task 'classify' is offered by a-classify and classification;"
                    + " classification serves it, being built in";
            assertThat(chromium.driver.findElement(newcomer).getText()).contains(conflict);
            assertThat(chromium.driver.findElement(By.cssSelector("tr[data-plugin='classification']")).getText())
                    .contains(conflict, "task classify");
            chromium.screenshot("plugins-conflict");

            Files.delete(copied);
            click("rescan");
            wait.until(ExpectedConditions.numberOfElementsToBe(newcomer, 0));
            assertThat(text("status")).isEqualTo("Rescan done: unloaded a-classify.");
        } finally {
            if (Files.deleteIfExists(copied)) {
                http.post().uri("/api/v1/admin/plugins/rescan").header("X-API-Key", ADMIN_KEY).retrieve()
                        .toBodilessEntity();
            }
        }
    }

    @Test
    void configurationPageShowsSettingsWithSecretsMasked() throws IOException {
        open("/config.html");
        assertThat(text("status")).contains("Enter the admin key");
        enterKey();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config")));
        String table = text("config");
        assertThat(table).contains("git.limits.max-images", "git.security.admin-key ******")
                .doesNotContain(ADMIN_KEY);
        chromium.screenshot("config");
    }

    /** Clicks a row's action button; the table is re-rendered after every refresh, so a found button may go stale. */
    /** No upload: a live stream URL, run as a job; its segments are listed as they come, then the stall is shown. */
    @Test
    void theTryPageFollowsALiveStreamUrlAsAJob() throws IOException {
        open("/try.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task option[value='timeline']")));
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("task"))).selectByValue("timeline");
        chromium.driver.findElement(By.id("stream-url")).sendKeys(live.url());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("task-job")));
        click("task-job");
        wait.until(ExpectedConditions.textMatches(By.id("task-status"), java.util.regex.Pattern.compile(
                "Job failed: Stream stalled")));
        List<WebElement> segments = chromium.driver.findElements(By.cssSelector("#timeline-segments li"));
        assertThat(segments.size()).as("segments listed from the job's events").isBetween(2, 3);
        assertThat(segments.get(0).getText()).startsWith("00:00:00.000 – 00:00:02.000");
        chromium.screenshot("try-live-stream");
    }

    private void clickAction(By row, String action) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(row).findElement(By.cssSelector("button[data-action=" + action + "]")).click();
            return true;
        });
    }

    private void enterKey() {
        WebElement key = chromium.driver.findElement(By.cssSelector("#key-form input[name=key]"));
        key.clear();
        key.sendKeys(ADMIN_KEY);
        key.submit();
    }

    private void open(String path) {
        chromium.driver.get("http://127.0.0.1:" + port + path);
        // Each test starts without a key: sessionStorage is per tab and outlives navigation.
        chromium.driver.executeScript("sessionStorage.clear()");
        chromium.driver.navigate().refresh();
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private String text(String id) {
        return chromium.driver.findElement(By.id(id)).getText();
    }

    private int points(String chart) {
        String p = chromium.driver.findElement(By.id(chart)).getDomAttribute("data-points");
        return p == null ? 0 : Integer.parseInt(p);
    }

    private double max(String chart) {
        String m = chromium.driver.findElement(By.id(chart)).getDomAttribute("data-max");
        return m == null ? 0 : Double.parseDouble(m);
    }

    private void caption() {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new FileSystemResource(CLIP0));
        http.post().uri("/api/v1/caption").contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
                .toBodilessEntity();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> summaryModel() {
        return (Map<String, Object>) http.get().uri("/api/v1/ui/summary").retrieve().body(Map.class).get("model");
    }
}
