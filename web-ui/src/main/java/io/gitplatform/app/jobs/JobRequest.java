package io.gitplatform.app.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a job was asked to do, kept as it came so that any task can be queued: the task id, the form fields besides
 * the file (name to values, in order) and the upload.
 */
public record JobRequest(String task, Map<String, List<String>> options, byte[] upload, String fileName) {
    /** The field that holds a live stream's URL instead of an upload. */
    public static final String URL = "url";

    /** The stream URL the job reads, or null for an upload. */
    public String url() {
        return value(URL);
    }

    /** The task's own fields: all but the stream URL. */
    public Map<String, List<String>> taskFields() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(options);
        out.remove(URL);
        return out;
    }

    /** The values of a field, none when absent. */
    public List<String> values(String field) {
        return options.getOrDefault(field, List.of());
    }

    /** The first value of a field, or null. */
    public String value(String field) {
        List<String> v = values(field);
        return v.isEmpty() ? null : v.get(0);
    }
}
