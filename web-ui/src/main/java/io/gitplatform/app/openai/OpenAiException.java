package io.gitplatform.app.openai;

import org.springframework.http.HttpStatus;

/**
 * A refusal on {@code /v1/**}, answered as OpenAI's error object {@code {"error": {message, type, param, code}}} so
 * that OpenAI clients can read {@code param} and {@code code}.
 *
 * @see OpenAiErrors
 */
class OpenAiException extends RuntimeException {
    static final String INVALID_REQUEST = "invalid_request_error";

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;

    OpenAiException(HttpStatus status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** A 400 naming the parameter at fault. */
    static OpenAiException invalid(String param, String code, String message) {
        return new OpenAiException(HttpStatus.BAD_REQUEST, INVALID_REQUEST, message, param, code);
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }
}
