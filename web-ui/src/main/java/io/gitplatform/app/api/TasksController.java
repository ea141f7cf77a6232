package io.gitplatform.app.api;

import io.gitplatform.app.api.Responses.TaskResponse;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.core.platform.UnknownTaskException;
import io.gitplatform.spi.CancellationFlag;
import io.gitplatform.spi.InputKind;
import io.gitplatform.spi.TaskOption;
import io.gitplatform.spi.TaskOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Any task of any started plugin, built-in or third-party: the list with each task's option descriptors, and a run
 * endpoint that takes the upload in {@code file} and the task's options as form fields (named as its descriptors
 * name them; repeat a field for a list).
 */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tasks", description = "Captioning, visual question answering and classification, each through its task"
        + " head")
public class TasksController {
    private final TaskService tasks;
    private final ModelHolder model;

    public TasksController(TaskService tasks, ModelHolder model) {
        this.tasks = tasks;
        this.model = model;
    }

    /** A task as listed: who serves it, what it takes, and its options. */
    public record TaskView(String id, String plugin, String description, List<String> inputs,
            List<OptionView> options) {
        public static TaskView of(TaskDescriptor d) {
            return new TaskView(d.id(), d.pluginId(), d.description(),
                    d.inputs().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                    d.options().stream().map(OptionView::of).toList());
        }
    }

    /** One option: name, type, default, the values it allows, its range and whether it is required. */
    public record OptionView(String name, String type, String defaultValue, List<String> allowedValues, Double min,
            Double max, boolean required, String description) {
        public static OptionView of(TaskOption o) {
            return new OptionView(o.name(), o.type().name().toLowerCase(Locale.ROOT), o.defaultValue(), o.allowed(),
                    o.min(), o.max(), o.required(), o.description());
        }
    }

    @GetMapping
    @Operation(summary = "Every task the started plugins serve, with its plugin, inputs and option descriptors")
    public List<TaskView> list() {
        return model.platform().tasks().stream().map(TaskView::of).toList();
    }

    @GetMapping("/{task}")
    @Operation(summary = "One task with its option descriptors")
    public TaskView get(@PathVariable String task) {
        try {
            return TaskView.of(model.platform().task(task));
        } catch (UnknownTaskException e) {
            throw TaskService.notAvailable(e);
        }
    }

    @PostMapping(path = "/{task}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Run a task on an image or a video (file), or, for timeline, a live stream (url: HLS/DASH"
            + " over http(s), rtsp://, rtmp://, inside git.security.allowed-stream-url-prefixes); its options are form"
            + " fields named by its descriptors (GET /api/v1/tasks/{task}); an unknown or invalid option is a 400"
            + " naming it")
    public TaskResponse run(@PathVariable String task, @RequestPart(name = "file", required = false)
            MultipartFile file, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> fields) {
        long start = System.nanoTime();
        Map<String, List<String>> options = fieldsWithoutFile(fields);
        String url = streamUrl(options, file != null);
        TaskOptions checked = tasks.options(task, options);
        CancellationFlag cancel = new CancellationFlag();
        Frames frames = url != null ? tasks.stream(task, url, cancel)
                : tasks.decode(TaskController.bytes(file), file.getOriginalFilename());
        long decoded = System.nanoTime() - start;
        return TaskResponse.of(tasks.run(task, frames, checked, cancel), tasks.modelInfo().name(), frames, decoded,
                start);
    }

    /** The form fields without the media: {@code file}, and {@code url} (a stream, read as the media). */
    public static Map<String, List<String>> fieldsWithoutFile(MultiValueMap<String, String> fields) {
        Map<String, List<String>> out = new LinkedHashMap<>(fields);
        out.remove("file");
        return out;
    }

    /**
     * Takes the {@code url} field out of {@code fields}: the stream URL, or null when the media is an upload. Exactly
     * one of the two: 400 otherwise.
     */
    public static String streamUrl(Map<String, List<String>> fields, boolean hasFile) {
        List<String> urls = fields.remove("url");
        String url = urls == null || urls.isEmpty() || urls.get(0).isBlank() ? null : urls.get(0).strip();
        if (url != null && hasFile) {
            throw ApiException.badOption("send either a file or a url, not both");
        }
        if (url == null && !hasFile) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Missing media",
                    "send the media as the file field (or, for timeline, a stream as the url field)");
        }
        return url;
    }

    /** For the OpenAPI document: the input kinds a task takes, in words. */
    static String inputs(TaskDescriptor d) {
        return String.join(" or ", d.inputs().stream().sorted().map(InputKind::name)
                .map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }
}
