package io.lanyard.identity;

import io.lanyard.testsupport.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

  ArchitectureTest() {
    super("io.lanyard.identity");
  }
}
