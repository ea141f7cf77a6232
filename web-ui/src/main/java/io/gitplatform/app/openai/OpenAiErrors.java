package io.gitplatform.app.openai;

import io.gitplatform.app.api.ApiException;
import io.gitplatform.app.engine.ModelNotReadyException;
import io.gitplatform.app.metrics.ServingMetrics;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.core.platform.TaskTimeoutException;
import io.gitplatform.core.platform.UnknownTaskException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of the OpenAI-compatible endpoints as OpenAI's error object; the rest of the API keeps RFC 9457
 * problems ({@code ProblemHandler}). Ordered first, and limited to {@link ChatController}, so it wins there only.
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {
    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    private final ServingMetrics metrics;

    OpenAiErrors(ServingMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(OpenAiException.class)
    ResponseEntity<Map<String, Object>> openAi(OpenAiException e) {
        return error(e, null);
    }

    /** The platform's own refusals, in OpenAI's terms: every media problem of a request is a 400, as OpenAI has it. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return error(of(e), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(OpenAiException.invalid(null, "invalid_json", "the request body is not valid JSON for a chat"
                + " completion: " + e.getMostSpecificCause().getMessage()), null);
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<Map<String, Object>> notReady(ModelNotReadyException e) {
        return error(new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", e.getMessage(), null,
                "model_not_ready"), "5");
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Map<String, Object>> busy(QueueFullException e) {
        return error(new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", e.getMessage(), null,
                "server_busy"), String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
    }

    @ExceptionHandler(UnknownTaskException.class)
    ResponseEntity<Map<String, Object>> notAvailable(UnknownTaskException e) {
        return error(new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", e.getMessage(), null,
                "task_not_available"), null);
    }

    @ExceptionHandler(TaskTimeoutException.class)
    ResponseEntity<Map<String, Object>> timeout(TaskTimeoutException e) {
        return error(new OpenAiException(HttpStatus.GATEWAY_TIMEOUT, "server_error", e.getMessage(), null,
                "timeout"), null);
    }

    @ExceptionHandler(TaskFailedException.class)
    ResponseEntity<Map<String, Object>> failed(TaskFailedException e) {
        log.warn("task failed in plugin {}: {}", e.pluginId(), e.getMessage());
        return error(new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", e.getMessage(), null,
                "task_failed"), null);
    }

    /** A task head's refusal of the request (an option out of range, say). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
        return error(OpenAiException.invalid(null, "invalid_value", e.getMessage()), null);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> internal(RuntimeException e) {
        log.error("chat request failed", e);
        return error(new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "the server could not complete the request: " + e.getClass().getSimpleName(), null, null), null);
    }

    /** An {@link ApiException} of the shared code (media, image sources, limits) in OpenAI's terms. */
    static OpenAiException of(ApiException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return new OpenAiException(e.status(), OpenAiException.INVALID_REQUEST, e.getMessage(), "model",
                    "model_not_found");
        }
        if (e.status().is4xxClientError()) {
            // 415 (format), 413 (size) and 400 (corrupt, empty) about an image: OpenAI answers all of them 400.
            boolean media = e.status() != HttpStatus.BAD_REQUEST || e.title().contains("media")
                    || e.title().contains("Corrupt") || e.title().contains("image");
            return OpenAiException.invalid(media ? "messages" : null, media ? "invalid_image" : "invalid_value",
                    e.title() + ": " + e.getMessage());
        }
        // "Task not available" -> task_not_available: the platform's title as OpenAI's machine-readable code
        String code = e.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return new OpenAiException(e.status(), "server_error", e.title() + ": " + e.getMessage(), null, code);
    }

    /** The error object itself, as OpenAI and the streaming path write it. */
    static Map<String, Object> body(OpenAiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        return Map.of("error", error);
    }

    private ResponseEntity<Map<String, Object>> error(OpenAiException e, String retryAfter) {
        metrics.error(e.code() == null ? e.type() : e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(body(e));
    }
}
