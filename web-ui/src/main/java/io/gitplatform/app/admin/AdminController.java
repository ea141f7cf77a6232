package io.gitplatform.app.admin;

import io.gitplatform.app.config.ApiSecurityProperties;
import io.gitplatform.app.config.BackendProperties;
import io.gitplatform.app.config.BatchingProperties;
import io.gitplatform.app.config.JobsProperties;
import io.gitplatform.app.config.LimitsProperties;
import io.gitplatform.app.config.ModelProperties;
import io.gitplatform.app.engine.ModelHolder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations for operators, behind the admin key (see {@code ApiKeyFilter}). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "admin", description = "Model reload and the configuration in force; needs the admin key")
public class AdminController {
    private final ModelHolder model;
    private final ModelProperties modelProperties;
    private final BackendProperties backend;
    private final LimitsProperties limits;
    private final BatchingProperties batching;
    private final JobsProperties jobs;
    private final ApiSecurityProperties security;

    public AdminController(ModelHolder model, ModelProperties modelProperties, BackendProperties backend,
            LimitsProperties limits, BatchingProperties batching, JobsProperties jobs, ApiSecurityProperties security) {
        this.model = model;
        this.modelProperties = modelProperties;
        this.backend = backend;
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

    @GetMapping("/config")
    @Operation(summary = "The git.* configuration in force, secrets masked")
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", modelProperties);
        out.put("backend", backend);
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
