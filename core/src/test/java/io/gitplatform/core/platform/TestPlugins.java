package io.gitplatform.core.platform;

import java.nio.file.Path;

/** The plugins the runtime tests build: sources here, compiled into jars at test time. */
final class TestPlugins {
    private TestPlugins() {
    }

    private static final String HEAD_IMPORTS = """
            import io.gitplatform.spi.*;
            import java.util.List;
            import java.util.Set;
            import org.pf4j.Extension;
            """;

    /** {@code echo}: encodes the input through the context (scoring one word) and reports the frames and the prompt. */
    static Path echo(Path dir, String version, String greeting) {
        return TestPluginJar.plugin("echo").version(version).source("test.echo.EchoTask", """
                package test.echo;
                %s
                @Extension
                public class EchoTask implements TaskHead {
                    public String id() { return "echo"; }
                    public String description() { return "echoes the prompt"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE, InputKind.VIDEO); }
                    public List<TaskOption> options() {
                        return List.of(new TaskOption("prompt", OptionType.STRING, null, "what to echo"));
                    }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        io.gitplatform.core.platform.LoaderProbe.seen(getClass().getClassLoader());
                        context.score(request.input(), null, List.of("echo"));
                        int frames = request.input().frames().size();
                        if (request.options().prompt() == null) {
                            throw new IllegalArgumentException("echo needs a prompt");
                        }
                        String text = "%s " + request.options().prompt() + " (" + frames + " frames)";
                        return new TaskResult(id(), text, List.of(), List.of(), TokenUsage.NONE, context.timings(),
                                io.gitplatform.spi.FinishReason.EOS);
                    }
                }
                """.formatted(HEAD_IMPORTS, greeting)).writeTo(dir);
    }

    /** {@code captioner}: task {@code describe} captions through the context, with the request's settings. */
    static Path captioner(Path dir) {
        return TestPluginJar.plugin("captioner").source("test.captioner.DescribeTask", """
                package test.captioner;
                %s
                @Extension
                public class DescribeTask implements TaskHead {
                    public String id() { return "describe"; }
                    public String description() { return "captions"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE, InputKind.VIDEO); }
                    public List<TaskOption> options() { return GenerationSettings.OPTIONS; }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        TextResult caption = context.caption(request.input(), request.options().generation());
                        return TaskResult.ofAnswers(id(), List.of(Answer.of(null, caption)), context.timings());
                    }
                }
                """.formatted(HEAD_IMPORTS)).writeTo(dir);
    }

    /** {@code boom-start}: its {@code Plugin.start()} throws. */
    static Path failingStart(Path dir) {
        return TestPluginJar.plugin("boom-start").pluginClass("test.boomstart.BoomPlugin")
                .source("test.boomstart.BoomPlugin", """
                        package test.boomstart;
                        public class BoomPlugin extends org.pf4j.Plugin {
                            @Override
                            public void start() {
                                throw new IllegalStateException("cannot reach the license server");
                            }
                        }
                        """)
                .source("test.boomstart.NeverTask", """
                        package test.boomstart;
                        %s
                        @Extension
                        public class NeverTask implements TaskHead {
                            public String id() { return "never"; }
                            public String description() { return "never starts"; }
                            public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE); }
                            public List<TaskOption> options() { return List.of(); }
                            public TaskResult run(TaskRequest request, TaskContext context) {
                                throw new AssertionError("a failed plugin must not be called");
                            }
                        }
                        """.formatted(HEAD_IMPORTS)).writeTo(dir);
    }

    /** {@code boom-call}: task {@code boom} throws an exception of the plugin's own class on every call. */
    static Path failingCall(Path dir) {
        return TestPluginJar.plugin("boom-call")
                .source("test.boomcall.BoomException", """
                        package test.boomcall;
                        public class BoomException extends RuntimeException {
                            public BoomException(String message) { super(message); }
                        }
                        """)
                .source("test.boomcall.BoomTask", """
                        package test.boomcall;
                        %s
                        @Extension
                        public class BoomTask implements TaskHead {
                            public String id() { return "boom"; }
                            public String description() { return "always fails"; }
                            public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE); }
                            public List<TaskOption> options() { return List.of(); }
                            public TaskResult run(TaskRequest request, TaskContext context) {
                                throw new BoomException("the model is on fire");
                            }
                        }
                        """.formatted(HEAD_IMPORTS)).writeTo(dir);
    }

    /** {@code sleepy}: task {@code sleepy} runs until it is cancelled. */
    static Path sleepy(Path dir) {
        return TestPluginJar.plugin("sleepy").source("test.sleepy.SleepyTask", """
                package test.sleepy;
                %s
                @Extension
                public class SleepyTask implements TaskHead {
                    public String id() { return "sleepy"; }
                    public String description() { return "runs until cancelled"; }
                    public Set<InputKind> inputs() { return Set.of(InputKind.IMAGE); }
                    public List<TaskOption> options() { return List.of(); }
                    public TaskResult run(TaskRequest request, TaskContext context) {
                        while (!request.cancellation().isCancelled()) {
                            Thread.onSpinWait();
                        }
                        throw new IllegalStateException("cancelled");
                    }
                }
                """.formatted(HEAD_IMPORTS)).writeTo(dir);
    }

    private static final String BACKEND_IMPORTS = """
            import io.gitplatform.spi.*;
            import java.util.List;
            import org.pf4j.Extension;
            """;

    /** Source of class {@code Cpu} in {@code pkg}: backend {@code id}, float32 on the CPU, always available. */
    static String backendSource(String pkg, String id) {
        return """
                package %s;
                %s
                @Extension
                public class Cpu implements InferenceBackend {
                    public String id() { return "%s"; }
                    public String description() { return "float32 on the CPU"; }
                    public String engine() { return "PyTorch"; }
                    public List<String> dtypes() { return List.of("float32"); }
                    public Availability availability(BackendSettings s) { return Availability.yes(); }
                    public EnginePlacement prepare(BackendSettings s) { return EnginePlacement.cpu("float32", 0); }
                }
                """.formatted(pkg, BACKEND_IMPORTS, id);
    }

    /** {@code test-backends}: backend {@code cpu} (float32 on the CPU) and {@code nowhere} (never available). */
    static Path backends(Path dir) {
        return TestPluginJar.plugin("test-backends")
                .source("test.backends.Cpu", backendSource("test.backends", "cpu"))
                .source("test.backends.Nowhere", """
                        package test.backends;
                        %s
                        @Extension
                        public class Nowhere implements InferenceBackend {
                            public String id() { return "nowhere"; }
                            public String description() { return "needs hardware this machine lacks"; }
                            public String engine() { return "PyTorch"; }
                            public List<String> dtypes() { return List.of("float16"); }
                            public Availability availability(BackendSettings s) {
                                return Availability.no("no accelerator found (install one)");
                            }
                            public EnginePlacement prepare(BackendSettings s) {
                                throw new BackendUnavailableException("no accelerator");
                            }
                        }
                        """.formatted(BACKEND_IMPORTS)).writeTo(dir);
    }
}
