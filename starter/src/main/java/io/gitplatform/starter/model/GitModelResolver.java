package io.gitplatform.starter.model;

import io.gitplatform.core.pipeline.ModelFolder;

/**
 * Turns the configured model source into a model folder on disk. Define a bean of this type to take the model from
 * somewhere the properties cannot express.
 */
@FunctionalInterface
public interface GitModelResolver {

    /** Called once, when the model is loaded (possibly on a background thread); may download. */
    ModelFolder resolve();
}
