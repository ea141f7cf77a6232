package io.gitplatform.app.admin;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.config.ApiSecurityProperties;
import io.gitplatform.app.config.BackendProperties;
import io.gitplatform.app.config.BatchingProperties;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.app.config.ModelProperties;
import io.gitplatform.app.config.PluginsProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.core.platform.PluginInfo;
import io.gitplatform.core.platform.PluginRuntime;
import io.gitplatform.core.platform.UnknownPluginException;
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
    private final ModelProperties modelProperties;
    private final BackendProperties backend;
    private final PluginsProperties plugins;
    private final LimitsProperties limits;
    private final BatchingProperties batching;
    private final JobsProperties jobs;
    private final ApiSecurityProperties security;

    public AdminController(ModelHolder model, ModelProperties modelProperties, BackendProperties backend,
            PluginsProperties plugins, LimitsProperties limits, BatchingProperties batching, JobsProperties jobs,
            ApiSecurityProperties security) {
        this.model = model;
        this.modelProperties = modelProperties;
        this.backend = backend;
        this.plugins = plugins;
        this.limits = limits;
        this.batching = batching;
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
        out.put("model", modelProperties);
        out.put("backend", backend);
        out.put("plugins", plugins);
        out.put("limits", limits);
        out.put("batching", batching);
        out.put("jobs", jobs);
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
