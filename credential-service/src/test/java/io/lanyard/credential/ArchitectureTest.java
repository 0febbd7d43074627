package io.lanyard.credential;

import io.lanyard.testsupport.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

  ArchitectureTest() {
    super("io.lanyard.credential");
  }
}
