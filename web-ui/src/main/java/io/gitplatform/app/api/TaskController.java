package io.gitplatform.app.api;

import io.gitplatform.app.api.Responses.AskResponse;
import io.gitplatform.app.api.Responses.CaptionResponse;
import io.gitplatform.app.api.Responses.ClassifyResponse;
import io.gitplatform.app.media.Frames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
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
@Tag(name = "tasks", description = "Captioning, visual question answering and classification")
public class TaskController {
    private final TaskService tasks;

    public TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/caption")
    @Operation(summary = "Caption an image or a video")
    public CaptionResponse caption(@RequestPart("file") MultipartFile file, @ModelAttribute GenerationParams params) {
        long start = System.nanoTime();
        var options = tasks.options(params);
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        return tasks.caption(frames, options, System.nanoTime() - start, start);
    }

    @PostMapping("/ask")
    @Operation(summary = "Answer questions about an image or a video")
    public AskResponse ask(@RequestPart("file") MultipartFile file,
            @Parameter(description = "a question; repeat for several") @RequestParam(name = "question",
                    required = false) List<String> question,
            @ModelAttribute GenerationParams params) {
        long start = System.nanoTime();
        var options = tasks.options(params);
        List<String> questions = tasks.questions(question);
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        return tasks.ask(frames, questions, options, System.nanoTime() - start, start);
    }

    @PostMapping("/classify")
    @Operation(summary = "Rank labels by how likely the model is to say them about the input")
    public ClassifyResponse classify(@RequestPart("file") MultipartFile file,
            @Parameter(description = "labels, repeated or comma-separated") @RequestParam(name = "labels",
                    required = false) List<String> labels,
            @Parameter(description = "text before each label, e.g. 'what shape is it?'") @RequestParam(name = "prompt",
                    required = false) String prompt) {
        long start = System.nanoTime();
        List<String> checked = tasks.labels(labels);
        Frames frames = tasks.decode(bytes(file), file.getOriginalFilename());
        return tasks.classify(frames, prompt, checked, System.nanoTime() - start, start);
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
