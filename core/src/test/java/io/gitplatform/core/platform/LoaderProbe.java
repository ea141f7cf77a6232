package io.gitplatform.core.platform;

import java.lang.ref.WeakReference;

/** Test plugins report their class loader here, weakly, so a test can watch it being collected after unload. */
public final class LoaderProbe {
    private static volatile WeakReference<ClassLoader> last = new WeakReference<>(null);

    private LoaderProbe() {
    }

    public static void seen(ClassLoader loader) {
        last = new WeakReference<>(loader);
    }

    static WeakReference<ClassLoader> last() {
        return last;
    }
}
