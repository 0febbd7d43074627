package io.lanyard.notification;

import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.ServicePlatformResource;
import io.lanyard.testsupport.ServiceStartupContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

// The module's test resources, declared once: they apply to every test class (one app start).
@QuarkusTest
@QuarkusTestResource(
    value = ServicePlatformResource.class,
    initArgs =
        @ResourceArg(
            name = ServicePlatformResource.DATABASE_ARG,
            value = "lanyard_notification_test"))
@QuarkusTestResource(TestSmtp.class)
// identity-service's key API (ADR 7) and the OIDC token endpoint of the service's own identity.
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = @ResourceArg(name = FakeServices.CLIENTS_ARG, value = "identity-service"))
class NotificationServiceStartsTest extends ServiceStartupContract {}
