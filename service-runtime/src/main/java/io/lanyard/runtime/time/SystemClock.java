package io.lanyard.runtime.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time a service decides by (lockouts, reminder and email limits): the system's, in UTC. A test
 * that needs another time produces its own {@link Clock}, which takes this one's place.
 */
@ApplicationScoped
public class SystemClock {

  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
