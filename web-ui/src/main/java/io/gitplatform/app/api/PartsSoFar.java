package io.gitplatform.app.api;

import io.gitplatform.spi.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partial results a task reported (a timeline's segments), passed on to the caller's listener and kept, at most
 * {@code max}, so that a request that fails part-way (a stalled stream, a timeout) answers with what it had: its
 * problem carries them by kind in the plural ({@code segments}).
 */
final class PartsSoFar implements ProgressListener {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ProgressListener next;
    private final int max;
    private final Map<String, List<String>> parts = new LinkedHashMap<>();
    private int count;

    PartsSoFar(ProgressListener next, int max) {
        this.next = next;
        this.max = max;
    }

    @Override
    public void onProgress(String stage, double fraction) {
        next.onProgress(stage, fraction);
    }

    @Override
    public void onPart(String kind, String json) {
        synchronized (this) {
            if (count < max) {
                parts.computeIfAbsent(kind + "s", k -> new ArrayList<>()).add(json);
                count++;
            }
        }
        next.onPart(kind, json);
    }

    synchronized ApiException attachTo(ApiException e) {
        parts.forEach((name, list) -> e.with(name, list.stream().map(JSON::readTree).toList()));
        return e;
    }
}
