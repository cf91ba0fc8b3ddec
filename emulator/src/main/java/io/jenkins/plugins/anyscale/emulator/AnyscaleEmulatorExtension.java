package io.jenkins.plugins.anyscale.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: injects an {@link AnyscaleEmulator} parameter (constructor, lifecycle or test method).
 * One emulator per test class (shared with its {@code @Nested} classes), started on a free port when first
 * asked for and closed after all tests of the class. Before each test, its state is reset (all service
 * accounts and keys deleted, same owner token), programmed faults are cleared and request counts zeroed.
 *
 * <pre>{@code
 * @ExtendWith(AnyscaleEmulatorExtension.class)
 * class MyTest {
 *     @Test
 *     void creates(AnyscaleEmulator anyscale) { ... }
 * }
 * }</pre>
 */
public final class AnyscaleEmulatorExtension implements ParameterResolver, BeforeEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AnyscaleEmulatorExtension.class);
    private static final String KEY = "emulator";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AnyscaleEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext.Store store = classContext(extensionContext).getStore(NAMESPACE);
        Holder holder;
        synchronized (AnyscaleEmulatorExtension.class) { // get-then-put: the one Store API alike in JUnit 5 and 6
            holder = store.get(KEY, Holder.class);
            if (holder == null) {
                holder = new Holder();
                store.put(KEY, holder);
            }
        }
        return holder.emulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Holder holder = context.getStore(NAMESPACE).get(KEY, Holder.class);
        if (holder != null) {
            holder.resetIfStarted();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Holder holder = context.getStore(NAMESPACE).remove(KEY, Holder.class);
        if (holder != null) {
            holder.close();
        }
    }

    /** The context of the outermost test class the extension is registered on, for {@code @Nested} sharing. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        ExtensionContext outermost = current;
        while (current.getParent().isPresent()
                && current.getParent().get().getTestClass().isPresent()) {
            current = current.getParent().get();
            outermost = current;
        }
        return outermost;
    }

    /**
     * Starts the emulator lazily. Deliberately not {@link AutoCloseable}: closing is done in
     * {@link #afterAll}, whatever the JUnit version's store-closing rules.
     */
    private static final class Holder {
        private AnyscaleEmulator emulator;

        synchronized AnyscaleEmulator emulator() {
            if (emulator == null) {
                emulator = AnyscaleEmulator.start();
            }
            return emulator;
        }

        synchronized void resetIfStarted() {
            if (emulator != null) {
                emulator.state().reset();
                emulator.faults().clear();
                emulator.faults().resetCounts();
            }
        }

        synchronized void close() {
            if (emulator != null) {
                emulator.close();
            }
        }
    }
}
