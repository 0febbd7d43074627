package io.lanyard.deployment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every test of the rendered overlays shares: {@code kubectl} must answer (else the class is
 * skipped and says why), and {@code @MethodSource("overlays")} names each overlay.
 */
abstract class OverlayChecks {

  @BeforeAll
  static void kubectlWithKustomize() {
    assumeTrue(
        RenderedOverlays.kubectlAnswers(),
        "kubectl (with Kustomize) is not installed here: the Kubernetes manifests are not checked");
  }

  static Stream<String> overlays() throws IOException {
    return RenderedOverlays.overlays();
  }
}
