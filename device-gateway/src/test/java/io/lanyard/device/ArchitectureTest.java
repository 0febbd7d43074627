package io.lanyard.device;

import io.lanyard.testsupport.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

  ArchitectureTest() {
    super("io.lanyard.device");
  }
}
