package io.lanyard.runtime.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services whose clients may call an internal command, by the OIDC client id their token names
 * ({@code azp}). Any other service gets 403 {@code forbidden_caller}; a token not meant for this
 * service (its audience) gets 401. Checked by {@link InternalCallerFilter}; the method's own
 * annotation wins over its class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InternalCallers {

  String DIRECTORY_SYNC = "directory-sync-service";
  String DEVICE_GATEWAY = "device-gateway";
  String IDENTITY = "identity-service";
  String CREDENTIAL = "credential-service";
  String NOTIFICATION = "notification-service";

  String[] value();
}
