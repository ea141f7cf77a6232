package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.TaskController;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.app.api.TasksController;
import io.gitplatform.app.config.Limits;
import io.gitplatform.spi.TaskOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Long work as jobs: submit (202 + Location), poll, follow progress as server-sent events, cancel. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs", description = "Asynchronous tasks with progress and cancellation")
public class JobController {
    private final JobService jobs;
    private final TaskService tasks;
    private final Limits limits;

    public JobController(JobService jobs, TaskService tasks, Limits limits) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.limits = limits;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Submit a job for any task (GET /api/v1/tasks lists them; 'ask' is read as 'vqa'); its options"
            + " are form fields named by the task's descriptors (caption, ask and classify also take the names of their"
            + " own endpoints); answered with 202 and the job's Location")
    public ResponseEntity<JobView> submit(@RequestPart("file") MultipartFile file,
            @Parameter(description = "a task id: caption, vqa, classify, or a plugin's") @RequestParam("task")
            String task,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> fields,
            @ModelAttribute GenerationParams params) {
        String taskId = task.equals("ask") ? "vqa" : task;
        TaskOptions options = switch (taskId) {
            case "caption" -> TaskOptions.builder().generation(params.settings(limits)).build();
            case "vqa" -> TaskOptions.builder().questions(nonEmpty(fields.get("question"), fields.get("questions")))
                    .generation(params.settings(limits)).build();
            case "classify" -> TaskOptions.builder().labels(TaskController.splitLabels(fields.get("labels")))
                    .prompt(fields.getFirst("prompt")).build();
            default -> {
                Map<String, List<String>> own = TasksController.fieldsWithoutFile(fields);
                own.remove("task");
                yield tasks.options(taskId, own);
            }
        };
        // Checked now, so that a bad request is a 400 here and not a failed job later.
        tasks.options(taskId, options.toFields());
        byte[] bytes = TaskController.bytes(file);
        Job job = jobs.submit(new JobService.Spec(taskId, bytes, file.getOriginalFilename(), options),
                options.generation().maxNewTokens() == null ? limits.maxNewTokens()
                        : options.generation().maxNewTokens());
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job.view(false));
    }

    private static List<String> nonEmpty(List<String> a, List<String> b) {
        return a != null ? a : b != null ? b : List.of();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A job's status, progress and, once done, its result or problem")
    public JobView get(@PathVariable String id) {
        return find(id).view(true);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Progress as server-sent events ('progress', then 'succeeded', 'failed' or 'cancelled')")
    public SseEmitter events(@PathVariable String id) {
        return jobs.events(find(id));
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a job; a finished job is left as it is (409)")
    public JobView cancel(@PathVariable String id) {
        Job job = find(id);
        if (!jobs.cancel(job)) {
            throw new ApiException(HttpStatus.CONFLICT, "Job already finished", "job " + id + " is "
                    + job.view(false).status());
        }
        return job.view(false);
    }

    private Job find(String id) {
        return jobs.find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Job not found",
                "no job " + id + " (finished jobs expire)"));
    }
}
