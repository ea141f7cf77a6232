package io.gitplatform.app.api;

import io.gitplatform.app.api.Responses.AskResponse;
import io.gitplatform.app.api.Responses.CaptionResponse;
import io.gitplatform.app.api.Responses.ClassifyResponse;
import io.gitplatform.app.config.Limits;
import io.gitplatform.app.media.Frames;
import io.gitplatform.spi.TaskOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The task endpoints: an image or video in the multipart part {@code file}, options as form fields. */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tasks", description = "Captioning, visual question answering and classification, each through its task"
        + " head")
public class TaskController {
    private final TaskService tasks;
    private final Limits limits;

    public TaskController(TaskService tasks, Limits limits) {
        this.tasks = tasks;
        this.limits = limits;
    }

    @PostMapping("/caption")
    @Operation(summary = "Caption an image or a video (task 'caption')")
    public CaptionResponse caption(@RequestPart("file") MultipartFile file, @ModelAttribute GenerationParams params) {
        long start = System.nanoTime();
        TaskOptions options = TaskOptions.builder().generation(params.settings(limits)).build();
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        long decoded = System.nanoTime() - start;
        return CaptionResponse.of(tasks.run("caption", frames, options), tasks.modelInfo().name(), frames, decoded,
                start);
    }

    @PostMapping("/ask")
    @Operation(summary = "Answer questions about an image or a video (task 'vqa')")
    public AskResponse ask(@RequestPart("file") MultipartFile file,
            @Parameter(description = "a question; repeat for several") @RequestParam(name = "question",
                    required = false) List<String> question,
            @ModelAttribute GenerationParams params) {
        long start = System.nanoTime();
        if (question == null || question.stream().allMatch(q -> q == null || q.isBlank())) {
            throw ApiException.badOption("ask needs at least one non-empty 'question'");
        }
        TaskOptions options = TaskOptions.builder().questions(question).generation(params.settings(limits)).build();
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        long decoded = System.nanoTime() - start;
        return AskResponse.of(tasks.run("vqa", frames, options), tasks.modelInfo().name(), frames, decoded, start);
    }

    @PostMapping("/classify")
    @Operation(summary = "Rank labels by how likely the model is to say them about the input (task 'classify')")
    public ClassifyResponse classify(@RequestPart("file") MultipartFile file,
            @Parameter(description = "labels, repeated or comma-separated") @RequestParam(name = "labels",
                    required = false) List<String> labels,
            @Parameter(description = "text before each label, e.g. 'what shape is it?'") @RequestParam(name = "prompt",
                    required = false) String prompt) {
        long start = System.nanoTime();
        List<String> split = splitLabels(labels);
        if (split.size() < 2) {
            throw ApiException.badOption("classify needs at least two labels, got " + split.size());
        }
        TaskOptions options = TaskOptions.builder().labels(split).prompt(prompt).build();
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        long decoded = System.nanoTime() - start;
        return ClassifyResponse.of(tasks.run("classify", frames, options), tasks.modelInfo().name(),
                options.prompt(), frames, decoded, start);
    }

    /** Labels from repeated parameters, each of which may also be a comma-separated list. */
    public static List<String> splitLabels(List<String> labels) {
        List<String> out = new ArrayList<>();
        if (labels != null) {
            for (String l : labels) {
                for (String part : l.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    /** The upload's bytes (the multipart resolver has already enforced the size limit). */
    public static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
