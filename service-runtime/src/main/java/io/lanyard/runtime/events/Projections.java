package io.lanyard.runtime.events;

import io.lanyard.eventstore.consumer.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The service's projections: its event consumers, and models that are beans of their own. */
@ApplicationScoped
public class Projections {

  private final EventConsumers consumers;
  private final Instance<Projection> beans;

  Projections(EventConsumers consumers, Instance<Projection> beans) {
    this.consumers = consumers;
    this.beans = beans;
  }

  public List<Projection> all() {
    List<Projection> all = new ArrayList<>(consumers.running());
    beans.forEach(all::add);
    return all;
  }

  /** By its full name ({@code <service>.<name>}) or its own. */
  public Optional<Projection> named(String name) {
    return all().stream()
        .filter(p -> p.name().equals(name) || p.name().endsWith("." + name))
        .findFirst();
  }
}
