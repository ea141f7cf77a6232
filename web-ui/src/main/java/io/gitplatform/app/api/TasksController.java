package io.gitplatform.app.api;

import io.gitplatform.app.api.Responses.TaskResponse;
import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.app.media.Frames;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.core.platform.UnknownTaskException;
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
    @Operation(summary = "Run a task on an image or a video; its options are form fields named by its descriptors"
            + " (GET /api/v1/tasks/{task}); an unknown or invalid option is a 400 naming it")
    public TaskResponse run(@PathVariable String task, @RequestPart("file") MultipartFile file,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> fields) {
        long start = System.nanoTime();
        TaskOptions options = tasks.options(task, fieldsWithoutFile(fields));
        Frames frames = tasks.decode(TaskController.bytes(file), file.getOriginalFilename());
        long decoded = System.nanoTime() - start;
        return TaskResponse.of(tasks.run(task, frames, options), tasks.modelInfo().name(), frames, decoded, start);
    }

    public static Map<String, List<String>> fieldsWithoutFile(MultiValueMap<String, String> fields) {
        Map<String, List<String>> out = new LinkedHashMap<>(fields);
        out.remove("file");
        return out;
    }

    /** For the OpenAPI document: the input kinds a task takes, in words. */
    static String inputs(TaskDescriptor d) {
        return String.join(" or ", d.inputs().stream().sorted().map(InputKind::name)
                .map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }
}
