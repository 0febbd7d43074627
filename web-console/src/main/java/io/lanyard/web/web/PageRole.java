package io.lanyard.web.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a page needs. A signed-in person without it gets the 403 page naming the role, rather
 * than the bare status a {@code @RolesAllowed} would answer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PageRole {

  String ADMIN = "lanyard-admin";
  String OPERATOR = "lanyard-operator";

  String value();
}
