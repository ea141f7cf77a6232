/**
 * Parity with transformers: {@link io.gitplatform.core.parity.ParityFixture} reads what a fixture says (cases with
 * their inputs and {@code generate} arguments, reference arrays), {@link io.gitplatform.core.parity.ParityRunner}
 * runs the engine on it and compares: identical token ids, logits and hidden states within fixed tolerances.
 */
package io.gitplatform.core.parity;
