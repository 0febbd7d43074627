package io.lanyard.notification;

import io.lanyard.testsupport.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

  ArchitectureTest() {
    super("io.lanyard.notification");
  }
}
