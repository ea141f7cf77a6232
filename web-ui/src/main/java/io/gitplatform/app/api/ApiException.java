package io.gitplatform.app.api;

import org.springframework.http.HttpStatus;

/** A request the server refuses, answered as an RFC 9457 problem with this status, title and detail. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();

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

    /** More members of the problem (e.g. a timeline's {@code segments} so far). */
    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public static ApiException badOption(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid option", detail);
    }
}
