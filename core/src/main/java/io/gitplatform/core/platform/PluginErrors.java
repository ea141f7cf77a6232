package io.gitplatform.core.platform;

/** Turns a plugin's exception into text: the exception object itself would keep the plugin's classes alive. */
final class PluginErrors {
    private PluginErrors() {
    }

    /** The exception's class and message, and the innermost cause's when it differs. */
    static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = describe(e);
        return root == e ? text : text + " (caused by " + describe(root) + ")";
    }

    /** Why a jar was not loaded: the platform's own refusals are sentences already. */
    static String refusal(Throwable e) {
        return e instanceof PluginRefusedException ? e.getMessage() : summary(e);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
    }
}
