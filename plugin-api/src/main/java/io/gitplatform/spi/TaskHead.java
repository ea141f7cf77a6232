package io.gitplatform.spi;

import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A task the platform can run: it turns a request plus the model into a result (a caption, answers, ranked labels).
 * Implement it in a plugin and annotate the class with {@code @org.pf4j.Extension}.
 *
 * <p>Heads are called concurrently from worker threads; keep them stateless. Throw {@link IllegalArgumentException}
 * for an invalid request (it reaches the caller as a bad request); anything else counts as a plugin failure.
 */
public interface TaskHead extends ExtensionPoint {

    /** The task's id, unique on the platform: lower case, digits and dashes ({@code vqa}). */
    String id();

    /** One line for listings. */
    String description();

    /**
     * The inputs it accepts; the platform rejects others before calling {@link #run}. Images and videos by default:
     * the model reads either as frames, so a head narrows this only when its work needs time (a timeline).
     */
    default Set<InputKind> inputs() {
        return Set.of(InputKind.IMAGE, InputKind.VIDEO);
    }

    /** The options it reads, with their types, defaults and descriptions. */
    List<TaskOption> options();

    /** Runs one request; poll {@code request.cancellation()} in long loops. */
    TaskResult run(TaskRequest request, TaskContext context);
}
