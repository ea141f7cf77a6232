package io.gitplatform.starter.autoconfigure;

import io.gitplatform.core.media.MediaLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code git.*} configuration: which model, where it runs, which plugins, how to generate, and the limits every
 * request is held to. Field Javadoc becomes the IDE description (spring-boot-configuration-processor).
 */
@ConfigurationProperties(prefix = GitProperties.PREFIX)
public class GitProperties {

    public static final String PREFIX = "git";

    /** Whether the GIT platform is on. False creates none of its beans (model, task services, ChatModel). */
    private boolean enabled = true;

    private final Model model = new Model();

    private final Backend backend = new Backend();

    private final Plugins plugins = new Plugins();

    private final Generation generation = new Generation();

    private final Limits limits = new Limits();

    private final Batching batching = new Batching();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Model getModel() {
        return model;
    }

    public Backend getBackend() {
        return backend;
    }

    public Plugins getPlugins() {
        return plugins;
    }

    public Generation getGeneration() {
        return generation;
    }

    public Limits getLimits() {
        return limits;
    }

    public Batching getBatching() {
        return batching;
    }

    /** When the model is read into memory. */
    public enum Loading {
        /** On the first request: context start-up stays fast; the first request waits for the load. */
        LAZY,
        /** During context refresh: the application is not started until the model is loaded (or failed). */
        STARTUP,
        /** On a background thread once the context is refreshed: readiness reports LOADING until it is done. */
        BACKGROUND
    }

    /** The weights' floating point type (see {@link Backend#getDtype()}). */
    public enum Dtype {
        AUTO,
        FLOAT32,
        FLOAT16,
        BFLOAT16
    }

    public static class Model {

        /**
         * Where the model comes from: "embedded" (the tiny shapes model inside the jar), a path to a Hugging Face model
         * folder, or a hub id such as "microsoft/git-base-vatex" (optionally "hub:owner/name@revision").
         */
        private String source = "embedded";

        /**
         * The hub revision (branch, tag or commit) of a hub id without "@revision"; unset means "main". Pin a commit in
         * production. Only hub models have revisions.
         */
        private String revision;

        /**
         * Cache root for the extracted embedded model and hub downloads. Defaults to $GIT_PLATFORM_CACHE, else
         * ~/.cache/git-platform.
         */
        private Path cacheDir;

        /** Use only what is already in the cache: never touch the network. */
        private boolean offline = false;

        /** When to load the model: lazy (first request), startup (during refresh) or background (after refresh). */
        private Loading loading = Loading.LAZY;

        private final Hub hub = new Hub();

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public String getRevision() {
            return revision;
        }

        public void setRevision(String revision) {
            this.revision = revision;
        }

        public Path getCacheDir() {
            return cacheDir;
        }

        public void setCacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
        }

        public boolean isOffline() {
            return offline;
        }

        public void setOffline(boolean offline) {
            this.offline = offline;
        }

        public Loading getLoading() {
            return loading;
        }

        public void setLoading(Loading loading) {
            this.loading = loading;
        }

