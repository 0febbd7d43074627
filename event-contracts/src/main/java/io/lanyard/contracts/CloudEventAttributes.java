package io.lanyard.contracts;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode: every
 * attribute is a header {@code ce_<name>}, the data is the record value, {@code content-type} names
 * its media type.
 */
public final class CloudEventAttributes {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String TENANT_ID = "ce_tenantid";
  public static final String STREAM_VERSION = "ce_streamversion";
  public static final String CONTENT_TYPE = "content-type";

  /**
   * The CloudEvents distributed tracing extension: the W3C traceparent of the span that published
   * the event, so that the consumers' spans continue the trace of the change that made it.
   */
  public static final String TRACE_PARENT = "ce_traceparent";

  private CloudEventAttributes() {}
}
