package io.gitplatform.app.api;

import org.springframework.http.HttpStatus;

/** A request the server refuses, answered as an RFC 9457 problem with this status, title and detail. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    public ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ApiException badOption(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid option", detail);
    }
}
