package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.GenerationParams;
import io.gitplatform.app.api.TaskController;
import io.gitplatform.app.api.TaskService;
import io.gitplatform.core.generate.GenerationOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    public JobController(JobService jobs, TaskService tasks) {
        this.jobs = jobs;
        this.tasks = tasks;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Submit a caption, ask or classify job; answered with 202 and the job's Location")
    public ResponseEntity<JobView> submit(@RequestPart("file") MultipartFile file,
            @Parameter(description = "caption, ask or classify") @RequestParam("task") String task,
            @RequestParam(name = "question", required = false) List<String> question,
            @RequestParam(name = "labels", required = false) List<String> labels,
            @RequestParam(name = "prompt", required = false) String prompt,
            @ModelAttribute GenerationParams params) {
        GenerationOptions options = tasks.options(params);
        byte[] bytes = TaskController.bytes(file);
        String name = file.getOriginalFilename();
        JobService.Spec spec = switch (task) {
            case "caption" -> new JobService.Spec(task, bytes, name, List.of(), List.of(), null, options);
            case "ask" -> new JobService.Spec(task, bytes, name, tasks.questions(question), List.of(), null, options);
            case "classify" -> new JobService.Spec(task, bytes, name, List.of(), tasks.labels(labels), prompt, options);
            default -> throw ApiException.badOption("task must be caption, ask or classify, got '" + task + "'");
        };
        Job job = jobs.submit(spec, options.maxNewTokens());
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job.view(false));
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
