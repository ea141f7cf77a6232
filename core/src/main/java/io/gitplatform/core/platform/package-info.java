/**
 * The plugin runtime and the platform facade; no Spring.
 *
 * <p>{@link io.gitplatform.core.platform.GitPlatform} is the platform in one object: the plugins and the model opened
 * on the backend the {@link io.gitplatform.core.platform.PlatformSettings} select. Its
 * {@link io.gitplatform.core.platform.PluginRuntime} is three small parts: {@code PluginLifecycle} loads, starts,
 * stops, unloads and rescans the PF4J jars of one directory (each jar checked by {@code PluginJarCheck} against its
 * manifest and the {@link io.gitplatform.core.platform.PlatformVersion}); {@code ExtensionRegistry} knows which plugin
 * serves each task and backend id, deterministically (configuration, then the built-in plugin; a contest is an
 * {@link io.gitplatform.core.platform.ExtensionConflict} reported on every party); {@code GuardedCalls} runs plugin
 * code on worker threads with the plugin's class loader and a timeout, keeping failures as text so that an unloaded
 * plugin's classes can be collected.
 *
 * <p>{@link io.gitplatform.core.platform.RequestContext} is what a task head sees of one request (the plugin API's
 * {@code TaskContext}): generation through the platform's batcher, encodings kept per input in the request's
 * {@link io.gitplatform.core.platform.EncodingCache}, and {@link io.gitplatform.core.platform.GenerationDefaults} under
 * the request's own settings.
 */
package io.gitplatform.core.platform;
