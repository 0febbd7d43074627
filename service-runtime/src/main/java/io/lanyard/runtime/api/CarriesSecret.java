package io.lanyard.runtime.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answer carries a secret (a code, a card number, a token): it goes out with {@code
 * Cache-Control: no-store}, so no browser, proxy or client library keeps a copy ({@link
 * NoStoreFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CarriesSecret {}
