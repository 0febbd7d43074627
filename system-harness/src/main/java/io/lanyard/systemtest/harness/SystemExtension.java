package io.lanyard.systemtest.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the {@link LanyardSystem}: started by the first test class that asks for it, shared
 * by every class of the run (five JVMs start once), stopped when the run ends.
 */
public final class SystemExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LanyardSystem.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SystemExtension.class))
        .computeIfAbsent(LanyardSystem.class, key -> LanyardSystem.start(), LanyardSystem.class);
  }
}
