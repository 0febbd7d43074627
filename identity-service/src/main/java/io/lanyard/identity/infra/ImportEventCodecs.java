package io.lanyard.identity.infra;

import io.lanyard.contracts.identity.UserImportEndedV1;
import io.lanyard.contracts.identity.UserImportProgressedV1;
import io.lanyard.contracts.identity.UserImportQueuedV1;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.identity.domain.ImportEvent;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.domain.ImportResult;
import io.lanyard.identity.domain.ImportStatus;
import java.util.List;
import java.util.UUID;

/**
 * A user import's events as the public records they are stored and published as ({@code
 * UserImportQueued.v1}, {@code UserImportProgressed.v1}, {@code UserImportEnded.v1}; key: the
 * import id), and back, field by field like {@link IdentityEventCodecs}.
 */
public final class ImportEventCodecs {

  public static final JsonEventCodec<ImportEvent> IMPORTS =
      new JsonEventCodec<ImportEvent>()
          .map(
              UserImportQueuedV1.TYPE,
              ImportEvent.Queued.class,
              UserImportQueuedV1.class,
              e ->
                  new UserImportQueuedV1(
                      UUID.fromString(e.importId()),
                      e.tenantId(),
                      toContract(e.mode()),
                      e.total(),
                      e.requestedBy()),
              c ->
                  new ImportEvent.Queued(
                      c.importId().toString(),
                      c.tenantId(),
                      toDomain(c.mode()),
                      c.total(),
                      c.requestedBy()))
          .map(
              UserImportProgressedV1.TYPE,
              ImportEvent.Progressed.class,
              UserImportProgressedV1.class,
              e ->
                  new UserImportProgressedV1(
                      UUID.fromString(e.importId()),
                      e.tenantId(),
                      e.done(),
                      e.failed(),
                      e.throughLine(),
                      e.results().stream().map(ImportEventCodecs::toContract).toList()),
              c ->
                  new ImportEvent.Progressed(
                      c.importId().toString(),
                      c.tenantId(),
                      c.done(),
                      c.failed(),
                      c.throughLine(),
                      c.results() == null
                          ? List.of()
                          : c.results().stream().map(ImportEventCodecs::toDomain).toList()))
          .map(
              UserImportEndedV1.TYPE,
              ImportEvent.Ended.class,
              UserImportEndedV1.class,
              e ->
                  new UserImportEndedV1(
                      UUID.fromString(e.importId()),
                      e.tenantId(),
                      toContract(e.status()),
                      e.done(),
                      e.failed(),
                      e.reason()),
              c ->
                  new ImportEvent.Ended(
                      c.importId().toString(),
                      c.tenantId(),
                      toDomain(c.status()),
                      c.done(),
                      c.failed(),
                      c.reason()));

  private ImportEventCodecs() {}

  // Exhaustive switches, as in IdentityEventCodecs: a new value on either side fails the build.

  static UserImportQueuedV1.Mode toContract(ImportMode mode) {
    return switch (mode) {
      case ALL_OR_NOTHING -> UserImportQueuedV1.Mode.ALL_OR_NOTHING;
      case PER_LINE -> UserImportQueuedV1.Mode.PER_LINE;
    };
  }

  static ImportMode toDomain(UserImportQueuedV1.Mode mode) {
    return switch (mode) {
      case ALL_OR_NOTHING -> ImportMode.ALL_OR_NOTHING;
      case PER_LINE -> ImportMode.PER_LINE;
    };
  }

  static UserImportEndedV1.Status toContract(ImportStatus status) {
    return switch (status) {
      case COMPLETED -> UserImportEndedV1.Status.COMPLETED;
      case FAILED -> UserImportEndedV1.Status.FAILED;
      case CANCELLED -> UserImportEndedV1.Status.CANCELLED;
      case QUEUED, RUNNING -> throw new IllegalArgumentException("not an end: " + status);
    };
  }

  static ImportStatus toDomain(UserImportEndedV1.Status status) {
    return switch (status) {
      case COMPLETED -> ImportStatus.COMPLETED;
      case FAILED -> ImportStatus.FAILED;
      case CANCELLED -> ImportStatus.CANCELLED;
    };
  }

  static UserImportProgressedV1.Result toContract(ImportResult result) {
    return new UserImportProgressedV1.Result(
        result.line(),
        result.userId() == null ? null : UUID.fromString(result.userId()),
        switch (result.outcome()) {
          case CREATED -> UserImportProgressedV1.Outcome.CREATED;
          case REFUSED -> UserImportProgressedV1.Outcome.REFUSED;
        },
        result.reason());
  }

  static ImportResult toDomain(UserImportProgressedV1.Result result) {
    return new ImportResult(
        result.line(),
        result.userId() == null ? null : result.userId().toString(),
        switch (result.outcome()) {
          case CREATED -> ImportResult.Outcome.CREATED;
          case REFUSED -> ImportResult.Outcome.REFUSED;
        },
        result.reason());
  }
}
