/**
 * The one generation loop ({@link io.gitplatform.core.generate.Generator}) and the searches it drives: greedy, seeded
 * sampling and transformers' beam search. Options carry transformers' names and meanings
 * ({@link io.gitplatform.core.generate.GenerationOptions}); requests reach them already checked against the task's
 * option descriptors.
 */
package io.gitplatform.core.generate;