        public Hub getHub() {
            return hub;
        }
    }

    public static class Hub {

        /** The Hugging Face hub, or a mirror with the same API. */
        private URI endpoint = URI.create("https://huggingface.co");

        /** Access token for gated or private repositories; sent only to the endpoint itself, never logged. */
        private String token;

        /** Time allowed to open a connection to the hub. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** Longest wait for response headers, and for each piece of a body after that. */
        private Duration readTimeout = Duration.ofSeconds(60);

        /** The largest single file accepted from the hub; a bigger one is refused before downloading. */
        private DataSize maxFileSize = DataSize.ofGigabytes(8);

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }
    }

    public static class Backend {

        /**
         * The backend plugin that runs the model: cpu (djl-cpu), gpu (djl-gpu; needs a CUDA build of libtorch on the
         * host), or another backend plugin's id.
         */
        private String id = "cpu";

        /** The GPU to use when the backend is gpu (CUDA device index). */
        private int deviceIndex = 0;

        /**
         * Weight type: auto, float32, float16 or bfloat16. bfloat16 (cpu) halves the weights' memory and multiplies in
         * bfloat16 (layer norms, attention scores, softmax and logits stay float32); where the CPU has no bfloat16
         * instructions (avx512_bf16, amx_bf16) the cpu backend says so and uses float32. float16 halves the memory and
         * speeds up short passes. Unset or auto: the backend's default (cpu: bfloat16 where the CPU has the
         * instructions, else float32; gpu: float16). The type chosen is logged and shown by the admin config API.
         */
        private Dtype dtype;

        /** Intra-op threads for the engine; 0 keeps the engine's default (one per core). Read once, at engine start. */
        private int threads = 0;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public int getDeviceIndex() {
            return deviceIndex;
        }

        public void setDeviceIndex(int deviceIndex) {
            this.deviceIndex = deviceIndex;
        }

        public Dtype getDtype() {
            return dtype;
        }

        public void setDtype(Dtype dtype) {
            this.dtype = dtype;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    public static class Plugins {

        /** Folder the plugin runtime loads plugin jars (task heads, backends) from; a missing folder means none. */
        private Path dir = Path.of("plugins");

        /** Plugin ids to start; empty starts every plugin found in the folder that is not disabled. */
        private List<String> enabled = new ArrayList<>();

        /** Plugin ids to load but not start, even when listed in enabled. */
        private List<String> disabled = new ArrayList<>();

        /** How long one task call into a plugin may run before it is cancelled and reported. */
        private Duration taskTimeout = Duration.ofMinutes(5);

        /**
         * Task id to the plugin id that serves it when several started plugins offer the task; a task not named here
         * stays with its built-in plugin, and one no built-in offers is served by nobody until it is named.
         */
        private Map<String, String> tasks = new LinkedHashMap<>();

        /** Backend id to the plugin id that serves it when several started plugins offer the backend (as tasks). */
        private Map<String, String> backends = new LinkedHashMap<>();

        public Path getDir() {
            return dir;
        }

        public void setDir(Path dir) {
            this.dir = dir;
        }

        public List<String> getEnabled() {
            return enabled;
        }

        public void setEnabled(List<String> enabled) {
            this.enabled = enabled;
        }

        public List<String> getDisabled() {
            return disabled;
        }

        public void setDisabled(List<String> disabled) {
            this.disabled = disabled;
        }

        public Duration getTaskTimeout() {
            return taskTimeout;
        }

        public void setTaskTimeout(Duration taskTimeout) {
            this.taskTimeout = taskTimeout;
        }

        public Map<String, String> getTasks() {
            return tasks;
        }

        public void setTasks(Map<String, String> tasks) {
            this.tasks = tasks;
        }

        public Map<String, String> getBackends() {
            return backends;
        }

        public void setBackends(Map<String, String> backends) {
            this.backends = backends;
        }
    }

    /**
     * Default generation settings for the task services and the ChatModel. Unset values come from the checkpoint's
     * generation_config.json, as in transformers.
     */
    public static class Generation {

        /** Tokens to generate at most (transformers' max_new_tokens; the checkpoint default is 20). */
        private Integer maxNewTokens;

        /** Beams for beam search; 1 is greedy (or sampling when do-sample is true). */
        private Integer numBeams;

        /** Beam scores are divided by length to this power: above 1 favours longer captions. */
        private Double lengthPenalty;

        /**
         * When beam search stops, as transformers' early_stopping: true (as soon as num-beams hypotheses are finished),
         * false (when no running beam can beat them at its current length) or never (at any length it could reach).
         */
        private String earlyStopping;

        /** Sample tokens (with temperature, top-k, top-p, seed) instead of picking the most likely one. */
        private Boolean doSample;

        /** Sampling temperature (> 0); lower is more conservative. */
        private Double temperature;

        /** Sampling keeps the k most likely tokens (0 keeps all). */
        private Integer topK;

        /** Sampling keeps the smallest set of tokens whose probability reaches p (1 keeps all). */
        private Double topP;

        /** Sampling seed: the same seed gives the same text. */
        private Long seed;

        public Integer getMaxNewTokens() {
            return maxNewTokens;
        }

        public void setMaxNewTokens(Integer maxNewTokens) {
            this.maxNewTokens = maxNewTokens;
        }

        public Integer getNumBeams() {
            return numBeams;
        }

        public void setNumBeams(Integer numBeams) {
            this.numBeams = numBeams;
        }

        public Double getLengthPenalty() {
            return lengthPenalty;
        }

        public void setLengthPenalty(Double lengthPenalty) {
            this.lengthPenalty = lengthPenalty;
        }

        public String getEarlyStopping() {
            return earlyStopping;
        }

        public void setEarlyStopping(String earlyStopping) {
            this.earlyStopping = earlyStopping;
        }

        public Boolean getDoSample() {
            return doSample;
        }

        public void setDoSample(Boolean doSample) {
            this.doSample = doSample;
        }

        public Double getTemperature() {
            return temperature;
        }

        public void setTemperature(Double temperature) {
            this.temperature = temperature;
        }

        public Integer getTopK() {
            return topK;
        }

        public void setTopK(Integer topK) {
            this.topK = topK;
        }

        public Double getTopP() {
            return topP;
        }

        public void setTopP(Double topP) {
            this.topP = topP;
        }

        public Long getSeed() {
            return seed;
        }

        public void setSeed(Long seed) {
            this.seed = seed;
        }
    }

    /**
     * Dynamic batching below the task heads: concurrent generations for inputs of the same kind and frame count, with
     * equal settings, share one vision pass and one generation loop, whichever entry point they came from.
     */
    public static class Batching {

        /** False runs every generation alone (a batch of one). */
        private boolean enabled = true;

        /** Most requests in one forward pass. */
        private int maxBatchSize = 8;

        /** How long the first request of a batch waits for company. */
        private Duration maxWait = Duration.ofMillis(10);

        /** Generations waiting at most; more are refused as busy (HTTP 503 with Retry-After). */
        private int queueCapacity = 256;

        /** The Retry-After advice on a full queue. */
        private Duration retryAfter = Duration.ofSeconds(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }
    }

    /** Bounds on what one request may ask for, and on how many run at once. */
    public static class Limits {

        /** The largest image or video accepted, per media item. */
        private DataSize maxMediaSize = DataSize.ofMegabytes(64);

        /** The largest frame accepted, in pixels (width x height); checked from the header before decoding. */
        private long maxPixels = 40_000_000L;

        /** The longest video accepted. */
        private Duration maxVideoDuration = Duration.ofHours(2);

        /** Wall-clock budget for decoding one image or video; a slower decode is aborted. */
        private Duration decodeTimeout = Duration.ofSeconds(60);

        /** The longest question, in characters. */
        private int maxQuestionLength = 500;

        /** Questions answered about one input in one call. */
        private int maxQuestions = 16;

        /** Labels scored in one classification. */
        private int maxLabels = 100;

        /** The largest max-new-tokens a request may ask for. */
        private int maxNewTokens = 128;

        /**
         * Task calls running at once; further calls wait for a slot. Their generations are batched onto one model
         * worker, so this bounds concurrent requests (and label scoring, which runs on the calls' own threads), not
         * matrix products.
         */
        private int concurrency = 16;

        /** How long a call waits for a free slot before it is refused as busy. */
        private Duration acquireTimeout = Duration.ofSeconds(30);

        /** Streaming requests that may wait for a worker thread; more are refused as busy. */
        private int streamQueueCapacity = 16;

        public DataSize getMaxMediaSize() {
            return maxMediaSize;
        }

        public void setMaxMediaSize(DataSize maxMediaSize) {
            this.maxMediaSize = maxMediaSize;
        }

        public long getMaxPixels() {
            return maxPixels;
        }

        public void setMaxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
        }

        public Duration getMaxVideoDuration() {
            return maxVideoDuration;
        }

        public void setMaxVideoDuration(Duration maxVideoDuration) {
            this.maxVideoDuration = maxVideoDuration;
        }

        public Duration getDecodeTimeout() {
            return decodeTimeout;
        }

        public void setDecodeTimeout(Duration decodeTimeout) {
            this.decodeTimeout = decodeTimeout;
        }

        /** What the media decoder accepts: the one place these keys become {@link MediaLimits}. */
        public MediaLimits media() {
            return new MediaLimits(maxMediaSize.toBytes(), maxPixels, maxVideoDuration.toMillis() / 1000.0,
                    MediaLimits.defaults().maxFrameCount(), decodeTimeout);
        }

        public int getMaxQuestionLength() {
            return maxQuestionLength;
        }

        public void setMaxQuestionLength(int maxQuestionLength) {
            this.maxQuestionLength = maxQuestionLength;
        }

        public int getMaxQuestions() {
            return maxQuestions;
        }

        public void setMaxQuestions(int maxQuestions) {
            this.maxQuestions = maxQuestions;
        }

        public int getMaxLabels() {
            return maxLabels;
        }

        public void setMaxLabels(int maxLabels) {
            this.maxLabels = maxLabels;
        }

        public int getMaxNewTokens() {
            return maxNewTokens;
        }

        public void setMaxNewTokens(int maxNewTokens) {
            this.maxNewTokens = maxNewTokens;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getAcquireTimeout() {
            return acquireTimeout;
        }

        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }

        public int getStreamQueueCapacity() {
            return streamQueueCapacity;
        }

        public void setStreamQueueCapacity(int streamQueueCapacity) {
            this.streamQueueCapacity = streamQueueCapacity;
        }
    }
}
