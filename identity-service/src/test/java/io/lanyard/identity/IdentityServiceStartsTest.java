package io.lanyard.identity;

import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.ServicePlatformResource;
import io.lanyard.testsupport.ServiceStartupContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

// credential-service is faked (WireMock): an import hands it codes and cards (UserImportTest).
@QuarkusTest
@QuarkusTestResource(
    value = ServicePlatformResource.class,
    initArgs =
        @ResourceArg(name = ServicePlatformResource.DATABASE_ARG, value = "lanyard_identity_test"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = @ResourceArg(name = FakeServices.CLIENTS_ARG, value = "credential-service"))
class IdentityServiceStartsTest extends ServiceStartupContract {}
