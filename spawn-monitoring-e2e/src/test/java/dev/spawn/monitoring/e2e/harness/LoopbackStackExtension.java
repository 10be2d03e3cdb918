package dev.spawn.monitoring.e2e.harness;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test method a fresh {@link LoopbackStack}, stops everything in it after the test (also when the
 * test failed), and puts the processes' logs and the fakes' records into a failing test's message.
 */
public final class LoopbackStackExtension implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopbackStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LoopbackStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(LoopbackStack.class, k -> new LoopbackStack(), LoopbackStack.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        LoopbackStack stack = context.getStore(NAMESPACE).get(LoopbackStack.class, LoopbackStack.class);
        if (stack == null || failure instanceof TestAbortedException) {
            throw failure;
        }
        stack.markFailed();
        AssertionError withLogs = new AssertionError(failure.getMessage() + "\n\n" + stack.report(), failure);
        withLogs.setStackTrace(failure.getStackTrace());
        throw withLogs;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoopbackStack stack = context.getStore(NAMESPACE).remove(LoopbackStack.class, LoopbackStack.class);
        if (stack != null) {
            // a line in the test output, so a run shows what each scenario observed
            System.out.println("[e2e] " + context.getRequiredTestClass().getSimpleName() + ": " + stack.notificationSummary());
            stack.close();
        }
    }
}
