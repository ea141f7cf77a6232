package io.gitplatform.app.api;

import io.gitplatform.app.config.Limits;
import io.gitplatform.app.engine.ModelNotReadyException;
import io.gitplatform.app.metrics.ServingMetrics;
import io.gitplatform.core.batch.QueueFullException;
import io.gitplatform.core.platform.Problem;
import io.gitplatform.core.platform.TaskFailedException;
import io.gitplatform.core.platform.TaskTimeoutException;
import io.gitplatform.core.platform.UnknownTaskException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure as an RFC 9457 problem ({@code application/problem+json}) with a title a client can act on. Spring's
 * own exceptions (bad parameters, missing parts, wrong methods) come through the base class.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ServingMetrics metrics;
    private final Limits limits;

    public ProblemHandler(ServingMetrics metrics, Limits limits) {
        this.metrics = metrics;
        this.limits = limits;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ResponseEntity<ProblemDetail> r = problem(e.status(), e.title(), e.getMessage(), null);
        e.properties().forEach(r.getBody()::setProperty);
        return r;
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(ModelNotReadyException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Model not ready", e.getMessage(), "5");
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<ProblemDetail> busy(QueueFullException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Server busy", e.getMessage(),
                String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
    }

    /** No started plugin serves the task (disabled, unloaded, or never installed). */
    @ExceptionHandler(UnknownTaskException.class)
    ResponseEntity<ProblemDetail> notAvailable(UnknownTaskException e) {
        return problem(Problem.of(e));
    }

    @ExceptionHandler(TaskTimeoutException.class)
    ResponseEntity<ProblemDetail> taskTimeout(TaskTimeoutException e) {
        return problem(Problem.of(e));
    }

    @ExceptionHandler(TaskFailedException.class)
    ResponseEntity<ProblemDetail> taskFailed(TaskFailedException e) {
        log.warn("task failed in plugin {}: {}", e.pluginId(), e.getMessage());
        return problem(Problem.of(e));
    }

    /** A body that claims to be a multipart form but is not one (no boundary, cut short): the client's error. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedForm(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed upload",
                "the request body is not a well-formed multipart form: " + e.getMostSpecificCause().getMessage(), null);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), null);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> internal(RuntimeException e) {
        log.error("request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server could not complete the request: " + e.getClass().getSimpleName(), null);
    }

    /** Options that do not convert (max_new_tokens=abc) fail binding: say which and why. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        metrics.error("Invalid option");
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": '" + f.getRejectedValue() + "' is not a valid value")
                .collect(Collectors.joining("; "));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setTitle("Invalid option");
        return ResponseEntity.badRequest().body(body);
    }

    /** Uploads over the limit never reach a controller: the multipart resolver refuses them. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        metrics.error("Upload too large");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the upload is larger than the limit of " + limits.maxMediaSize().toBytes() + " bytes");
        body.setTitle("Upload too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(body);
    }

    private ResponseEntity<ProblemDetail> problem(Problem p) {
        return problem(HttpStatus.valueOf(p.status()), p.title(), p.detail(), null);
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String retryAfter) {
        metrics.error(title);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(body);
    }
}
