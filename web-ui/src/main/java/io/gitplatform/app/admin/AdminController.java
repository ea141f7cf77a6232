package io.gitplatform.app.admin;

import java.util.Locale;
import io.gitplatform.core.pipeline.EngineSettings;
import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.ApiSecurityProperties;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.core.platform.PluginInfo;
import io.gitplatform.core.platform.PluginRescan;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.UnknownPluginException;
import io.gitplatform.starter.autoconfigure.GitProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations for operators, behind the admin key (see {@code ApiKeyFilter}). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "admin", description = "Plugins, model reload and the configuration in force; needs the admin key")
public class AdminController {
    private final ModelHolder model;
    private final GitProperties git;
    private final Limits limits;
    private final JobsProperties jobs;
    private final ApiSecurityProperties security;

    public AdminController(ModelHolder model, GitProperties git, Limits limits, JobsProperties jobs,
            ApiSecurityProperties security) {
        this.model = model;
        this.git = git;
        this.limits = limits;
        this.jobs = jobs;
        this.security = security;
    }

    @PostMapping("/model/reload")
    @Operation(summary = "Reload the configured model; requests in flight finish on the old one")
    public Map<String, Object> reload() {
        model.reload();
        return Map.of("model", model.modelName(), "state", model.state());
    }

    @GetMapping("/plugins")
    @Operation(summary = "The plugins found, with their state, tasks and backends")
    public List<PluginInfo> plugins() {
        return model.platform().plugins().plugins();
    }

    @PostMapping("/plugins/rescan")
    @Operation(summary = "Load the jars added to the plugins folder since the last scan and unload the removed ones")
    public Map<String, Object> rescan() {
        PluginRuntime plugins = model.platform().plugins();
        PluginRescan rescan = plugins.rescan();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loaded", rescan.loaded());
        out.put("unloaded", rescan.unloaded());
        out.put("failed", rescan.failed());
        out.put("plugins", plugins.plugins());
        return out;
    }

    @PostMapping("/plugins/{id}/{action}")
    @Operation(summary = "Enable, disable or reload a plugin at run time (action: enable, disable, reload)")
    public PluginInfo plugin(@PathVariable String id, @PathVariable String action) {
        PluginRuntime plugins = model.platform().plugins();
        try {
            return switch (action) {
                case "enable" -> plugins.enable(id);
                case "disable" -> plugins.disable(id);
                case "reload" -> plugins.reload(id);
                default -> throw ApiException.badOption("action must be enable, disable or reload, got '" + action
                        + "'");
            };
        } catch (UnknownPluginException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Plugin not found", e.getMessage());
        }
    }

    @GetMapping("/config")
    @Operation(summary = "The git.* configuration in force, secrets masked")
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        GitProperties.Model m = git.getModel();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", m.getSource());
        model.put("revision", m.getRevision());
        model.put("offline", m.isOffline());
        model.put("loading", m.getLoading());
        model.put("hub_token", mask(m.getHub().getToken()));
        out.put("model", model);
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("id", git.getBackend().getId());
        GitProperties.Dtype dtype = git.getBackend().getDtype();
        backend.put("dtype", dtype == null ? "auto" : dtype.name().toLowerCase(Locale.ROOT));
        // what the backend resolved it to on this machine (auto: bfloat16 or float32 by the CPU's instructions)
        backend.put("dtype_in_use", this.model.ready()
                ? EngineSettings.name(this.model.platform().pipeline().settings().dtype()) : "not loaded");
        backend.put("threads", git.getBackend().getThreads());
        out.put("backend", backend);
        out.put("plugins", Map.of("dir", git.getPlugins().getDir().toString(), "enabled", git.getPlugins().getEnabled(),
                "disabled", git.getPlugins().getDisabled(), "tasks", git.getPlugins().getTasks(), "backends",
                git.getPlugins().getBackends()));
        GitProperties.Limits l = limits.shared();
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("max_media_size", l.getMaxMediaSize().toString());
        bounds.put("max_pixels", l.getMaxPixels());
        bounds.put("max_video_duration", l.getMaxVideoDuration().toString());
        bounds.put("decode_timeout", l.getDecodeTimeout().toString());
        bounds.put("max_new_tokens", l.getMaxNewTokens());
        bounds.put("max_questions", l.getMaxQuestions());
        bounds.put("max_labels", l.getMaxLabels());
        bounds.put("max_question_length", l.getMaxQuestionLength());
        bounds.put("concurrency", l.getConcurrency());
        bounds.put("max_images", limits.maxImages());
        bounds.put("max_beams", limits.maxBeams());
        bounds.put("request_timeout", limits.requestTimeout().toString());
        out.put("limits", bounds);
        GitProperties.Batching b = git.getBatching();
        Map<String, Object> batching = new LinkedHashMap<>();
        batching.put("enabled", b.isEnabled());
        batching.put("max_batch_size", b.getMaxBatchSize());
        batching.put("max_wait", b.getMaxWait().toString());
        batching.put("queue_capacity", b.getQueueCapacity());
        batching.put("retry_after", b.getRetryAfter().toString());
        out.put("batching", batching);
        JobsProperties.Store store = jobs.store();
        out.put("jobs", new JobsProperties(jobs.maxJobs(), jobs.retention(), jobs.timeout(),
                new JobsProperties.Store(store.url().replaceAll("(?i)(password=)[^&;]*", "$1******"),
                        store.username(), mask(store.password()), store.poolSize()), jobs.worker(), jobs.maxParts()));
        Map<String, Object> sec = new LinkedHashMap<>();
        sec.put("api_key", mask(security.apiKey()));
        sec.put("admin_key", mask(security.adminKey()));
        sec.put("cors_allowed_origins", security.corsAllowedOrigins());
        sec.put("allowed_image_url_prefixes", security.allowedImageUrlPrefixes());
        out.put("security", sec);
        return out;
    }

    /** Whether a secret is set, never any of its characters. */
    static String mask(String secret) {
        return secret == null || secret.isBlank() ? "(not set)" : "******";
    }
}
