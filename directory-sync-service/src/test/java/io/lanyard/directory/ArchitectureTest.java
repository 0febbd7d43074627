package io.lanyard.directory;

import io.lanyard.testsupport.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

  ArchitectureTest() {
    super("io.lanyard.directory");
  }
}
