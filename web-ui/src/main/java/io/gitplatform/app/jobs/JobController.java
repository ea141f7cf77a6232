package io.gitplatform.app.jobs;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.api.TaskController;
import io.gitplatform.app.api.TasksController;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Long work as jobs: submit (202 + Location), poll, follow progress as server-sent events, cancel. Any replica answers
 * for any job: they share the store.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs", description = "Asynchronous tasks with progress and cancellation")
public class JobController {
    private final JobService jobs;

    public JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Submit a job for any task (GET /api/v1/tasks lists them; 'ask' is read as 'vqa'); its options"
            + " are form fields named by the task's descriptors (caption, ask and classify also take the names of their"
            + " own endpoints); the media is the file field, or for timeline a live stream URL as the url field;"
            + " answered with 202 and the job's Location once the job is stored")
    public ResponseEntity<JobView> submit(@RequestPart(name = "file", required = false) MultipartFile file,
            @Parameter(description = "a task id: caption, vqa, classify, or a plugin's") @RequestParam("task")
            String task,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> fields) {
        Map<String, List<String>> options = TasksController.fieldsWithoutFile(fields);
        options.remove("task");
        String url = TasksController.streamUrl(options, file != null);
        if (url != null) {
            options.put(JobRequest.URL, List.of(url)); // stored with the fields; checked against the allow-list below
        }
        JobView job = jobs.submit(new JobRequest(task.equals("ask") ? "vqa" : task, options,
                file == null ? new byte[0] : TaskController.bytes(file), file == null ? null
                        : file.getOriginalFilename()));
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A job's status, progress and, once done, its result or problem")
    public JobView get(@PathVariable String id) {
        return jobs.view(find(id), true);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Progress as server-sent events: 'progress', the task's partial results as they come (a"
            + " timeline's 'segment' events; a late subscriber gets those so far first), then 'succeeded', 'failed' or"
            + " 'cancelled'")
    public SseEmitter events(@PathVariable String id) {
        return jobs.events(find(id).id());
    }

    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a job, wherever it runs; a finished job is left as it is (409)")
    public JobView cancel(@PathVariable String id) {
        find(id);
        if (!jobs.cancel(id)) {
            throw new ApiException(HttpStatus.CONFLICT, "Job already finished", "job " + id + " is "
                    + jobs.view(find(id), false).status());
        }
        return jobs.view(find(id), false);
    }

    private StoredJob find(String id) {
        if (id.length() > 36) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Job not found", "no job " + id);
        }
        return jobs.find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Job not found",
                "no job " + id + " (finished jobs are kept for git.jobs.retention)"));
    }
}
