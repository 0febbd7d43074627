package io.lanyard.device;

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
        @ResourceArg(name = ServicePlatformResource.DATABASE_ARG, value = "lanyard_device_test"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs =
        @ResourceArg(
            name = FakeServices.CLIENTS_ARG,
            value = "credential-service,identity-service"))
class DeviceGatewayStartsTest extends ServiceStartupContract {}
