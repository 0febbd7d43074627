package io.lanyard.device;

import io.lanyard.testsupport.ServicePlatformResource;
import io.lanyard.testsupport.ServiceStartupContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(
    value = ServicePlatformResource.class,
    initArgs =
        @ResourceArg(name = ServicePlatformResource.DATABASE_ARG, value = "lanyard_device_test"))
class DeviceGatewayStartsTest extends ServiceStartupContract {}
