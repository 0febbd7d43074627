package io.lanyard.credential;

import io.lanyard.testsupport.FakeServices;
import io.lanyard.testsupport.ServicePlatformResource;
import io.lanyard.testsupport.ServiceStartupContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(
    value = ServicePlatformResource.class,
    initArgs =
        @ResourceArg(
            name = ServicePlatformResource.DATABASE_ARG,
            value = "lanyard_credential_test"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = @ResourceArg(name = FakeServices.CLIENTS_ARG, value = "identity-service"))
class CredentialServiceStartsTest extends ServiceStartupContract {}
